"""The one exception every `scaffold` command raises for a mistake the user can fix."""


class UserError(Exception):
    """Bad input or a refused action: printed as one line, with nothing written."""
