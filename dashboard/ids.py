"""Component ids of the dashboard, in one place.

Layouts and callbacks import these constants; no id is spelled as a string
literal anywhere else.  The browser tests use them as CSS ids (``#`` + id).
"""

from __future__ import annotations

from typing import Final

# The page URL: its query string holds the filter state
URL: Final = "url"

# Filters
COUNTRY_FILTER: Final = "country-filter"
DATE_FILTER: Final = "date-filter"
DATE_SLIDER: Final = "date-slider"
TYPE_FILTER: Final = "type-filter"
SUBTYPE_FILTER: Final = "subtype-filter"
ACTOR_FILTER: Final = "actor-filter"
LOCATION_FILTER: Final = "location-filter"
SOURCE_FILTER: Final = "source-filter"
MIN_FATALITIES: Final = "min-fatalities"
TEXT_SEARCH: Final = "text-search"
BUCKET: Final = "bucket"
UNIT: Final = "count-unit"
RESET_BUTTON: Final = "reset-button"
FILTER_ALERT: Final = "filter-alert"
MAP_SHADE: Final = "map-shade"

# Views
KEY_FIGURES: Final = "key-figures"
MAP_GRAPH: Final = "event-map"
TIMELINE_CHART: Final = "events-over-time"
TYPE_CHART: Final = "events-by-type"
FATALITIES_CHART: Final = "fatalities-over-time"
LOCATIONS_CHART: Final = "top-locations"
ACTORS_CHART: Final = "actor-pairs"
EVENTS_TABLE: Final = "events-table"
TABLE_NOTE: Final = "table-note"
EVENT_COUNT: Final = "event-count"
ALERTS: Final = "alerts"
ARTICLE_PANEL: Final = "article-panel"
TABS: Final = "view-tabs"
TAB_CHARTS: Final = "tab-charts"
TAB_LEAFLET: Final = "tab-leaflet"
LEAFLET_FRAME: Final = "leaflet-frame"
SELECTION_NOTE: Final = "selection-note"
CLEAR_SELECTION: Final = "clear-selection"
# Titles that name what is counted (incidents or reports)
TIMELINE_TITLE: Final = "events-over-time-title"
TYPE_TITLE: Final = "events-by-type-title"
TABLE_TITLE: Final = "events-table-title"

# Export menu
EXPORT_CHOICE: Final = "export-choice"
EXPORT_BUTTON: Final = "export-button"
EXPORT_PROGRESS: Final = "export-progress"
EXPORT_STATUS: Final = "export-status"
EXPORT_DOWNLOAD: Final = "export-download"

# State kept in the browser (one per user, never module-global)
SELECTED_EVENT: Final = "selected-event"
MAP_BOX: Final = "map-box"
MAP_VIEW: Final = "map-view"

# Pattern-matching id type of the event buttons in the article panel:
# ``{"type": EVENT_ITEM, "event_id": "<id>", "article_id": "<id>"}``
EVENT_ITEM: Final = "event-item"
# ... and of the button that opens a report's incident:
# ``{"type": INCIDENT_ITEM, "incident_id": "<id>"}``
INCIDENT_ITEM: Final = "incident-item"

# Output of the client-side callback that scrolls the evidence into view
SCROLL_SINK: Final = "scroll-sink"
