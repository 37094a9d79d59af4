"""Planning a circle's year: programmes, the schedule generator, meetings and their changes,
holidays and calendar export."""
