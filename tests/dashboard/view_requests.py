"""Callback requests as the browser sends them (``POST /_dash-update-component``),
for tests that talk to the app over HTTP or through Flask's test client."""

from __future__ import annotations

from typing import Any

from dashboard import ids

CHARTS_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.KEY_FIGURES, "children"), (ids.TIMELINE_CHART, "figure"),
    (ids.FATALITIES_CHART, "figure"), (ids.TYPE_CHART, "figure"),
    (ids.LOCATIONS_CHART, "figure"), (ids.ACTORS_CHART, "figure"),
    (ids.EVENT_COUNT, "children"), (ids.ALERTS, "children"),
    (ids.TIMELINE_TITLE, "children"), (ids.TYPE_TITLE, "children"),
    (ids.TABLE_TITLE, "children"),
)


def charts_request(search: str, *, box: Any = None) -> dict[str, Any]:
    """The key figures and charts callback's request for the URL query
    ``search`` (recorded from Chromium on the dashboard)."""
    output = "...".join(f"{cid}.{prop}" for cid, prop in CHARTS_OUTPUTS)
    return {
        "output": f"..{output}..",
        "outputs": [{"id": cid, "property": prop} for cid, prop in CHARTS_OUTPUTS],
        "inputs": [{"id": ids.URL, "property": "search", "value": search},
                   {"id": ids.MAP_BOX, "property": "data", "value": box}],
        "changedPropIds": [f"{ids.URL}.search"],
        "parsedChangedPropsIds": [f"{ids.URL}.search"],
    }
