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
