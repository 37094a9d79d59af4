"""Storage: the only package that speaks SQL. Everything else uses its functions."""

from budgetkring.store.db import Store, open_store

__all__ = ["Store", "open_store"]
