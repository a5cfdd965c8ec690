"""No 5xx from any URL or callback, for any input (issue 12, item 3).

Property-based (hypothesis) over a real app built on a real SQLite store
file with the fixture events, through Flask's test client:

- every GET route of the app's URL map (the dashboard page, the Leaflet
  page, the static and Dash routes, any route added later) with hostile
  path parameters and a hostile query string (every filter key, repeated
  keys, invalid UTF-8 escapes, NUL, huge values, calendar ends);
- every server-side callback of ``app.callback_map`` (a new callback is
  covered without editing this file) through ``/_dash-update-component``,
  each input and state either its page-load value or a hostile JSON value
  (wrong types, NaN/inf, huge or negative numbers, huge strings, NUL, lone
  surrogates, nested lists and dicts), pattern-matching inputs with
  hostile concrete ids, random ``changedPropIds``, and sometimes a broken
  envelope.

A route must answer below 500.  A callback must answer 200 with a Dash
response whose outputs are the callback's, 204, or 4xx.  And nothing may
be logged at ERROR: the callbacks' safety net (``callbacks.guarded``)
turns an unexpected exception into an alert, so without that check a bug
would pass as "an alert".

Deterministic: ``derandomize=True``, no example database, no shrinking.
The numbers of examples keep the file at a few tens of seconds.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import dash
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from dashboard.app import build_app
from tests.dashboard.callback_bodies import (
    ServerCallback,
    layout_values,
    response_outputs,
    server_callbacks,
)
from tests.dashboard.fixture_events import fill_store

DISPATCH = "/_dash-update-component"
FILTER_KEYS = ("country", "from", "to", "type", "sub", "actor", "location", "source", "minfat",
               "q", "bucket", "unit")
SETTINGS = settings(deadline=None, derandomize=True, database=None, print_blob=True,
                    phases=(Phase.explicit, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
"""Deterministic and bounded: no shrinking (a failure on these large inputs
can take minutes to shrink; the failing example is printed as it was
drawn, with a blob for ``@reproduce_failure``)."""

# -- hostile values ------------------------------------------------------------------------

SPECIAL_TEXTS = [
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfff", "0001-01-01", "9999-12-31", "0000-00-00",
    "2025-02-30", "2025-10-01T25:00", "-1", "0", "2.5", "1e400", "-1e400", "inf", "-inf", "nan",
    "NaN", "day", "week", "month", "incidents", "reports", "incident", "AFG", "Battles", "Kabul",
    "Taliban", "Pakistan Today", "?minfat=inf", "?from=0001-01-01", "?q=%00", "{", "}",
    '{"a":1}', "[\"ALL\"]", "ALL", "data:csv", "map:html", "chart:nope:png", "tab-leaflet",
    "<script>alert(1)</script>", "'; DROP TABLE events; --", "%", "%ff", "..", "../../etc/passwd",
]
SPECIAL_NUMBERS = [0, -1, 1, 2**31, 2**63, -(2**63) - 1, 10**400, -(10**400), 0.5, -0.0,
                   1e300, float("inf"), float("-inf"), float("nan"), 737_000, 3_000_000]
KEYS = ["points", "customdata", "range", "map", "lassoPoints", "lon", "lat", "event_id", "unit",
        "incident_id",
        "article_id", "map.center", "map.zoom", "center", "zoom", "type", "x", "y", "value"]

huge_texts = st.tuples(st.sampled_from("9xé\x00"), st.sampled_from([201, 5_000, 100_001])).map(
    lambda pair: pair[0] * pair[1])
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.text(st.characters(categories=["Cs", "Cc", "Zs", "Lo"]), max_size=8),
    st.sampled_from(SPECIAL_TEXTS), st.sampled_from(SPECIAL_NUMBERS), huge_texts,
)
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner,
                        max_size=5),
    ),
    max_leaves=12,
)
# The shapes Plotly and Dash components send (graph clicks, selections,
# relayouts, grid rows, stored selections) with hostile leaves: random
# nesting alone rarely gets past the first key.
numbers = st.one_of(st.floats(-200, 200), st.integers(-200, 200), st.sampled_from(SPECIAL_NUMBERS),
                    scalars)
pairs = st.lists(st.one_of(st.lists(numbers, min_size=2, max_size=2), scalars), max_size=4)
ids_like = st.one_of(st.sampled_from(["", "no-such-event", "e" * 16]), scalars, nested)
shaped = st.one_of(
    st.fixed_dictionaries({"points": st.lists(st.fixed_dictionaries(
        {}, optional={"customdata": st.one_of(st.lists(ids_like, max_size=3), ids_like),
                      "lon": numbers, "lat": numbers, "x": numbers, "y": scalars}), max_size=3)}),
    st.fixed_dictionaries({"range": st.dictionaries(st.sampled_from(["map", "x"]), pairs,
                                                    max_size=2)}),
    st.fixed_dictionaries({"lassoPoints": st.dictionaries(st.sampled_from(["map"]), pairs)}),
    st.fixed_dictionaries({}, optional={
        "map.center": st.one_of(st.fixed_dictionaries({"lat": numbers, "lon": numbers}), scalars),
        "map.zoom": numbers}),
    st.fixed_dictionaries({"event_id": ids_like}, optional={"article_id": ids_like}),
    st.lists(st.fixed_dictionaries({"event_id": ids_like}, optional={"article_id": ids_like}),
             max_size=2),
    st.lists(numbers, min_size=2, max_size=4),
)
hostile = st.one_of(nested, shaped)


def _encode(text: str) -> str:
    """Percent-encode like a browser, but keep lone surrogates as the
    invalid UTF-8 bytes they would be (``surrogatepass``)."""
    return quote(text, safe="", errors="surrogatepass")


query_values = st.one_of(st.sampled_from(SPECIAL_TEXTS), st.text(max_size=20), huge_texts,
                         st.integers().map(str), st.floats().map(repr))
raw_fragments = st.sampled_from(["%ff", "%fe%ff", "%00", "%", "%zz", "%e2%82", "&&", "=",
                                 "==x", "%3D%26", "+", "%2B", "%ED%A0%80"])


@st.composite
def query_strings(draw: st.DrawFn) -> str:
    """A query string: filter keys (repeated, unknown, empty) with hostile
    values, encoded or raw, sometimes with broken escapes."""
    pairs = draw(st.lists(st.tuples(st.one_of(st.sampled_from(FILTER_KEYS), st.text(max_size=5)),
                                    query_values), max_size=6))
    parts = [f"{_encode(k)}={_encode(v)}" for k, v in pairs]
    parts += draw(st.lists(raw_fragments, max_size=2))
    parts = draw(st.permutations(parts)) if parts else parts
    return "&".join(parts)


path_segments = st.one_of(st.sampled_from(["leaflet", "heat", "jquery", "dash", "nope", "..",
                                           "leaflet.js", "x.js", "%00", "a%2Fb", "%ff"]),
                          st.text(min_size=1, max_size=12).map(_encode))

# -- the app --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> dash.Dash:
    """The real app over a real SQLite file with the fixture events, with a
    two-country outline so the boundaries route serves something."""
    url = fill_store(f"sqlite:///{tmp_path_factory.mktemp('property') / 'events.db'}")
    ring = [[60.0, 29.0], [75.0, 29.0], [75.0, 38.0], [60.0, 38.0], [60.0, 29.0]]
    outlines = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"iso_a3": "AFG", "name": "Afghanistan"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    return build_app(url, boundaries_loader=lambda: outlines)


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged_errors() -> Iterator[_Errors]:
    """ERROR records of the dashboard (its callbacks and the Flask app,
    whose logger is ``dashboard.app``)."""
    handler = _Errors()
    logger = logging.getLogger("dashboard")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def _no_errors(handler: _Errors, context: str) -> None:
    assert not handler.records, (context, [r.getMessage() for r in handler.records])


def _get_rules(app: dash.Dash) -> list[Any]:
    return sorted((r for r in app.server.url_map.iter_rules() if "GET" in r.methods),
                  key=lambda r: r.rule)


_ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


@st.composite
def urls(draw: st.DrawFn, rule: str) -> str:
    """``rule`` with each ``<converter:argument>`` a hostile segment (several
    for a ``path``) and a hostile query string."""
    def segment(match: re.Match[str]) -> str:
        count = draw(st.integers(1, 3)) if match.group(1) == "path" else 1
        return "/".join(draw(path_segments) for _ in range(count))

    path = _ARGUMENT.sub(segment, rule)
    query = draw(query_strings())
    return f"{path}?{query}" if query else path


# -- routes ---------------------------------------------------------------------------------

@settings(SETTINGS, max_examples=30)
@given(data=st.data())
def test_no_route_answers_5xx(app: dash.Dash, logged_errors: _Errors, data: st.DataObject) -> None:
    client = app.server.test_client()
    for rule in _get_rules(app):
        url = data.draw(urls(rule.rule), label=rule.rule)
        response = client.get(url)
        status = response.status_code
        response.close()
        event(f"{rule.rule}: {status}")
        assert status < 500, (url, status)
        _no_errors(logged_errors, url)


# -- callbacks -----------------------------------------------------------------------------

@st.composite
def callback_bodies(draw: st.DrawFn, cb: ServerCallback,
                    layout: dict[tuple[str, str], Any]) -> dict[str, Any]:
    """A request of ``cb``: each plain input and state its page-load value
    or a hostile one, ``ALL`` inputs as hostile lists of concrete ids,
    some inputs fired; sometimes the envelope itself broken."""
    values = {}
    for dep in cb.dependencies:
        if dep.is_pattern:
            continue
        if draw(st.booleans()):
            values[dep.key] = draw(hostile)
        elif dep.key in layout:
            values[dep.key] = layout[dep.key]
        elif dep.prop == "search":  # the URL's query string: the browser always has one
            values[dep.key] = "?" + draw(query_strings())
    wildcard_values = st.one_of(st.text(max_size=12), st.integers(), st.booleans(),
                                st.sampled_from(["", "x" * 5000, "\x00", "\ud800"]),
                                hostile)
    items = draw(st.lists(st.tuples(st.fixed_dictionaries({"event_id": wildcard_values,
                                                           "article_id": wildcard_values}),
                                    hostile), max_size=3))
    inputs = [d for d in cb.inputs if not d.is_pattern or items]
    changed = (tuple(draw(st.lists(st.sampled_from(inputs), max_size=2, unique_by=lambda d: d.key)))
               if inputs else ())
    body = cb.body(values, changed=changed, layout={}, pattern_items=items)
    if draw(st.sampled_from([False] * 9 + [True])):  # a broken envelope: must be 400
        key = draw(st.sampled_from(sorted(body)))
        body[key] = draw(hostile)
    return body


def _check_callback_response(cb: ServerCallback, response: Any, body: dict[str, Any]) -> None:
    status = response.status_code
    assert status < 500, (status, json.dumps(body, default=repr)[:500])
    if status == 200:
        outputs = response_outputs(response)
        allowed = {}
        for component, prop in cb.outputs:
            allowed.setdefault(component, set()).add(prop)
        for component, props in outputs.items():
            assert component in allowed, (component, cb.key)
            assert set(props) <= allowed[component], (props, cb.key)
    else:
        assert status == 204 or 400 <= status < 500, status


@settings(SETTINGS, max_examples=60)
@given(data=st.data())
def test_no_callback_answers_5xx(app: dash.Dash, logged_errors: _Errors,
                                 data: st.DataObject) -> None:
    client = app.server.test_client()
    layout = layout_values(app)
    for cb in server_callbacks(app):
        body = data.draw(callback_bodies(cb, layout), label=cb.key)
        response = client.post(DISPATCH, json=body)
        event(f"{cb.outputs[0][0]}: {response.status_code}")  # --hypothesis-show-statistics
        _check_callback_response(cb, response, body)
        _no_errors(logged_errors, cb.key)


def test_every_server_callback_is_driven(app: dash.Dash) -> None:
    """The sweep reaches every server-side callback Dash registered (the
    pattern-matching one included), and only those: client-side callbacks
    run in the browser."""
    callbacks = server_callbacks(app)
    server_side = [c for c in app._callback_list if not c.get("clientside_function")]
    assert len(callbacks) == len(server_side) >= 9
    assert any(d.is_pattern for cb in callbacks for d in cb.inputs)
