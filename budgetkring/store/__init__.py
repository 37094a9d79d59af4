"""Storage: the only package that speaks SQL. Everything else uses its functions.

One module per table (or a few tables that belong together): ``organisation``, ``circles``,
``facilitators``, ``pairs`` (circle_lead), ``absences``, ``substitutions``, ``participants``,
``programmes``, ``sessions`` (session, session_event, circle_plan); ``checks`` for the checks
across tables. ``db`` is the connection, ``opening`` opens a database safely, ``backup`` and
``lock`` keep it safe, ``migrations`` holds the schema.
"""

from budgetkring.store.db import Store
from budgetkring.store.opening import open_store

__all__ = ["Store", "open_store"]
