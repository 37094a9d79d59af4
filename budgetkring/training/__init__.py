"""The certification path of a facilitator: trainers, the training year counted from the
schedule, observations, competences, training days, certificates and the register."""
