"""Participants, pseudonymous: codes (never names), consent and, later, attendance and progress."""
