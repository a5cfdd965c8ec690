"""Helpers on the spaCy parse shared by the event stages: a token's
ancestors and governing verb, the sentence of a token, the doc's sentences,
tokens and noun chunks read once and cached on the doc, and the words of a
verb's object or target."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx


def ancestors(token: Token, limit: int = 6) -> list[Token]:
    out: list[Token] = []
    current = token
    while current.head.i != current.i and len(out) < limit:
        current = current.head
        out.append(current)
    return out


def object_words(token: Token) -> set[str]:
    """Words that can be a verb's object: the few words after it, its object
    ("found a tunnel the rebels used to store rifles"), its passive subject
    ("a cache of arms was found"), and the noun a participle or relative
    clause describes ("a stash of shells found near the river", "the rifles
    the troops seized")."""
    sentence = sent_of(token)
    window = list(sentence.doc[token.i + 1:min(sentence.end, token.i + 9)])
    # a particle's verb holds the object ("drones were shot down": "drones" hangs on "shot")
    verbs = [token, token.head] if token.dep_ == "prt" else [token]
    for child in (c for verb in verbs for c in verb.children):
        if child.dep_ in ("nsubjpass", "dobj"):
            window.extend(child.subtree)
    if token.dep_ == "acl":
        window.extend(sentence.doc[max(sentence.start, token.i - 8):token.i])
        before = sentence.doc[token.i - 1] if token.i > sentence.start else None
        while before is not None and before.dep_ == "conj" and before.head.i < before.i:
            before = before.head  # "petrol bombs, masonry, bricks and fireworks thrown at police": the list
        if before is not None and before.pos_ in ("NOUN", "PROPN"):
            window.extend(t for t in before.subtree if t.i < token.i)
    elif token.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in token.children):
        window.extend(t for t in token.head.subtree if t.i < token.i)
    return {t.lower_ for t in window}


def object_heads(token: Token) -> set[str]:
    """The nouns of a verb's object (or passive subject) and their
    conjuncts: "seized rifles, a launcher and rounds of ammunition"."""
    heads: list[Token] = []
    stack = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    while stack:
        noun = stack.pop()
        heads.append(noun)
        stack.extend(c for c in noun.children if c.dep_ in ("conj", "appos"))
    return {t.lower_ for t in heads}


def has_object(token: Token, words: frozenset[str]) -> bool:
    """Does a word of ``words`` name the trigger's object (``object_words``)?"""
    return bool(object_words(token) & words)


def target_words(token: Token) -> set[str]:
    """Words of the trigger's target: its object or passive subject, the
    object of "on/against/at", else the few words after it up to a clause
    break."""
    words: set[str] = set()
    heads = [token]
    if token.head.i != token.i and token.dep_ in ("dobj", "compound", "pobj", "oprd", "prt", "acomp"):
        # "opened fire on X": the preposition hangs on "opened"; "X was shot dead",
        # "X was gunned down": the victim is the verb's
        heads.append(token.head)
    if token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.pos_ == "VERB":
        # "doctors and nurses were injured by police gunfire": whom it hit (not the agent phrase,
        # the trigger's own words)
        heads = [token, token.head.head]
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
                words.update(t.lower_ for t in child.subtree)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "upon", "into"):
                words.update(t.lower_ for t in child.subtree)
    if not words:
        for t in token.doc[token.i + 1:min(sent_of(token).end, token.i + 7)]:
            if t.is_punct or t.pos_ in ("VERB", "CCONJ", "SCONJ") or (t.dep_ == "agent" and t.head.i == token.i):
                break  # (not "killed by gunmen": the doer)
            words.add(t.lower_)
    return words


def noun_chunks(sentence: Span) -> list[Span]:
    """The sentence's noun chunks; the doc's chunks are computed once and
    cached (``Span.noun_chunks`` walks the whole document on every call)."""
    doc = sentence.doc
    cached = doc.user_data.get("sitrep_noun_chunks")
    if cached is None:
        chunks = list(doc.noun_chunks)
        cached = (chunks, [c.start for c in chunks])
        doc.user_data["sitrep_noun_chunks"] = cached
    chunks, starts = cached
    found: list[Span] = []
    for i in range(bisect_left(starts, sentence.start), len(chunks)):
        if chunks[i].start >= sentence.end:
            break
        if chunks[i].end <= sentence.end:
            found.append(chunks[i])
    return found


