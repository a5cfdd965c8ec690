"""Errors of the export functions.  Messages are fit to show to a user."""

from __future__ import annotations

__all__ = ["ExportError", "ChromiumNotFoundError", "RenderError"]


class ExportError(Exception):
    """An export cannot be produced (unknown format or chart, bad input...)."""


class ChromiumNotFoundError(ExportError, FileNotFoundError):
    """Image export (PNG, SVG, PDF, briefing packs) needs Chromium and none
    was found.  Data (CSV, GeoJSON, XLSX) and HTML map exports still work."""


class RenderError(ExportError, RuntimeError):
    """Chromium was found but rendering a figure failed or timed out."""
