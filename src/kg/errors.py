"""User-facing errors.

A `KgError` is something the user can fix (a missing file, a bad option, a broken
metadata file). The CLI prints its message as one line and exits non-zero; anything
else is a bug and keeps its traceback.
"""


class KgError(Exception):
    """An error the user can act on; the message names the file or option at fault."""


class SourceError(KgError):
    """A report text or its metadata file cannot be used."""


class ParameterError(KgError):
    """A canned-query parameter is unknown, missing or not a valid value of its type."""
