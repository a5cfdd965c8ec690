"""Issue 12, item 2: a file planted in the cache folder never runs code.

The gazetteer index and the place-name token keys used to be pickles: a
pickle that names ``os.system`` ran it on load, before any "is not a
gazetteer index" error.  Both caches are now :mod:`geo.packed` files, which
hold data only; these tests plant code-running pickles (and malformed packed
files) where the caches are read and check that nothing runs and the error
says what is wrong.
"""

from __future__ import annotations

import os
import pickle
import shutil
from array import array
from pathlib import Path

import pytest

from geo.errors import GazetteerError
from geo.gazetteer import INDEX_MAGIC, Gazetteer, default_index_path
from geo.packed import PackedFormatError, read_packed, write_packed


class _Boom:
    """Unpickling this runs a shell command that creates ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _plant(path: Path, marker: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps({"version": 5, "boom": _Boom(marker)}))


def test_a_planted_pickle_as_the_index_runs_nothing(tmp_path: Path):
    marker = tmp_path / "pwned"
    index = tmp_path / "cache" / "gazetteer-v5.idx"
    _plant(index, marker)
    with pytest.raises(GazetteerError, match="is not a gazetteer index"):
        Gazetteer.load(index)
    assert not marker.exists(), "loading the planted index ran its code"


def test_a_planted_pickle_under_the_old_name_is_never_opened(tmp_path: Path, monkeypatch):
    marker = tmp_path / "pwned"
    real = _real_index()
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "cache"))
    for version in range(1, 6):
        _plant(tmp_path / "cache" / f"gazetteer-v{version}.pickle", marker)
    shutil.copyfile(real, default_index_path())
    gazetteer = Gazetteer.load()
    assert gazetteer.lookup("Kabul") and not marker.exists()


def _real_index() -> Path:
    Gazetteer.load()  # builds the shared cache when missing
    return default_index_path()


@pytest.mark.parametrize("damage", ["truncated", "bad-magic", "short-column", "bad-posting",
                                    "bad-header", "not-a-dict"])
def test_a_damaged_index_is_a_clear_error(tmp_path: Path, damage: str):
    real = read_packed(_real_index(), magic=INDEX_MAGIC)
    path = tmp_path / "damaged.idx"
    if damage == "truncated":
        path.write_bytes(_real_index().read_bytes()[:100_000])
    elif damage == "bad-magic":
        path.write_bytes(b"NOTMAGIC" + _real_index().read_bytes()[8:])
    elif damage == "bad-header":
        path.write_bytes(INDEX_MAGIC + (20).to_bytes(4, "little") + b"{not json at all!!!}")
    elif damage == "not-a-dict":
        write_packed(path, [1, 2, 3], magic=INDEX_MAGIC)
    else:
        if damage == "short-column":
            real["lat"] = real["lat"][:10]
        else:
            values = real["exact"][2]
            values[0] = 4 * (len(real["names"][1]) + 5)
        write_packed(path, real, magic=INDEX_MAGIC)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load(path)
    assert "\n" not in str(info.value)


def test_packed_round_trip_keeps_types():
    data = {"a": array("I", [1, 2, 3]), "s": "x" * 1000, "short": "k", "b": b"\x00\x01",
            "n": None, "f": 1.5, "t": (array("d", [0.5]), ["p", 3]), 7: {"nested": True}}
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.bin"
        write_packed(path, data, magic=b"TESTMAGC")
        back = read_packed(path, magic=b"TESTMAGC")
        with pytest.raises(PackedFormatError):
            read_packed(path, magic=b"OTHERMAG")
    assert back["a"] == array("I", [1, 2, 3]) and back["s"] == "x" * 1000
    assert back["b"] == b"\x00\x01" and back["n"] is None and back["f"] == 1.5
    assert back["t"][0] == array("d", [0.5]) and back["t"][1] == ["p", 3]
    assert back[7] == {"nested": True}


def test_a_planted_pickle_as_the_token_key_cache_runs_nothing(tmp_path: Path, monkeypatch):
    import spacy

    from etl.nlp import _name_token_keys

    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    nlp = spacy.blank("en")
    names = ["Kabul", "North Waziristan", "Dera Ismail Khan"]
    first = _name_token_keys(nlp, names)
    (cache,) = list(tmp_path.glob("place-name-keys-*"))
    marker = tmp_path / "pwned"
    cache.write_bytes(pickle.dumps(_Boom(marker)))
    assert _name_token_keys(nlp, names) == first  # rebuilt, not unpickled
    assert not marker.exists()
    assert _name_token_keys(nlp, names) == first  # read back from the rewritten cache