def doc_sentences(doc: Doc) -> list[Span]:
    if doc.user_data.get("sitrep_sentences") is None and len(doc):
        sent_of(doc[0])
    return doc.user_data["sitrep_sentences"][0] if len(doc) else []


def sent_of(token: Token) -> Span:
    """``sent_of(token)`` without re-walking the document each time (spaCy's
    property scans every sentence); cached on the doc."""
    doc = token.doc
    cache = doc.user_data.get("sitrep_sentences")
    if cache is None:
        sentences = list(doc.sents)
        owner = [0] * len(doc)
        for k, sentence in enumerate(sentences):
            for i in range(sentence.start, sentence.end):
                owner[i] = k
        cache = (sentences, owner)
        doc.user_data["sitrep_sentences"] = cache
    sentences, owner = cache
    return sentences[owner[token.i]]


def token_table(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """Lower-cased words, lower-cased lemmas and coarse POS of every token,
    read once per doc from its arrays (building a ``Token`` per word per
    sentence visit costs more than the trigger search itself); cached."""
    table = doc.user_data.get("sitrep_token_table")
    if table is None:
        strings = doc.vocab.strings
        rows = doc.to_array([LOWER, LEMMA, POS]).tolist() if len(doc) else []
        table = ([strings[lower] for lower, _, _ in rows],
                 [strings[lemma].lower() for _, lemma, _ in rows],
                 [strings[pos] for _, _, pos in rows])
        doc.user_data["sitrep_token_table"] = table
    return table


def governing_verb(token: Token, *, limit: int = 5) -> Token | None:
    current = token
    for _ in range(limit):
        if current.pos_ in ("VERB", "AUX") and current.i != token.i:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def sequel(token: Token) -> Token | None:
    """The "followed by" clause that tells the same act again at another
    place: "seized Goma in January, followed by Bukavu in February" (its
    participle, whose subtree holds the second place and date), else ``None``."""
    # on the act's verb, or on its participle ("struck Kharkiv, killing four, followed by Odesa")
    nodes = [token, *(c for c in token.children if c.dep_ == "advcl" and c.tag_ == "VBG")]
    for node in nodes:
        for child in node.children:
            if child.dep_ in ("advcl", "conj") and child.lemma_.lower() == "follow" and child.tag_ == "VBN" and \
                    any(c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children) for c in child.children):
                return child
    return None


def in_subtree(token: Token, root: Token | None) -> bool:
    """Does ``token`` lie in ``root``'s subtree (``False`` without a root)?"""
    return root is not None and root.left_edge.i <= token.i <= root.right_edge.i


def country_code(word: str) -> str:
    """The ISO3 code a word names ("Pakistan's", "Pakistani", "Afghans",
    "US" in capitals, never the pronoun), or ""."""
    key = re.sub(r"(?:['’]s|['’])$", "", word.lower())
    if key == "us" and word not in ("US", "U.S."):
        return ""  # the pronoun
    code = lx.COUNTRY_CODES.get(key)
    if code is None and key.endswith("s") and len(key) > 3:
        code = lx.COUNTRY_CODES.get(key[:-1])  # a plural: "Afghans"
    return code or ""


def nation_people(word: str) -> bool:
    """Does a word name a nation's people ("Palestinians", "Afghans"), not
    its state ("Pakistan") or its adjective ("Pakistani")?"""
    key = word.lower()
    return key not in lx.COUNTRY_CODES and key.endswith("s") and len(key) > 3 and key[:-1] in lx.COUNTRY_CODES


