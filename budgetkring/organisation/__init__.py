"""The organisation and its database: circles, the overview, the demo, backups and checks."""
