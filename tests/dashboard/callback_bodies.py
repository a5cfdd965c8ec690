"""Dash callback requests built from an app's own registered callbacks.

``POST /_dash-update-component`` bodies are made the way the browser makes
them (see dash-renderer's ``executeCallback``): the callback's key as
``output``, its outputs (a list for several, one object for one), its
inputs and states in order, with a pattern-matching input (``ALL``) as a list
of concrete components, and ``changedPropIds``.  The specs come from
``app.callback_map``, so a new callback is covered without editing the tests.
Values default to those of the page layout (what the browser holds on
load), so a test changes only what it means to.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import dash

_WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")


@dataclass(frozen=True)
class Dependency:
    """One input or state of a callback: a plain id (a string) or a
    pattern (a dict whose wildcard values are ``["ALL"]`` …)."""

    component_id: str | dict[str, Any]
    prop: str

    @property
    def is_pattern(self) -> bool:
        return isinstance(self.component_id, dict)

    @property
    def key(self) -> tuple[str, str]:
        return (json.dumps(self.component_id, sort_keys=True)
                if self.is_pattern else str(self.component_id), self.prop)

    def concrete(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """A concrete id for a pattern: its wildcards replaced by ``values``
        (keys missing there get ``"x"``)."""
        assert isinstance(self.component_id, dict)
        return {k: (values.get(k, "x") if _is_wildcard(v) else v)
                for k, v in self.component_id.items()}


def _is_wildcard(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and value[0] in _WILDCARDS


def _dependency(spec: Mapping[str, Any]) -> Dependency:
    component_id = spec["id"]
    if isinstance(component_id, str) and component_id.startswith("{"):
        component_id = json.loads(component_id)
    return Dependency(component_id, spec["property"])


@dataclass(frozen=True)
class ServerCallback:
    """A server-side callback of the app, as the browser sees it."""

    key: str
    outputs: tuple[tuple[str, str], ...]
    inputs: tuple[Dependency, ...]
    state: tuple[Dependency, ...]

    @property
    def multi(self) -> bool:
        return self.key.startswith("..")

    @property
    def dependencies(self) -> tuple[Dependency, ...]:
        return self.inputs + self.state

    def body(self, values: Mapping[tuple[str, str], Any] | None = None, *,
             changed: tuple[Dependency, ...] = (), layout: Mapping[tuple[str, str], Any] = {},
             pattern_items: list[tuple[dict[str, Any], Any]] | None = None) -> dict[str, Any]:
        """The request body.  ``values`` by ``Dependency.key`` (else the
        layout's value, else none); ``pattern_items``: the concrete
        components ``(wildcard values, value)`` of every ``ALL`` input
        (none by default); ``changed``: the inputs that fired."""
        values = values or {}

        def entry(dep: Dependency) -> Any:
            if dep.is_pattern:
                return [{"id": dep.concrete(ids), "property": dep.prop, "value": value}
                        for ids, value in (pattern_items or [])]
            item: dict[str, Any] = {"id": dep.component_id, "property": dep.prop}
            if dep.key in values:
                item["value"] = values[dep.key]
            elif dep.key in layout:
                item["value"] = layout[dep.key]
            return item

        outputs = [{"id": i, "property": p} for i, p in self.outputs]
        body: dict[str, Any] = {
            "output": self.key,
            "outputs": outputs if self.multi else outputs[0],
            "inputs": [entry(d) for d in self.inputs],
            "changedPropIds": [_prop_id(d, pattern_items) for d in changed],
        }
        if self.state:
            body["state"] = [entry(d) for d in self.state]
        return body


def _prop_id(dep: Dependency, pattern_items: list[tuple[dict[str, Any], Any]] | None) -> str:
    if dep.is_pattern:
        first = dep.concrete(pattern_items[0][0] if pattern_items else {})
        component = json.dumps(first, sort_keys=True, separators=(",", ":"))
        return f"{component}.{dep.prop}"
    return f"{dep.component_id}.{dep.prop}"


def _split(prop_id: str) -> tuple[str, str]:
    component_id, _, prop = prop_id.rpartition(".")
    return component_id, prop


def server_callbacks(app: dash.Dash) -> list[ServerCallback]:
    """Every server-side callback of ``app`` (client-side ones have no
    ``callback`` in the map: the browser runs them)."""
    found = []
    for key, entry in app.callback_map.items():
        if "callback" not in entry:
            continue
        parts = key[2:-2].split("...") if key.startswith("..") else [key]
        found.append(ServerCallback(
            key=key, outputs=tuple(_split(p) for p in parts),
            inputs=tuple(_dependency(d) for d in entry["inputs"]),
            state=tuple(_dependency(d) for d in entry.get("state", []))))
    return found


def layout_values(app: dash.Dash) -> dict[tuple[str, str], Any]:
    """``(id, prop) → value`` of every component property the page layout
    sets (``app.layout`` may be a function, as in Sitrep)."""
    layout = app.layout() if callable(app.layout) else app.layout
    values: dict[tuple[str, str], Any] = {}

    def visit(node: Any) -> None:
        if isinstance(node, (list, tuple)):
            for child in node:
                visit(child)
            return
        if not hasattr(node, "to_plotly_json"):
            return
        props = node.to_plotly_json()["props"]
        component_id = props.get("id")
        if isinstance(component_id, str):
            for prop, value in props.items():
                if prop not in ("id", "children"):
                    values[(component_id, prop)] = value
        visit(props.get("children"))
        for value in props.values():  # tabs, loading wrappers hold components in props
            if hasattr(value, "to_plotly_json") and value is not props.get("children"):
                visit(value)

    visit(layout)
    return values


def response_outputs(response: Any) -> dict[str, dict[str, Any]]:
    """The ``{component id: {prop: value}}`` of a 200 callback response."""
    payload = json.loads(response.get_data(as_text=True))
    assert payload.get("multi") is True, payload
    assert isinstance(payload.get("response"), dict), payload
    return payload["response"]


def alerts(node: Any) -> list[dict[str, Any]]:
    """Every alert component (``role="alert"``) in a JSON component tree."""
    found = []
    if isinstance(node, dict):
        props = node.get("props") if isinstance(node.get("props"), dict) else None
        if props is not None and props.get("role") == "alert":
            found.append(props)
        for value in node.values():
            found += alerts(value)
    elif isinstance(node, list):
        for value in node:
            found += alerts(value)
    return found
