"""Self-check of a hand-coded news set in the layout of a ``news_incidents``
part (sources.tsv, gold.jsonl, incidents.jsonl), shared by the live-check
folders (each folder's check.py calls :func:`main` with its own folder):
every saved text exists and its length equals `chars`; every evidence span lies
inside its text, looks like a sentence, and its evidence_sha1 (first 12 hex
digits of the SHA-1 of text[evidence_start:evidence_end], UTF-8) matches; every
event names its coord_source; every incident_id of gold.jsonl is in
incidents.jsonl and every incident has gold events, with the same article
list; each incident's fatalities_low/high span its events' figures.
"""
import csv
import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path


ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
                                   "Remote explosive/landmine/IED", "Grenade", "Chemical weapon"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other", "Diplomacy"},
}
EVENT_KEYS = {"event_type", "sub_event_type", "date", "date_precision", "location", "country", "admin1", "lat", "lon",
              "geo_precision", "fatalities", "fatalities_note", "actor1", "actor2", "evidence_start", "evidence_end",
              "role", "uncertain", "incident_id"}
INCIDENT_KEYS = {"incident_id", "event_type", "sub_event_type", "date", "date_precision", "location", "country", "lat",
                 "lon", "fatalities_low", "fatalities_best", "fatalities_high", "articles", "note"}


def parse_date(s, prec):
    """Return (first_day, last_day) of the date, asserting the format matches the precision."""
    if prec == "day":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s), s
        d = dt.date.fromisoformat(s)
        return d, d
    if prec == "month":
        assert re.fullmatch(r"\d{4}-\d{2}", s), s
        y, m = map(int, s.split("-"))
        first = dt.date(y, m, 1)
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    if prec == "year":
        assert re.fullmatch(r"\d{4}", s), s
        y = int(s)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    raise AssertionError(f"bad date_precision {prec!r}")


def sentence_like(text, s, e):
    sl = text[s:e]
    assert sl.strip(), "empty evidence"
    assert sl == sl.strip(), f"evidence has outer whitespace: {sl[:40]!r}"
    assert len(sl) >= 20 and re.search(r"[A-Za-z]{3}", sl), f"evidence too short: {sl!r}"
    assert s == 0 or not text[s - 1].isalnum(), f"evidence starts mid-word: {sl[:40]!r}"
    assert e == len(text) or not text[e].isalnum(), f"evidence ends mid-word: {sl[-40:]!r}"
    assert sl[0].isupper() or sl[0].isdigit() or sl[0] in "\"“‘'", f"evidence does not start a sentence: {sl[:40]!r}"
    # a sentence cut off by the end of the stored excerpt may end without punctuation
    assert sl[-1] in ".!?\"”’'" or not text[e:].strip(), f"evidence does not end a sentence: {sl[-40:]!r}"
    assert "\n\n" not in sl, "evidence spans paragraphs"