def token_country(token: Token) -> str:
    """The ISO3 code the token names with the proper nouns before it: "South
    Sudan’s" is South Sudan, not Sudan; a name that is no country with them
    ("Upper Nile") names none."""
    before = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.pos_ == "PROPN"]
    if before:
        return country_code(" ".join(t.text for t in [*before, token]))
    return country_code(token.text)


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds the token (the token itself if none)."""
    return next((a for a in [token, *ancestors(token, limit=4)] if a.pos_ == "VERB"), token)


# Times a "next" puts ahead ("next Wednesday", "next week")
_COMING = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weekend",
                     "month", "year", "round"})


def told_as_coming(verb: Token) -> bool:
    """Is the clause of the verb told for a time ahead ("to continue
    discussions in Oman next Wednesday", "will meet next week")?"""
    return any(t.lower_ == "next" and t.head.lower_ in _COMING and clause_verb(t.head).i == verb.i
               for t in verb.subtree)


# Verbs that give the toll of their subject ("clashes killed one soldier", "clashes left one dead")
_TOLL_VERBS = frozenset({"kill", "leave", "claim"})


def tolls_itself(token: Token) -> bool:
    """Is the event noun the subject of its own toll ("launched air strikes
    after clashes killed one Thai soldier", "clashes left one soldier dead")?"""
    return token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.lemma_.lower() in _TOLL_VERBS and any(
        c.dep_ == "dobj" and (c.like_num or any(n.dep_ == "nummod" for n in c.children)) for c in token.head.children)


def bidden(verb: Token) -> bool:
    """Is the verb what someone was bidden or meant to do ("ordered the army
    to ramp up operations", "the bombs were timed to explode on Friday"): an
    infinitive under such a head?  (Not "waiting to collect aid": what they
    were doing.)"""
    head = verb.head.lemma_.lower()
    return (verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and head in _MEANT_HEADS)) and head in lx.BIDDING_HEADS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# what a thing was made or set for ("timed to explode"), read as an adverbial clause by the parser
_MEANT_HEADS = frozenset({"time", "design", "mean"})


def relative_clause_of(token: Token, *, limit: int) -> Token | None:
    """The verb of the nearest relative clause holding ``token`` (the token
    itself or one of its first ``limit`` ancestors), or ``None``."""
    for node in [token, *ancestors(token, limit=limit)]:
        if node.dep_ == "relcl":
            return node
    return None


def after_read_as_conj(token: Token, *, preps: tuple[str, ...] = ("after", "following", "before")) -> Token | None:
    """"… came barely 48 hours after two communities were attacked and 25
    people killed", parsed as "came … and were attacked": the "after" of the
    verb ``token`` is joined to, when ``token``'s subject stands after it
    (the clause it heads is the one "after" introduces).  ``None`` otherwise."""
    node = token
    for _ in range(3):
        if node.dep_ != "conj" or node.pos_ not in ("VERB", "AUX"):
            return None
        head = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in preps and \
                    head.i < prep.i < node.i and (not subjects or subjects[0].i > prep.i):
                return prep
        node = head
    return None


def recalled_scope(token: Token) -> tuple[int, int] | None:
    """The token range of the clause around ``token`` that recalls an event
    ("after the attack on …", "in retaliation for the April 22 attack in
    Pahalgam"), or ``None``."""
    misread = after_read_as_conj(token)
    if misread is not None:
        return misread.i, sent_of(token).end
    for node in ancestors(token, limit=8):
        if node.dep_ in ("prep", "mark") and (node.lower_ in lx.BACKGROUND_PREPS or (
                node.lower_ in ("for", "to") and node.head.lemma_.lower() in lx.REPRISAL_NOUNS)):
            return node.left_edge.i, node.right_edge.i + 1
    return None


def not_chosen(node: Token) -> bool:
    """Is the phrase of ``node`` the alternative not taken ("chooses
    ballistics instead of the negotiating table", "rather than talks")?"""
    start = node.left_edge.i
    return [t.lower_ for t in node.doc[max(0, start - 2):start]] in (["instead", "of"], ["rather", "than"])


# Verbs that rank what their subject is ("The attack represents one of the deadliest …")
RANKING_VERBS = frozenset({"be", "represent", "mark", "rank", "become", "remain", "constitute"})


def series_of_it(token: Token) -> bool:
    """An event noun naming the run of events the subject belongs to ("The
    arrest is part of a broader crackdown on dissent", "the airstrike marks
    the latest in a succession of deadly assaults"): the whole run, told to
    place the event in it, is no event of its own."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ not in ("of", "in"):
        return False
    holder = token.head.head
    if holder.lower_ in lx.SERIES_NOUNS and holder.dep_ == "pobj" and holder.head.lower_ in ("of", "in"):
        holder = holder.head.head  # "the latest in a succession of assaults"
    if holder.lower_ not in ("part", "latest", "newest") or holder.dep_ not in ("attr", "dobj", "acomp"):
        return False
    verb = holder.head
    return verb.lemma_.lower() in RANKING_VERBS and any(c.dep_ == "nsubj" for c in verb.children)
