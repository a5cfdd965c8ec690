"""Sources: turn input paths into raw documents.

Accepted inputs (DESIGN §6): a ``.txt`` file with an optional sidecar
``NAME.meta.json`` (title, source, url, published); ``.html``/``.htm`` pages;
``.jsonl`` and ``.csv`` files of articles (fields text, title, url, published,
source, optional id); RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``); and
folders of these (searched recursively, in name order).

Each input yields either a :class:`RawDocument` or a :class:`RejectedInput`
with a one-line reason, so one bad input never stops a batch.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from etl.errors import RejectedInput, SkippedInput

logger = logging.getLogger(__name__)

MAX_INPUT_BYTES = 5 * 1024 * 1024
MAX_ARTICLE_CHARS = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from its input, before cleaning.

    ``published`` is the raw string (or ``None``); ``origin`` names the file and,
    for multi-article files, the line or entry.
    """

    origin: str
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    published: str | None = None
    doc_id: str = ""


def parse_published(value: object) -> tuple[date | None, str]:
    """Parse a publication date: ``(date, "day")``, ``(first of month,
    "month")`` for ``YYYY-MM``, or ``(None, "unknown")``.

    Raises ``ValueError`` for a non-empty value that is not a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "unknown"
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match:
        return date(int(match[1]), int(match[2]), 1), "month"
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date(), "day"
    except ValueError:
        pass
    import dateparser  # slow to import; only for unusual date strings

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise ValueError(f"not a date: {text[:40]!r}")
    return parsed.date(), "day"


def expand_paths(
    paths: Iterable[Path], *, exclude: Callable[[Path], bool] | None = None,
) -> Iterator[Path | RejectedInput]:
    """Files to read, in name order.  Folders are walked recursively,
    following symbolic links to folders once each; hidden entries (names
    starting with ``.``), sidecars (``NAME.meta.json``) and files for which
    ``exclude`` is true (the store's own database files) are passed over.
    Every other entry that is not read gets a line: a :class:`SkippedInput`
    for a file of an unsupported type inside a folder, a
    :class:`RejectedInput` for a broken symbolic link, a symbolic link loop,
    a folder that cannot be listed, a missing path, or an unsupported file
    named on its own."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path, ancestors=(), visited=set(), exclude=exclude)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            else:
                yield _unsupported(path)
        elif path.is_symlink():
            yield RejectedInput(str(path), _link_problem(path))
        else:
            yield RejectedInput(str(path), "no such file or folder")


def _unsupported(path: Path) -> RejectedInput:
    return RejectedInput(str(path), f"unsupported file type {path.suffix or '(none)'!r}")


def _link_problem(path: Path) -> str:
    """Why a symbolic link cannot be followed: a loop or a missing target."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken symbolic link (its target does not exist)"
    return "not a regular file or folder"


def _walk(folder: Path, *, ancestors: tuple[tuple[int, int], ...],
          visited: set[tuple[int, int]], exclude: Callable[[Path], bool] | None,
          ) -> Iterator[Path | RejectedInput]:
    """The files under ``folder`` in name order (folders in place, as
    ``sorted(rglob)`` orders paths).  ``ancestors`` are the (device, inode)
    keys of the folders above: a link back to one of them is a loop;
    ``visited`` holds every folder read, so a folder reached twice through
    links is read once."""
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        yield RejectedInput(str(folder), f"cannot read folder: {error.strerror or error}")
        return
    key = (info.st_dev, info.st_ino)
    visited.add(key)
    inside = (*ancestors, key)
    for entry in entries:
        path = Path(entry.path)
        if (entry.name.startswith(".") or entry.name.endswith(".meta.json")
                or (exclude is not None and exclude(path))):
            continue
        try:
            target = entry.stat(follow_symlinks=True)
        except OSError:
            yield RejectedInput(str(path), _link_problem(path) if entry.is_symlink()
                                else "cannot read file")
            continue
        if stat.S_ISDIR(target.st_mode):
            child = (target.st_dev, target.st_ino)
            if child in inside:
                yield RejectedInput(str(path), "symbolic link loop (points back to a folder above it)")
            elif child in visited:
                logger.info("%s: folder already read through another path, skipped", path)
            else:
                yield from _walk(path, ancestors=inside, visited=visited, exclude=exclude)
        elif not stat.S_ISREG(target.st_mode):
            yield RejectedInput(str(path), "not a regular file")
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path
        else:
            yield SkippedInput(str(path), f"unsupported file type {path.suffix or '(none)'!r}")


def read_inputs(
    paths: Iterable[Path], *, exclude: Callable[[Path], bool] | None = None,
) -> Iterator[RawDocument | RejectedInput]:
    """Every document in ``paths``, or a rejection per bad input/line
    (``exclude``: see :func:`expand_paths`)."""
    for item in expand_paths(paths, exclude=exclude):
        if isinstance(item, RejectedInput):
            yield item
            continue
        try:
            yield from read_file(item)
        except RejectedInput as rejected:
            yield rejected


def read_file(path: Path) -> Iterator[RawDocument | RejectedInput]:
    """Documents of one file; raises :class:`RejectedInput` when the whole
    file is unusable, yields a rejection per malformed record otherwise."""
    origin = str(path)
    data = _read_bytes(path)
    text = decode_text(data, origin=origin)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield _text_document(path, text)
    elif suffix in HTML_SUFFIXES:
        yield html_document(text, origin=origin)
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(text, origin=origin)
    elif suffix in CSV_SUFFIXES:
        yield from _csv_documents(text, origin=origin)
    else:
        yield from _feed_documents(data, origin=origin)


def _read_bytes(path: Path) -> bytes:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise RejectedInput(origin, "empty file")
        if size > MAX_INPUT_BYTES:
            raise RejectedInput(origin, f"file too large ({size / 1e6:.1f} MB > 5 MB)")
        return path.read_bytes()
    except OSError as error:
        raise RejectedInput(origin, f"cannot read: {error.strerror or error}") from error


_UTF16_SNIFF_BYTES = 4096


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``data`` looks like UTF-16 text
    without a byte-order mark (mostly Latin text: one byte of every pair is
    NUL, always on the same side), else ``None``."""
    head = data[:_UTF16_SNIFF_BYTES]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.4 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.4 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes, *, origin: str) -> str:
    """The text of a file's bytes: UTF-8 (with or without a byte-order mark),
    or UTF-16/UTF-32 when a byte-order mark or the NUL pattern of UTF-16 says
    so.  Raises :class:`RejectedInput` for binary data, undecodable text and
    files that hold only whitespace."""
    encoding = None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding, name = "utf-32", "UTF-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, name = "utf-16", "UTF-16"
    else:
        sniffed = _utf16_without_bom(data)
        if sniffed is not None:
            encoding, name = sniffed, "UTF-16"
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise RejectedInput(origin, f"not {name} text (bad data at byte {error.start})") from error
        text = text.removeprefix("\ufeff")
        if "\x00" in text[:65536]:
            raise RejectedInput(origin, f"binary file ({name} with NUL characters)")
    else:
        if b"\x00" in data[:65536]:
            raise RejectedInput(origin, "binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RejectedInput(origin, f"not UTF-8 text (bad byte at offset {error.start})") from error
    if not text.strip():
        raise RejectedInput(origin, "empty file (only whitespace)")
    return text


def _text_document(path: Path, text: str) -> RawDocument:
    meta_path = path.with_name(path.stem + ".meta.json")
    meta: dict[str, object] = {}
    if meta_path.exists():
        try:
            loaded = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise RejectedInput(str(meta_path), f"malformed sidecar: {error}") from error
        if not isinstance(loaded, dict):
            raise RejectedInput(str(meta_path), "malformed sidecar: not a JSON object")
        meta = loaded
    return RawDocument(
        origin=str(path), text=text, title=str(meta.get("title") or ""),
        url=str(meta.get("url") or ""), source=str(meta.get("source") or ""),
        published=_str_or_none(meta.get("published")),
    )


def _str_or_none(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _record_document(record: dict[str, object], *, origin: str) -> RawDocument:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RejectedInput(origin, "record has no text")
    return RawDocument(
        origin=origin, text=text, title=str(record.get("title") or ""),
        url=str(record.get("url") or ""), source=str(record.get("source") or ""),
        published=_str_or_none(record.get("published")),
        doc_id=str(record.get("id") or ""),
    )


def _jsonl_documents(text: str, *, origin: str) -> Iterator[RawDocument | RejectedInput]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield RejectedInput(where, f"malformed JSON line ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield RejectedInput(where, "JSON line is not an object")
            continue
        try:
            yield _record_document(record, origin=where)
        except RejectedInput as rejected:
            yield rejected


# Any field of a file under MAX_INPUT_BYTES fits (the csv module's default
# limit, 131,072 characters, is far below the article limit).
csv.field_size_limit(max(csv.field_size_limit(), MAX_INPUT_BYTES + 1))


class _Lines:
    """An iterator over ``lines`` from index ``start`` (the csv module reads
    it; ``index`` tells how far it got)."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = lines
        self.index = start

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.index >= len(self.lines):
            raise StopIteration
        line = self.lines[self.index]
        self.index += 1
        return line


def csv_records(text: str) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """``(first line number, fields)`` of every non-blank CSV record, or
    ``(first line number, error)`` for a malformed one; reading resumes on
    the line after a malformed record's first line, so one bad record (a
    stray or unterminated quote) costs that record only."""
    lines = io.StringIO(text, newline="").readlines()
    start = 0
    while start < len(lines):
        source = _Lines(lines, start)
        reader = csv.reader(source, strict=True)
        while True:
            first = source.index
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield first + 1, error
                start = first + 1
                break
            if row:
                yield first + 1, row


def _csv_documents(text: str, *, origin: str) -> Iterator[RawDocument | RejectedInput]:
    records = csv_records(text)
    header = next(records, None)
    if header is None or isinstance(header[1], csv.Error) or "text" not in header[1]:
        raise RejectedInput(origin, "CSV has no 'text' column")
    fieldnames = header[1]
    for line, row in records:
        where = f"{origin}:{line}"
        if isinstance(row, csv.Error):
            yield RejectedInput(where, f"malformed CSV ({row})")
            continue
        try:
            yield _record_document(dict(zip(fieldnames, row)), origin=where)
        except RejectedInput as rejected:
            yield rejected


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Visible article text of an HTML page (paragraphs separated by blank
    lines) and its metadata (title, url, published, source)."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(markup)
    for node in tree.css("script, style, noscript, nav, header, footer, aside, form, iframe"):
        node.decompose()
    meta: dict[str, str] = {}
    for key, selectors in {
        "title": ('meta[property="og:title"]', 'meta[name="title"]'),
        "url": ('link[rel="canonical"]', 'meta[property="og:url"]'),
        "published": ('meta[property="article:published_time"]', 'meta[name="date"]',
                      'meta[name="pubdate"]', "time[datetime]"),
        "source": ('meta[property="og:site_name"]',),
    }.items():
        for selector in selectors:
            node = tree.css_first(selector)
            if node is None:
                continue
            value = (node.attributes.get("content") or node.attributes.get("href")
                     or node.attributes.get("datetime") or "")
            if value:
                meta[key] = value.strip()
                break
    if "title" not in meta:
        title_node = tree.css_first("title") or tree.css_first("h1")
        if title_node is not None:
            meta["title"] = title_node.text(strip=True)
    root = tree.css_first("article") or tree.body or tree.root
    blocks = root.css("h1, h2, h3, p, li, blockquote") if root is not None else []
    paragraphs = [b.text(separator=" ", strip=True) for b in blocks]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs and root is not None:
        paragraphs = [root.text(separator="\n", strip=True)]
    return "\n\n".join(paragraphs), meta


def html_document(markup: str, *, origin: str) -> RawDocument:
    text, meta = html_to_text(markup)
    if not text.strip():
        raise RejectedInput(origin, "HTML page has no visible text")
    return RawDocument(
        origin=origin, text=text, title=meta.get("title", ""), url=meta.get("url", ""),
        source=meta.get("source", ""), published=meta.get("published"),
    )


def _feed_documents(data: bytes, *, origin: str) -> Iterator[RawDocument | RejectedInput]:
    """The entries of an RSS/Atom file.  feedparser is handed the file's own
    bytes as a stream: given a string it would fetch a body that looks like
    a URL and open one that looks like a path."""
    import feedparser

    feed = feedparser.parse(io.BytesIO(data))
    if not feed.entries:
        reason = "not an RSS/Atom feed" if feed.bozo else "feed has no entries"
        raise RejectedInput(origin, reason)
    source = str(feed.feed.get("title", ""))
    for index, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{index}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        body_text, _ = html_to_text(body) if "<" in body else (body, {})
        if not body_text.strip():
            yield RejectedInput(where, "feed entry has no text")
            continue
        published = None
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            published = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
        yield RawDocument(
            origin=where, text=body_text, title=str(entry.get("title", "")),
            url=str(entry.get("link", "")), source=source, published=published,
        )
