"""Budgetkring core: domain, rules, storage and commands. Never imports Qt."""

__version__ = "0.1.0"
APP_NAME = "Budgetkring"
