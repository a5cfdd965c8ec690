"""A file format for cached read-only tables that cannot run code when read.

The caches Sitrep keeps in ``$SITREP_CACHE_DIR`` (the gazetteer index, the
place-name token keys) used to be pickles, and unpickling a file runs
whatever code the file names: a file planted in the cache folder ran before
any check.  This format holds only data:

    magic (8 bytes) · header length (4 bytes, little-endian) · header (JSON, UTF-8) · payload

The header describes a tree whose leaves are JSON scalars or point into the
payload: ``array.array`` columns (typecode, byte range), ``str`` (UTF-8 byte
range) and ``bytes``.  Lists and tuples come back as lists, dicts keep their
JSON-scalar keys (ints stay ints).  Reading parses JSON and copies bytes,
nothing else; a file that does not follow the format raises
:class:`PackedFormatError` with a one-line reason.
"""

from __future__ import annotations

import json
import os
import struct
from array import array
from pathlib import Path
from typing import Any

__all__ = ["PackedFormatError", "read_packed", "write_packed"]

_HEADER_LENGTH = struct.Struct("<I")
_MAX_HEADER_BYTES = 64 * 1024 * 1024
_TYPECODES = frozenset("bBhHiIlLqQfd")
_SCALARS = (type(None), bool, int, float)


class PackedFormatError(ValueError):
    """A file is not a packed table file of the expected kind."""


class _Writer:
    def __init__(self) -> None:
        self.chunks: list[bytes | memoryview] = []
        self.size = 0

    def _put(self, data: bytes | memoryview) -> tuple[int, int]:
        offset = self.size
        self.chunks.append(data)
        self.size += len(data)
        return offset, len(data)

    def node(self, value: Any) -> Any:
        if isinstance(value, array):
            offset, length = self._put(memoryview(value).cast("B"))
            return {"array": value.typecode, "at": offset, "n": length}
        if isinstance(value, str):
            if len(value) < 256:
                return {"json": value}
            offset, length = self._put(value.encode("utf-8", "surrogatepass"))
            return {"str": offset, "n": length}
        if isinstance(value, (bytes, bytearray)):
            offset, length = self._put(bytes(value))
            return {"bytes": offset, "n": length}
        if isinstance(value, _SCALARS):
            return {"json": value}
        if isinstance(value, (list, tuple)):
            return {"list": [self.node(item) for item in value]}
        if isinstance(value, dict):
            for key in value:
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    raise TypeError(f"packed dict keys must be str or int, not {type(key).__name__}")
            return {"dict": [[key, self.node(item)] for key, item in value.items()]}
        raise TypeError(f"cannot pack a {type(value).__name__}")


def write_packed(path: Path, data: Any, *, magic: bytes) -> None:
    """Write ``data`` (arrays, strings, bytes, JSON scalars, and lists,
    tuples and dicts of these) to ``path`` atomically, under ``magic`` (8
    bytes naming the kind of file and its version)."""
    if len(magic) != 8:
        raise ValueError("magic must be 8 bytes")
    writer = _Writer()
    header = json.dumps(writer.node(data), separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    # A temporary file of this process, renamed over the target: readers
    # (and other processes writing the same cache) never see half a file.
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        handle.write(magic)
        handle.write(_HEADER_LENGTH.pack(len(header)))
        handle.write(header)
        for chunk in writer.chunks:
            handle.write(chunk)
    temporary.replace(path)


def read_packed(path: Path, *, magic: bytes) -> Any:
    """The data written by :func:`write_packed` under the same ``magic``.

    Raises :class:`PackedFormatError` when the file is of another kind,
    truncated or malformed, and ``OSError`` when it cannot be read."""
    raw = path.read_bytes()
    start = len(magic) + _HEADER_LENGTH.size
    if len(raw) < start or raw[:len(magic)] != magic:
        raise PackedFormatError("not a file of this kind (wrong magic number)")
    (header_length,) = _HEADER_LENGTH.unpack_from(raw, len(magic))
    if header_length > min(_MAX_HEADER_BYTES, len(raw) - start):
        raise PackedFormatError("truncated header")
    try:
        header = json.loads(raw[start:start + header_length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PackedFormatError(f"malformed header ({error})") from error
    payload = memoryview(raw)[start + header_length:]
    return _Reader(payload).node(header, depth=0)


class _Reader:
    def __init__(self, payload: memoryview) -> None:
        self.payload = payload

    def _slice(self, node: dict[str, Any], key: str) -> memoryview:
        offset, length = node.get(key), node.get("n")
        if (not isinstance(offset, int) or not isinstance(length, int) or isinstance(offset, bool)
                or offset < 0 or length < 0 or offset + length > len(self.payload)):
            raise PackedFormatError("a value points outside the file")
        return self.payload[offset:offset + length]

    def node(self, node: Any, *, depth: int) -> Any:
        if depth > 32 or not isinstance(node, dict) or len(node) > 3:
            raise PackedFormatError("malformed header")
        if "json" in node:
            value = node["json"]
            if not isinstance(value, (str, *_SCALARS)):
                raise PackedFormatError("malformed header")
            return value
        if "array" in node:
            code = node["array"]
            if code not in _TYPECODES:
                raise PackedFormatError(f"unknown array type {code!r}")
            column = array(code)
            data = self._slice(node, "at")
            if len(data) % column.itemsize:
                raise PackedFormatError("an array's length is not a whole number of items")
            column.frombytes(data)
            return column
        if "str" in node:
            try:
                return bytes(self._slice(node, "str")).decode("utf-8", "surrogatepass")
            except UnicodeDecodeError as error:
                raise PackedFormatError("a string is not UTF-8") from error
        if "bytes" in node:
            return bytes(self._slice(node, "bytes"))
        if "list" in node and isinstance(node["list"], list):
            return [self.node(item, depth=depth + 1) for item in node["list"]]
        if "dict" in node and isinstance(node["dict"], list):
            out: dict[Any, Any] = {}
            for pair in node["dict"]:
                if (not isinstance(pair, list) or len(pair) != 2
                        or not isinstance(pair[0], (str, int)) or isinstance(pair[0], bool)):
                    raise PackedFormatError("malformed header")
                out[pair[0]] = self.node(pair[1], depth=depth + 1)
            return out
        raise PackedFormatError("malformed header")
