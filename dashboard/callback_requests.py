"""The envelope of a Dash callback request, checked before Dash runs it.

The browser posts every server-side callback to ``/_dash-update-component``
as JSON: ``{"output": "<callback key>", "outputs": …, "inputs": […],
"state": […], "changedPropIds": […]}``.  Dash trusts that shape: a body that
is not an object, names no callback or a client-side one, holds fewer inputs
than the callback takes, or a changed-property id that is not JSON makes it
raise (a 500).  :func:`check_callback_request` compares the body with the
callback the app registered (``app.callback_map``: its outputs, inputs and
states, pattern-matching ids included) and raises
:class:`CallbackRequestError` (the app answers 400) for anything else.

Only the envelope is checked here: the ``value`` of each input may be any
JSON and is the callbacks' business (:mod:`dashboard.callbacks`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

__all__ = ["CallbackRequestError", "MAX_PATTERN_ITEMS", "check_callback_request"]

MAX_PATTERN_ITEMS = 10_000
"""At most this many components matched by one pattern-matching input."""
_WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")


class CallbackRequestError(ValueError):
    """A callback request does not fit the callback it names (one line,
    fit for a 400 response)."""


def _split(prop_id: str) -> tuple[str, str]:
    """``("id", "prop")`` of ``"id.prop"`` (the id may hold dots: JSON)."""
    component_id, _, prop = prop_id.rpartition(".")
    return component_id, prop


def _spec(dependency: Any) -> tuple[str, str]:
    """``(id, property)`` of a registered dependency: a dict of the
    callback map or a ``dash.Output``/``Input``/``State``."""
    if isinstance(dependency, Mapping):
        return str(dependency["id"]), str(dependency["property"])
    return _split(str(dependency))


def _pattern(component_id: str) -> dict[str, Any] | None:
    """The pattern of a pattern-matching id (``'{"type":"x","n":["ALL"]}'``),
    ``None`` for a plain id."""
    if not component_id.startswith("{"):
        return None
    pattern = json.loads(component_id)
    return pattern if isinstance(pattern, dict) else None


def _wildcard(value: Any) -> str | None:
    if isinstance(value, list) and len(value) == 1 and value[0] in _WILDCARDS:
        return str(value[0])
    return None


def _matches(pattern: Mapping[str, Any], component_id: Any) -> bool:
    """Whether a concrete dict id fits ``pattern``: the same keys, the same
    values where the pattern has no wildcard, a string, finite number or
    boolean where it has one."""
    if not isinstance(component_id, dict) or set(component_id) != set(pattern):
        return False
    for key, expected in pattern.items():
        value = component_id[key]
        if _wildcard(expected) is None:
            if value != expected or type(value) is not type(expected):
                return False
        elif not (isinstance(value, (str, bool, int))
                  or (isinstance(value, float) and math.isfinite(value))):
            return False
    return True


def _item(item: Any, *, component_id: Any, prop: str, where: str) -> None:
    if not isinstance(item, dict):
        raise CallbackRequestError(f"{where} is not an object")
    if item.get("property") != prop:
        raise CallbackRequestError(f"{where} is not the property {prop!r}")
    if isinstance(component_id, Mapping):
        if not _matches(component_id, item.get("id")):
            raise CallbackRequestError(f"{where} has an id that does not fit its pattern")
    elif item.get("id") != component_id:
        raise CallbackRequestError(f"{where} is not the component {component_id!r}")


def _dependencies(given: Any, expected: list[tuple[str, str]], *, what: str,
                  single: bool = False) -> list[dict[str, Any]]:
    """Check ``given`` (the body's inputs, state or outputs) against the
    registered ``expected`` ``(id, property)`` pairs; the flat list of
    concrete items."""
    if single:
        given = [given]
    if not isinstance(given, list) or len(given) != len(expected):
        raise CallbackRequestError(f"the request's {what} are not the callback's {len(expected)}")
    items: list[dict[str, Any]] = []
    for index, (entry, (component_id, prop)) in enumerate(zip(given, expected)):
        where = f"{what} #{index}"
        pattern = _pattern(component_id)
        wildcards = {_wildcard(v) for v in pattern.values()} if pattern else set()
        if pattern is not None and wildcards & {"ALL", "ALLSMALLER"}:
            if not isinstance(entry, list) or len(entry) > MAX_PATTERN_ITEMS:
                raise CallbackRequestError(f"{where} is not a list of matched components")
            for n, item in enumerate(entry):
                _item(item, component_id=pattern, prop=prop, where=f"{where}.{n}")
            items += entry
        else:
            _item(entry, component_id=pattern if pattern is not None else component_id,
                  prop=prop, where=where)
            items.append(entry)
    return items


def _is_input(prop_id: Any, inputs: list[tuple[str, str]]) -> bool:
    """Whether ``prop_id`` (``"id.prop"``; a pattern-matching id as JSON)
    names one of the callback's ``inputs`` (a concrete id for a pattern).
    The JSON is compared parsed: the browser writes non-ASCII characters as
    they are, Python's ``json.dumps`` as escapes."""
    if not isinstance(prop_id, str):
        return False
    component_id, prop = _split(prop_id)
    concrete: Any = component_id
    if component_id.startswith("{"):
        try:
            concrete = json.loads(component_id)
        except ValueError:
            return False
    for expected_id, expected_prop in inputs:
        if prop != expected_prop:
            continue
        pattern = _pattern(expected_id)
        if pattern is None and concrete == expected_id:
            return True
        if pattern is not None and _matches(pattern, concrete):
            return True
    return False


def check_callback_request(body: Any, callback_map: Mapping[str, Any]) -> None:
    """Raise :class:`CallbackRequestError` unless ``body`` is a request of
    one of the app's server-side callbacks (``callback_map``, Dash's
    ``app.callback_map``) with its outputs, inputs and states in order, and
    ``changedPropIds`` naming only the callback's inputs."""
    if not isinstance(body, dict):
        raise CallbackRequestError("the request body is not a JSON object")
    output = body.get("output")
    callback = callback_map.get(output) if isinstance(output, str) else None
    if callback is None or "callback" not in callback:
        raise CallbackRequestError("the request names no server-side callback of this app")
    if output.startswith(".."):
        outputs = [_split(part) for part in output[2:-2].split("...")]
        _dependencies(body.get("outputs"), outputs, what="outputs")
    else:
        _dependencies(body.get("outputs"), [_split(output)], what="outputs", single=True)
    inputs = [_spec(d) for d in callback.get("inputs", [])]
    _dependencies(body.get("inputs"), inputs, what="inputs")
    _dependencies(body.get("state", []), [_spec(d) for d in callback.get("state", [])],
                  what="state")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list):
        raise CallbackRequestError("changedPropIds is not a list")
    for prop_id in changed:
        if not _is_input(prop_id, inputs):
            raise CallbackRequestError("changedPropIds names a property that is not an input")
