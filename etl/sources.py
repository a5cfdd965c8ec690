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

import csv
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from etl.errors import RejectedInput

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


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | RejectedInput]:
    """Files to read: folders are walked (supported suffixes only, sidecars
    skipped); a missing path or an unsupported file is a rejection."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(".meta.json") or child.name.startswith("."):
                    continue
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            else:
                yield RejectedInput(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
        else:
            yield RejectedInput(str(path), "no such file or folder")


def read_inputs(paths: Iterable[Path]) -> Iterator[RawDocument | RejectedInput]:
    """Every document in ``paths``, or a rejection per bad input/line."""
    for item in expand_paths(paths):
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
    text = _read_text(path)
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
        yield from _feed_documents(text, origin=origin)


def _read_text(path: Path) -> str:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise RejectedInput(origin, "empty file")
        if size > MAX_INPUT_BYTES:
            raise RejectedInput(origin, f"file too large ({size / 1e6:.1f} MB > 5 MB)")
        data = path.read_bytes()
    except OSError as error:
        raise RejectedInput(origin, f"cannot read: {error.strerror or error}") from error
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


def _csv_documents(text: str, *, origin: str) -> Iterator[RawDocument | RejectedInput]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise RejectedInput(origin, "CSV has no 'text' column")
    try:
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            try:
                yield _record_document(dict(row), origin=where)
            except RejectedInput as rejected:
                yield rejected
    except csv.Error as error:
        yield RejectedInput(f"{origin}:{reader.line_num}", f"malformed CSV ({error})")


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


def _feed_documents(text: str, *, origin: str) -> Iterator[RawDocument | RejectedInput]:
    import feedparser

    feed = feedparser.parse(text)
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
