"""The command line: ``main`` wires the subcommands of each capability together; ``common`` is
what every command shares."""
