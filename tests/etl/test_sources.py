import json
from datetime import date
from pathlib import Path

import pytest

from etl.errors import RejectedInput
from etl.sources import RawDocument, html_to_text, parse_published, read_inputs

ARTICLE = "Militants attacked a checkpoint in Bajaur on Sunday, killing three soldiers, officials said."


def split(results):
    results = list(results)
    docs = [r for r in results if isinstance(r, RawDocument)]
    rejected = [r for r in results if isinstance(r, RejectedInput)]
    return docs, rejected


def test_txt_with_sidecar(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"title": "T", "source": "S", "url": "https://example.org/a", "published": "2025-11-20"}))
    docs, rejected = split(read_inputs([tmp_path]))
    assert rejected == []
    assert [(d.title, d.source, d.url, d.published) for d in docs] == [("T", "S", "https://example.org/a", "2025-11-20")]


def test_jsonl_malformed_line_rejected_rest_kept(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "1", "text": ARTICLE, "published": "2025-11-20"}),
        "{not json",
        json.dumps({"id": "3", "text": ""}),
        json.dumps({"id": "4", "text": ARTICLE + " Again."}),
    ]))
    docs, rejected = split(read_inputs([path]))
    assert [d.doc_id for d in docs] == ["1", "4"]
    assert [r.origin for r in rejected] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in rejected[0].reason


def test_csv(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_text("title,text,published\nT1,\"" + ARTICLE + "\",2025-11-01\n")
    docs, rejected = split(read_inputs([path]))
    assert rejected == [] and docs[0].title == "T1" and docs[0].published == "2025-11-01"


def test_html_page(tmp_path: Path):
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><title>Page</title><meta property='article:published_time' content='2025-10-12T08:00:00Z'>"
        "<script>var x = 1;</script></head><body><nav>Menu</nav><article><h1>Head</h1>"
        f"<p>{ARTICLE}</p><p>Second &lt;b&gt; paragraph.</p></article><footer>Foot</footer></body></html>")
    docs, rejected = split(read_inputs([path]))
    assert rejected == []
    (doc,) = docs
    assert doc.title == "Page" and doc.published == "2025-10-12T08:00:00Z"
    assert "Menu" not in doc.text and "var x" not in doc.text and "Foot" not in doc.text
    assert "Second <b> paragraph." in doc.text  # entities decoded to text, not markup


def test_rss_feed(tmp_path: Path):
    path = tmp_path / "f.rss"
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>"
        f"<item><title>One</title><link>https://example.org/1</link><description>{ARTICLE}</description>"
        "<pubDate>Wed, 19 Nov 2025 10:00:00 GMT</pubDate></item></channel></rss>")
    docs, rejected = split(read_inputs([path]))
    assert rejected == []
    assert (docs[0].title, docs[0].published, docs[0].source) == ("One", "2025-11-19", "Feed")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [("empty.txt", b"", "empty file"),
     ("blank.txt", b"   \n\n", "empty file"),
     ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
     ("latin1.txt", "caf\u00e9 news".encode("latin-1"), "not UTF-8"),
     ("data.bin", b"abc", "unsupported file type")],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path: Path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(ARTICLE)
    docs, rejected = split(read_inputs([tmp_path / name, tmp_path / "good.txt"]))
    assert len(docs) == 1
    assert len(rejected) == 1 and reason in rejected[0].reason
    assert "\n" not in str(rejected[0])


def test_huge_file_rejected(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * (1_100_000))
    _, rejected = split(read_inputs([path]))
    assert "too large" in rejected[0].reason


def test_parse_published():
    assert parse_published("2025-11-20") == (date(2025, 11, 20), "day")
    assert parse_published("2025-11") == (date(2025, 11, 1), "month")
    assert parse_published(None) == (None, "unknown")
    assert parse_published("Wed, 19 Nov 2025 10:00:00 GMT")[0] == date(2025, 11, 19)
    with pytest.raises(ValueError):
        parse_published("not a date at all")


def test_html_to_text_keeps_paragraphs():
    text, meta = html_to_text("<p>One.</p><p>Two.</p>")
    assert text == "One.\n\nTwo." and meta == {}
