"""Errors of the ETL package.

Every error a user can cause carries a one-line message fit for the terminal.
"""

from __future__ import annotations


class EtlError(Exception):
    """Base class of every error raised by ``etl``."""


class RejectedInput(EtlError):
    """An input cannot be ingested (empty, binary, too large, malformed).

    ``origin`` names the file (and line) so the CLI can print one line per
    rejected input.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type[RejectedInput], tuple[str, str]]:
        # Rejections are returned by worker processes: rebuild from both
        # arguments (the default pickles only the joined message).
        return type(self), (self.origin, self.reason)


class SkippedInput(RejectedInput):
    """A file met while walking a folder that is not an article file (an
    unsupported type: a README, a spreadsheet).  It gets a line and an
    ``ingest_log`` row like a rejection, but does not make the run fail:
    the user named the folder, not the file."""


class StoreError(EtlError):
    """The event store cannot be opened or written."""


class ModelError(EtlError):
    """The NLP model is missing or cannot be loaded."""
