"""Helpers to inspect Dash component trees in unit tests."""

from __future__ import annotations

from typing import Any

from dash import html
from dash.development.base_component import Component


def text_of(node: Any) -> str:
    """The text a component renders (its string descendants, in order)."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if isinstance(node, (list, tuple)):
        return "".join(text_of(n) for n in node)
    return text_of(getattr(node, "children", None))


def walk(node: Any) -> list[Any]:
    """``node`` and all its descendants (components and strings), depth first."""
    found = [node]
    children = node if isinstance(node, (list, tuple)) else getattr(node, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found += walk(child)
    elif isinstance(children, (Component, str)):
        found += walk(children)
    return found


def marks(node: Any) -> list[html.Mark]:
    return [n for n in walk(node) if isinstance(n, html.Mark)]
