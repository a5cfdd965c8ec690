"""Component ids of the dashboard, in one place.

Layouts and callbacks import these constants; no id is spelled as a string
literal anywhere else.  The browser tests use them as CSS ids (``#`` + id).
"""

from __future__ import annotations

from typing import Final

# Filters
COUNTRY_FILTER: Final = "country-filter"
DATE_FILTER: Final = "date-filter"
RESET_BUTTON: Final = "reset-button"

# Views
MAP_GRAPH: Final = "event-map"
TYPE_CHART: Final = "events-by-type"
FATALITIES_CHART: Final = "fatalities-over-time"
EVENT_LIST: Final = "event-list"
EVENT_COUNT: Final = "event-count"
ALERTS: Final = "alerts"
ARTICLE_PANEL: Final = "article-panel"

# State kept in the browser (one per user, never module-global)
SELECTED_EVENT: Final = "selected-event"

# Pattern-matching id type of the buttons in the event list:
# ``{"type": EVENT_ITEM, "event_id": "<id>"}``
EVENT_ITEM: Final = "event-item"

# Output of the client-side callback that scrolls the evidence into view
SCROLL_SINK: Final = "scroll-sink"
