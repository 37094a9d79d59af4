"""Two facilitators at every meeting: facilitators, availability, absences, pairs, gaps and
stand-ins."""