def main(here: Path, cache_name: str) -> int:
    """Check the set in ``here``; its texts are in ``~/.cache/sitrep/<cache_name>/texts`` or $DEVNEWS_TEXTS."""
    HERE = here
    TEXTS = Path(os.environ.get("DEVNEWS_TEXTS", Path.home() / ".cache" / "sitrep" / cache_name / "texts"))
    with open(HERE / "sources.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows and set(rows[0]) == {"id", "cluster", "url", "query_used", "outlet", "published", "chars"}, rows[0].keys()
    src = {}
    for r in rows:
        assert r["id"] not in src, f"duplicate id {r['id']}"
        assert r["published"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"]), r
        if r["published"]:
            dt.date.fromisoformat(r["published"])
        assert r["url"].startswith("http"), r
        src[r["id"]] = r
    texts = {}
    for aid, r in src.items():
        p = TEXTS / f"{aid}.txt"
        assert p.exists(), f"missing text {p}"
        t = p.read_text(encoding="utf-8")
        assert len(t) == int(r["chars"]), f"{aid}: len {len(t)} != chars {r['chars']}"
        texts[aid] = t

    gold = [json.loads(l) for l in open(HERE / "gold.jsonl", encoding="utf-8") if l.strip()]
    assert sorted(g["id"] for g in gold) == sorted(src), "gold ids != sources ids"
    incidents = [json.loads(l) for l in open(HERE / "incidents.jsonl", encoding="utf-8") if l.strip()]
    inc = {}
    for i in incidents:
        assert INCIDENT_KEYS <= set(i), f"incident keys missing: {INCIDENT_KEYS - set(i)}"
        assert i["incident_id"] not in inc, f"duplicate incident {i['incident_id']}"
        assert i["sub_event_type"] in ACLED.get(i["event_type"], ()), (i["incident_id"], i["event_type"], i["sub_event_type"])
        parse_date(i["date"], i["date_precision"])
        assert re.fullmatch(r"[A-Z]{3}", i["country"]), i
        assert -90 <= i["lat"] <= 90 and -180 <= i["lon"] <= 180, i
        fl = [i["fatalities_low"], i["fatalities_best"], i["fatalities_high"]]
        assert all(x is None for x in fl) or (all(isinstance(x, int) and x >= 0 for x in fl) and fl[0] <= fl[1] <= fl[2]), (i["incident_id"], fl)
        inc[i["incident_id"]] = i

    used = defaultdict(set)
    figs = defaultdict(list)
    n_events = 0
    by_type = Counter()
    for g in gold:
        aid, text = g["id"], texts[g["id"]]
        assert g["url"] == src[aid]["url"] and g["published"] == src[aid]["published"], aid
        pub = dt.date.fromisoformat(g["published"]) if g["published"] else None
        assert g["events"], f"{aid}: no events"
        seen = set()
        for ev in g["events"]:
            n_events += 1
            assert EVENT_KEYS <= set(ev), f"{aid}: missing {EVENT_KEYS - set(ev)}"
            t, st = ev["event_type"], ev["sub_event_type"]
            assert st in ACLED.get(t, ()), f"{aid}: invalid pair {t} / {st}"
            by_type[t] += 1
            first, last = parse_date(ev["date"], ev["date_precision"])
            if pub:
                assert first <= pub, f"{aid}: event date {ev['date']} after publication {pub}"
                assert first.year >= pub.year - 1, f"{aid}: event {ev['date']} older than the year before publication"
            else:
                assert 2024 <= first.year <= 2025, f"{aid}: undated article with event in {first.year}"
            s, e = ev["evidence_start"], ev["evidence_end"]
            assert isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text), f"{aid}: offsets {s},{e}"
            sentence_like(text, s, e)
            sha = hashlib.sha1(text[s:e].encode("utf-8")).hexdigest()[:12]
            assert ev.get("evidence_sha1") == sha, f"{aid}: evidence_sha1 {ev.get('evidence_sha1')} != {sha}"
            assert ev.get("coord_source"), f"{aid}: no coord_source"
            assert re.fullmatch(r"[A-Z]{3}", ev["country"]), ev["country"]
            assert ev["geo_precision"] in (1, 2, 3), ev
            assert -90 <= ev["lat"] <= 90 and -180 <= ev["lon"] <= 180, ev
            assert ev["fatalities"] is None or (isinstance(ev["fatalities"], int) and ev["fatalities"] >= 0), ev
            assert ev["role"] in ("main", "background"), ev
            assert isinstance(ev["uncertain"], bool), ev
            assert ev["actor1"], f"{aid}: no actor1"
            key = (t, ev["location"], ev["date"])
            assert key not in seen, f"{aid}: duplicate (type, place, date) {key}"
            seen.add(key)
            assert ev["incident_id"] in inc, f"{aid}: unknown incident {ev['incident_id']}"
            used[ev["incident_id"]].add(aid)
            if ev["fatalities"] is not None:
                figs[ev["incident_id"]].append(ev["fatalities"])
    for iid, i in inc.items():
        assert iid in used, f"incident {iid} has no gold event"
        assert sorted(i["articles"]) == sorted(used[iid]), f"{iid}: articles {i['articles']} != {sorted(used[iid])}"
        f = figs.get(iid)
        if f:
            assert (i["fatalities_low"], i["fatalities_high"]) == (min(f), max(f)), f"{iid}: low/high {i['fatalities_low']}/{i['fatalities_high']} != figures {f}"
            assert i["fatalities_best"] in f, f"{iid}: best {i['fatalities_best']} is none of the reported figures {f}"
        else:
            assert i["fatalities_best"] is None, f"{iid}: a best figure but no event gives one"

    clusters = Counter(r["cluster"] for r in rows)
    print(f"OK: {len(rows)} articles, {n_events} events, {len(inc)} incidents")
    print("articles per cluster:", dict(clusters))
    print("events per type:", dict(by_type))
    multi = sum(1 for v in used.values() if len(v) > 1)
    print(f"incidents reported by >1 article: {multi}")
    return 0
