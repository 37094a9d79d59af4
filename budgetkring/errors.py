"""Errors that carry a plain-language message for the user."""


class UserError(Exception):
    """Something the user asked for cannot be done; ``str(err)`` is a translated plain sentence.

    The CLI prints it on one line and exits 2; the GUI shows it in a dialog. Nothing was changed.
    """


class ValidationError(UserError):
    """Input that fails validation, with a message per field for forms.

    ``fields`` maps a field name (e.g. ``"name"``) to a translated message for that field.
    """

    def __init__(self, fields: dict[str, str]):
        self.fields = dict(fields)
        super().__init__(" ".join(self.fields.values()))
