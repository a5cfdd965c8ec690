"""Errors of the geo package.  "No match" is an empty list, never an error."""

from __future__ import annotations


class GeoError(Exception):
    """Base class of every error raised by ``geo``."""


class GazetteerError(GeoError):
    """The gazetteer index cannot be built or read."""


class BoundaryError(GeoError):
    """The country boundary file is missing or malformed."""


class GeocoderError(GeoError):
    """A geocoder failed (as opposed to finding nothing)."""


# -- online geocoders (geo.online) ----------------------------------------------
# Each error of an online geocoder also inherits the matching builtin, so callers
# that only know Python's own exceptions still catch them sensibly.  geopy's
# exceptions are translated into these once, in ``geo.online``, with
# ``raise ... from error``; nothing outside ``geo.online`` sees a geopy error.


class GeocoderConfigError(GeocoderError, ValueError):
    """A geocoder is misconfigured (raised at construction, never later).

    The message says how to fix it.
    """


class GeocoderTimeout(GeocoderError, TimeoutError):
    """The service did not answer within ``timeout_s`` (transient)."""


class GeocoderRateLimited(GeocoderError):
    """The service refused the call for now (HTTP 429; transient).

    ``retry_after`` is the number of seconds the service asked us to wait
    (from its ``Retry-After`` header), or ``None`` when it did not say.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """The service cannot be reached or failed on its side (connection error,
    HTTP 5xx; transient).  ``status_code`` is the HTTP status when there was one.
    """

    def __init__(self, message: str, *, status_code: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.retry_after = retry_after


class GeocoderAuthError(GeocoderError, PermissionError):
    """The service refused our credentials, user agent or quota (HTTP 401, 402,
    403, 407; not retried: retrying cannot fix it)."""


class GeocoderQueryError(GeocoderError, ValueError):
    """The service rejected the request itself (HTTP 400, 404, 414, …; not retried)."""


class GeocoderBadResponse(GeocoderError, ValueError):
    """The service answered something that is not what it documents (malformed
    JSON, missing fields, impossible coordinates; not retried)."""
