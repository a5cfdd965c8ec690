"""The one alert component of the dashboard.

Known errors (the store cannot be read, a filter date is malformed, the
selected article is gone) become an alert the user can read; they never see
a traceback.  Plain ``html.Div(role="alert")``, no Bootstrap dependency.
"""

from __future__ import annotations

from typing import Literal

from dash import html

__all__ = ["alert"]

AlertLevel = Literal["error", "warning", "info"]


def alert(message: str, *, level: AlertLevel = "error") -> html.Div:
    """An accessible alert: ``role="alert"`` so screen readers announce it,
    class ``alert alert-<level>`` for the stylesheet.  ``message`` is shown
    as text, never as HTML."""
    return html.Div(str(message), role="alert", className=f"alert alert-{level}")
