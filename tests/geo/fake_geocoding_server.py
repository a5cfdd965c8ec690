"""A real HTTP server on 127.0.0.1 that answers like Nominatim, Photon and ArcGIS.

Used by ``tests/geo/test_online.py`` so that the online geocoders are tested
through geopy and a real socket, not by mocking geopy.

Paths (as geopy 2.5 calls them):

* Nominatim ``/search?q=…&format=json&limit=…&addressdetails=1`` -> JSON list
* Photon ``/api?q=…&limit=…`` -> GeoJSON FeatureCollection
* ArcGIS ``/arcgis/rest/services/World/GeocodeServer/findAddressCandidates?singleLine=…&f=json``
  -> ``{"candidates": [...]}``

Without a script, a query gets the canned answer of ``CANNED`` (a few real-looking
places) or the service's empty answer.  ``server.script(query, reply, …)``
queues replies for one query (any service); each request for that query takes
the next one, and once the queue is empty the canned answer is given again.
Every request is recorded (``server.requests``) so tests can count network calls.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

NOMINATIM_PATH = "/search"
PHOTON_PATH = "/api"
ARCGIS_PATH = "/arcgis/rest/services/World/GeocodeServer/findAddressCandidates"
SERVICE_BY_PATH = {NOMINATIM_PATH: "nominatim", PHOTON_PATH: "photon", ARCGIS_PATH: "arcgis"}
QUERY_PARAM = {"nominatim": "q", "photon": "q", "arcgis": "singleLine"}

CANNED_ANSWER = object()  # marker: reply with the canned answer of the query
EMPTY_ANSWER = object()  # marker: reply with the service's empty answer


@dataclass(frozen=True)
class Reply:
    """One scripted reply: status, headers, body (a JSON-able object, raw text,
    or one of the markers), and a delay before anything is sent."""

    status: int = 200
    body: Any = CANNED_ANSWER
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


def canned() -> Reply:
    return Reply()


def empty() -> Reply:
    return Reply(body=EMPTY_ANSWER)


def status(code: int, *, retry_after: str | None = None, body: Any = "") -> Reply:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return Reply(status=code, body=body, headers=headers)


def slow(delay_s: float) -> Reply:
    return Reply(delay_s=delay_s)


def malformed() -> Reply:
    return Reply(body='[{"lat": "34.5", "lon": 69.1, "display_name": "Kab')


def json_body(obj: Any) -> Reply:
    return Reply(body=obj)


@dataclass(frozen=True)
class RecordedRequest:
    service: str
    path: str
    query: str | None
    params: dict[str, list[str]]
    headers: dict[str, str]


# -- canned answers -------------------------------------------------------------------

# (name, lat, lon, iso2, state, osm_type, osm_id, class, type, addresstype,
#  place_rank, importance, arcgis_type, arcgis_score)
_PLACES: dict[str, list[tuple[Any, ...]]] = {
    "kabul": [
        ("Kabul", 34.5260109, 69.1776838, "AF", "Kabul Province", "node", 240134032,
         "place", "city", "city", 16, 0.7339, "City", 100.0),
        ("Kabul Province", 34.5, 69.25, "AF", "Kabul Province", "relation", 1612960,
         "boundary", "administrative", "province", 8, 0.55, "Region", 88.0),
    ],
    "pakistan": [
        ("Pakistan", 30.3308401, 71.247499, "PK", "", "relation", 307573,
         "boundary", "administrative", "country", 4, 0.9, "Country", 100.0),
    ],
    "adampur": [
        ("Adampur", 31.4322, 75.7153, "IN", "Punjab", "node", 245689012,
         "place", "town", "town", 18, 0.35, "City", 100.0),
        ("Adampur", 29.2875, 75.7924, "IN", "Haryana", "node", 245689013,
         "place", "town", "town", 18, 0.33, "City", 100.0),
    ],
}
# A service that answers anything with some unrelated place ("garbage in").
_PLACES["xqzzyplorf"] = [_PLACES["kabul"][0]]


def _nominatim(places: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    answer = []
    for (name, lat, lon, iso2, state, osm_type, osm_id, cls, typ, addresstype, rank,
         importance, _atype, _ascore) in places:
        address = {"country": {"AF": "Afghanistan", "PK": "Pakistan", "IN": "India"}[iso2],
                   "country_code": iso2.lower()}
        if state:
            address["state"] = state
        answer.append({
            "place_id": abs(hash((osm_type, osm_id))) % 10**9,
            "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
            "osm_type": osm_type, "osm_id": osm_id, "lat": f"{lat}", "lon": f"{lon}",
            "class": cls, "type": typ, "place_rank": rank, "importance": importance,
            "addresstype": addresstype, "name": name,
            "display_name": ", ".join(x for x in (name, state, address["country"]) if x),
            "address": address,
            "boundingbox": [f"{lat - 0.1}", f"{lat + 0.1}", f"{lon - 0.1}", f"{lon + 0.1}"],
        })
    return answer


def _photon(places: list[tuple[Any, ...]]) -> dict[str, Any]:
    features = []
    for (name, lat, lon, iso2, state, osm_type, osm_id, _cls, typ, addresstype, _rank,
         _importance, _atype, _ascore) in places:
        photon_type = {"province": "state"}.get(addresstype, addresstype)
        properties = {
            "osm_type": osm_type[0].upper(), "osm_id": osm_id,
            "osm_key": "place" if _cls == "place" else _cls, "osm_value": typ,
            "type": photon_type, "name": name, "countrycode": iso2,
            "country": {"AF": "Afghanistan", "PK": "Pakistan", "IN": "India"}[iso2],
        }
        if state:
            properties["state"] = state
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _arcgis(places: list[tuple[Any, ...]]) -> dict[str, Any]:
    iso3 = {"AF": "AFG", "PK": "PAK", "IN": "IND"}
    candidates = []
    for (name, lat, lon, iso2, state, *_rest, atype, ascore) in places:
        candidates.append({
            "address": ", ".join(x for x in (name, state, iso3[iso2]) if x),
            "location": {"x": lon, "y": lat},
            "score": ascore,
            "attributes": {"Addr_type": "Locality", "Type": atype, "PlaceName": name,
                           "Country": iso3[iso2], "Region": state, "Subregion": ""},
            "extent": {"xmin": lon - 0.1, "ymin": lat - 0.1, "xmax": lon + 0.1, "ymax": lat + 0.1},
        })
    return {"spatialReference": {"wkid": 4326, "latestWkid": 4326}, "candidates": candidates}


def canned_answer(service: str, query: str | None) -> Any:
    places = _PLACES.get((query or "").strip().casefold(), [])
    return {"nominatim": _nominatim, "photon": _photon, "arcgis": _arcgis}[service](places)


# -- the server -----------------------------------------------------------------------


class FakeGeocodingServer:
    """Start with ``start()`` (random free port on 127.0.0.1), stop with ``stop()``."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._scripts: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def domain(self) -> str:
        """What the geocoders take as ``domain`` (with ``scheme="http"``)."""
        return f"127.0.0.1:{self.port}"

    def start(self) -> FakeGeocodingServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        class Httpd(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # clients that gave up (timeouts) close the socket early

        self._httpd = Httpd(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._scripts.clear()

    def script(self, query: str, *replies: Reply) -> None:
        with self._lock:
            self._scripts.setdefault(query, []).extend(replies)

    def count(self, query: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if query is None or r.query == query)

    def _next_reply(self, query: str | None) -> Reply:
        with self._lock:
            queue = self._scripts.get(query or "")
            return queue.pop(0) if queue else canned()

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlparse(handler.path)
        service = SERVICE_BY_PATH.get(url.path)
        params = parse_qs(url.query, keep_blank_values=True)
        query = params.get(QUERY_PARAM[service], [None])[0] if service else None
        with self._lock:
            self.requests.append(RecordedRequest(
                service=service or "", path=url.path, query=query, params=params,
                headers={k.lower(): v for k, v in handler.headers.items()}))
        if service is None:
            self._send(handler, 404, {"error": "no such path"}, {})
            return
        reply = self._next_reply(query)
        if reply.delay_s:
            time.sleep(reply.delay_s)
        body = reply.body
        if body is CANNED_ANSWER:
            body = canned_answer(service, query)
        elif body is EMPTY_ANSWER:
            body = canned_answer(service, None)
        self._send(handler, reply.status, body, reply.headers)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, code: int, body: Any,
              headers: dict[str, str]) -> None:
        if isinstance(body, (bytes, str)):
            data = body.encode("utf-8") if isinstance(body, str) else body
            content_type = "text/plain; charset=utf-8"
        else:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        try:
            handler.send_response(code)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            handler.send_header("Connection", "close")
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
            handler.wfile.flush()
        except OSError:
            pass  # the client gave up (timeout)
        handler.close_connection = True
