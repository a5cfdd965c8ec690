"""Fixtures of the geo tests.

``gazetteer``: the real index (``geo.gazetteer.default_index_path()``; honours
``$SITREP_CACHE_DIR``).  Built once, about 30 s, when missing.
``boundaries``: the Natural Earth asset in ``assets/``.
``resolver``: both together.
``seed_text``: a short self-written article in the style of the seed article.
"""

from __future__ import annotations

import pytest

from geo.boundaries import Boundaries
from geo.gazetteer import Gazetteer
from geo.resolver import Resolver

SEED_TEXT = (
    "ISLAMABAD: Russia on Wednesday offered to mediate Pakistan's conflicts with India and "
    "Afghanistan. Moscow's envoy spoke in Islamabad. Pakistan retaliated with strikes inside "
    "Afghanistan, including in Kabul and Kandahar. Pakistani jets destroyed India's S-400 air "
    "defence system in Adampur. Talks mediated by Qatar and Turkey broke down; Iran offered help. "
    "The clashes ended after a US-brokered ceasefire."
)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def boundaries() -> Boundaries:
    return Boundaries.load()


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer, boundaries: Boundaries) -> Resolver:
    return Resolver(gazetteer, boundaries=boundaries)


@pytest.fixture()
def seed_text() -> str:
    return SEED_TEXT
