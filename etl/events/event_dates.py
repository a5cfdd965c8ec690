"""Attributes, date: when an event happened.

The sentence's own date expression -- the one in the trigger's clause first;
not a filing date in parentheses or after a "date" label, not one inside a
back-reference or dating another event ("the July 2 attack"), and one that
only dates the saying ("police on Monday said …") last -- else "the next
day" after the previous event, else the date of the previous event in the
article at a coarser precision, else the lead's date, else the publication
date within a week, else unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.dates import DAY, UNKNOWN, WEEK, DateMention, borrowed_precision
from etl.events.core import VIOLENT, Draft, Trigger
from etl.events.facts import facts_of, unpinned_weekday
from etl.events.anaphora import REACTION_VERBS, presupposed, took_place
from etl.events.realis import CONTEMPORANEOUS, is_background, told_in_earlier_clause, when_date_head
from etl.events.syntax import (ancestors, bidden, governing_verb, in_subtree, recalled_scope, relative_clause_of,
                               sent_of, sequel)
from etl.events.territory import TERRITORY_TAKEN
from etl.spacy_model import span_text

_CLAUSE_BREAK = re.compile(r"[,;:()]")


def sentence_date(sentence: Span, trigger: Trigger, *, published: date | None) -> tuple[DateMention | None, bool]:
    """The date expression of the trigger's own clause, else the nearest
    one, and whether it only dates the report ("the governor on Sunday
    confirmed that 59 were killed": the day of the saying, not of the
    killing; used only when the sentence has no other date).  A date in
    parentheses ("KABUL, Afghanistan (May 30, 2011)") or after a "date"
    label ("date 2025-10-11 …") is a filing date, not the event's; so is a
    date inside a back-reference."""
    best: DateMention | None = None
    best_rank: tuple[int, int, int, int] = (9, 9, 9, 10**9)
    doc = sentence.doc
    facts = facts_of(sentence, published=published)
    text = facts.text
    clause = {trigger.token.i}
    own = {t.i for t in trigger.token.subtree}  # a recalled event's own date ("a raid on 13 June")
    head = when_date_head(trigger.token)  # "since May 28, when the two armies clashed"
    if head is not None:
        own |= {t.i for t in head.subtree if t.ent_type_ == "DATE"}
    if trigger.token.dep_ == "relcl" and trigger.token.head.lemma_.lower() in lx.NOUN_TRIGGERS:
        # "the April 22 massacre in which 26 tourists were killed": the date of the event noun
        own |= {t.i for t in trigger.token.head.children if t.ent_type_ == "DATE" for t in t.subtree}
    verb = trigger.token if trigger.token.pos_ in ("VERB", "AUX") else governing_verb(trigger.token)
    if verb is not None:
        clause.add(verb.i)
    later = sequel(trigger.token)  # "seized Goma in January, followed by Bukavu in February"
    settings = [t for t in sentence if t.dep_ == "prep" and t.lower_ in lx.SETTING_PREPS]
    for mention in facts.dates:
        if mention.kind == "year" or mention.value is None:
            continue
        start = sentence.start_char + mention.start
        span = doc.char_span(start, start + (mention.end - mention.start), alignment_mode="expand")
        # "during an operation Monday" dates the event itself
        if span is not None and is_background(span.root, preps=lx.BACKGROUND_PREPS - CONTEMPORANEOUS) and \
                not ((trigger.background or trigger.token.pos_ == "NOUN") and _owned(span, own)):
            continue
        if span is not None and _dates_other_event(span, trigger.token):
            continue  # "the July 2 attack": the date of an event referred to
        if mention.kind == "past_days" and trigger.sub_event_type in TERRITORY_TAKEN:
            continue  # "over the past two days, Russian forces have regained control of Sudzha": held now
        if span is not None and _since_other(span, trigger.token):
            continue  # "the most violent since the president took office in October": a reference point
        if span is not None and in_subtree(span.root, later):
            continue  # the date of the act told again at another place
        if span is not None and not trigger.background and told_in_earlier_clause(span.root, trigger.token):
            continue  # "The clashes erupted after Pakistan carried out airstrikes on Thursday": its date
        if span is not None and _in_future_clause(span.root, trigger.token):
            continue  # "of the protests, ANRED noted that communities will mobilize in September": that clause's
        if span is not None and _in_clause_on_other(span.root, trigger.token):
            # "the gang coalition, which has been in control of Cabaret since March 2024,
            # carried out a massacre": the date of what the clause says of the coalition
            continue
        if any(p.idx < start and trigger.token.idx < p.idx and not _CLAUSE_BREAK.search(text, p.idx - sentence.start_char, mention.start)
               for p in settings):
            continue  # "striking Hezbollah, despite a truce reached in November 2024": the setting's date
        before = text[:mention.start].rstrip()
        after = text[mention.end:].lstrip()
        parenthesised = int(before.endswith("(") and after.startswith(")"))
        if _FILED.search(before) or (_DATELINE_BEFORE.search(before) and _DATELINE_AFTER.match(after)):
            continue  # "date 2025-10-11 …", "RIO DE JANEIRO, Oct. 29 — …": the filing date
        attached = 0
        if span is not None:
            # up to the first verb: "the coalition, which has controlled Cabaret since
            # March 2024, killed 50 … on September 11" (March hangs on "controlled")
            heads: set[int] = set()
            for node in [span.root, *ancestors(span.root, limit=4)]:
                heads.add(node.i)
                if node.pos_ in ("VERB", "AUX") and node.i != span.root.i:
                    break
            attached = 0 if heads & clause else 1
        if trigger.background and (span is None or not _owned(span, own)):
            continue  # a recalled event takes only a date of its own ("a raid on 13 June")
        if attached and trigger.token.dep_ == "acl" and trigger.token.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in trigger.token.children):
            continue  # "on Tuesday intensified a search for 25 girls abducted by gunmen": the search's day
        reporting = int(span is not None and _dates_report(span, trigger.token))
        rank = (reporting, parenthesised, attached, abs(start - trigger.token.idx))
        if rank < best_rank:
            best, best_rank = mention, rank
    return best, best_rank[0] == 1


def day_outside(sentence: Span, token: Token, *, published: date | None) -> date | None:
    """The day the sentence gives outside the clause or phrase that holds
    ``token`` ("India on Wednesday suspended the treaty, a day after gunmen
    killed 26": Wednesday, from which the killing is dated), or ``None``."""
    scope = recalled_scope(token)
    facts = facts_of(sentence, published=published)
    for mention in facts.dates:
        if mention.value is None or mention.precision != DAY:
            continue
        start = sentence.start_char + mention.start
        last = sentence.doc[scope[1] - 1] if scope is not None else None
        if scope is not None and last is not None and sentence.doc[scope[0]].idx <= start < last.idx + len(last):
            continue
        return mention.value
    return None


def _owned(span: Span, own: set[int]) -> bool:
    """Is the date expression the event's own ("since January, when 31 were
    killed": the date read with its "since", the month the trigger's)?"""
    return any(t.i in own for t in span)


_FILED = re.compile(r"(?:^|\n)\s*date\s*$", re.I)
_DATELINE_BEFORE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z .’'-]{2,},\s*$")  # "RIO DE JANEIRO, " before the date
# what ends a dateline after its date: a dash or colon, maybe after the agency ("Dec 7, (AP):")
_DATELINE_AFTER = re.compile(r"(?:,?\s*\([A-Za-z. ]{2,12}\)\s*)?[—–:-]")


def _in_clause_on_other(token: Token, trigger: Token) -> bool:
    """Is ``token`` inside a relative clause, or a clause a noun holds, on
    something other than the trigger ("the coalition, which has been in
    control of Cabaret since March 2024", "reports that organizers were still
    recovering remains a day later"; not "the attack, which occurred on
    Friday")?"""
    clause = relative_clause_of(token, limit=6) or _noun_complement_of(token)
    if clause is None or clause.head.i == trigger.i or in_subtree(trigger, clause):
        return False
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    # (not an infinitive the parse hangs on the act's own object: "opened fire at a drone to
    # prevent it from reaching the field late on Sunday", the firing's purpose and day)
    return not (clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
                and in_subtree(clause.head, verb))


_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "’ll"})


def _in_future_clause(token: Token, trigger: Token) -> bool:
    """Does the date hang on a verb of the future, or of what was meant or
    bidden, that does not hold the trigger ("reflecting on the protests,
    ANRED noted that communities will mobilize in September 2025")?"""
    verb = governing_verb(token)
    return verb is not None and verb.i != trigger.i and not in_subtree(trigger, verb) and (
        any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children)
        # "the bombs were timed to explode at rush hour on Friday": the day meant, not the day it went off
        or bidden(verb))


def _noun_complement_of(token: Token) -> Token | None:
    """The verb of a finite clause a noun holds ("reports that organizers were
    still recovering remains a day later"), or ``None``."""
    for node in [token, *ancestors(token, limit=6)]:
        if node.dep_ == "acl" and node.head.pos_ == "NOUN" and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return node
    return None


_TOLL_RISES = frozenset({"rise", "climb", "reach", "increase", "jump", "mount", "grow", "surge"})


def _dates_report(span: Span, trigger: Token) -> bool:
    """Does the date hang on a verb of saying whose clause holds the trigger
    ("Police on Monday said militants attacked …")?  Not a day told as the
    trigger's possessor, however parsed ("the toll from Sunday's US airstrikes
    rose to 12, the group reported on Monday")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].tag_ == "POS" and 0 < trigger.i - span.end <= 3 and \
            all(t.pos_ in ("PROPN", "ADJ", "NOUN") for t in doc[span.end + 1:trigger.i]):
        return False
    if any(a.lower_ == "according" and a.i != trigger.i and not in_subtree(trigger, a)
           for a in ancestors(span.root, limit=5)):
        return True  # "killed 31 people, according to an aid worker on Thursday": the day it was told
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "on" and span.start > 1:
        before = span.doc[span.start - 2]
    if before is not None and before.i != trigger.i and before.lemma_.lower() in lx.SAY_VERBS and \
            before.tag_ in ("VBD", "VBZ", "VBP"):
        # "said on Monday its fighters had killed …", "militants killed 51 civilians …, a village chief
        # said on Tuesday" (however parsed): the day it was told
        return True
    noun = span.root.head.head if span.root.head.pos_ == "ADP" else span.root.head
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in lx.TELLING_NOUNS and noun.i != trigger.i and \
            in_subtree(trigger, noun):
        return True  # "reports tonight of the detention of Riek Machar": the day of the reports
    # the date may hang on the speaker ("Governor Alia of Benue State on Sunday, June 15,
    # confirmed …"), a few steps below the verb
    verb = span.root if span.root.pos_ in ("VERB", "AUX") else governing_verb(span.root, limit=7)
    if verb is not None and verb.lemma_.lower() in _TOLL_RISES and verb.i != trigger.i and \
            not any(a.i == trigger.i for a in ancestors(span.root, limit=7)) and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in ("toll", "number", "count", "tally") for c in verb.children):
        return True  # "the death toll in the car explosion rose to 13 on Wednesday": the day of the count
    if verb is not None and verb.dep_ == "acl" and verb.head.lemma_.lower() in lx.TELLING_NOUNS and \
            verb.head.dep_ == "nsubj" and verb.head.head.lemma_.lower() in lx.SAY_VERBS and \
            any(a.i == verb.head.head.i for a in ancestors(trigger, limit=6)):
        return True  # "a military report obtained by AFP on Wednesday stated that a device killed six": its day
    if verb is None or verb.i == trigger.i or verb.lemma_.lower() not in lx.SAY_VERBS | REACTION_VERBS:
        return False
    if verb.i > trigger.i and verb.dep_ in ("conj", "parataxis") and any(c.dep_ == "nsubj" for c in verb.children) \
            and any(a.i == verb.head.i for a in (trigger, *ancestors(trigger, limit=6))):
        return True  # "Overnight clashes killed six people, a medical service said Tuesday" (parsed as two verbs)
    # ("On Sunday, he condemned the attack in the Cabaret commune": the day of the condemning)
    node = trigger
    for _ in range(8):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == verb.i:
            return True
    return False


def _dates_other_event(span: Span, trigger: Token) -> bool:
    """The date modifies an event noun other than the trigger ("connected to
    the July 2 attack", "responsible for Tuesday's attack")."""
    head = span.root.head
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "during") and \
            any(a.i == trigger.i for a in ancestors(head, limit=5)):
        return False  # "killed in Thursday's attacks": the attacks the killing was, its own day
    if _dates_a_landmark(span, stop=trigger):
        return True  # "detained after a march ahead of the inauguration this week": the inauguration's
    # (also a noun of another act: "lifted its March 3 suspension of aid after talks in Saudi Arabia";
    # not a time the event was in: "tore through a mosque during Friday prayers")
    return (span.root.dep_ in ("compound", "nmod", "amod", "poss") and head.i != trigger.i
            and head.pos_ == "NOUN" and trigger.i not in {t.i for t in head.subtree}
            and (head.lemma_.lower() in lx.NOUN_TRIGGERS or not (
                head.dep_ == "pobj" and head.head.lower_ in ("during", "in", "at", "on", "throughout"))))


def _span_of(sentence: Span, mention: DateMention) -> Span | None:
    """The tokens of a date the sentence's facts found (``None`` off token bounds)."""
    start = sentence.start_char + mention.start
    return sentence.doc.char_span(start, start + (mention.end - mention.start), alignment_mode="expand")


def _dates_a_landmark(span: Span, *, stop: Token | None = None) -> bool:
    """Does the date end a phrase naming what the news came "ahead of",
    "on the eve of" or "prior to" ("a march ahead of the inauguration of
    President Maduro this week")?  The date of that landmark, not of the news:
    only a noun phrase stands between the words and the date (no verb, no
    comma), however the parse hangs it.  ``stop``: the trigger, which the
    phrase must not hold."""
    doc = span.doc
    i = span.start - 1
    while i >= 1 and doc[i].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM", "PART", "CCONJ") and \
            not doc[i].is_punct and (stop is None or doc[i].i != stop.i):
        if doc[i].lower_ in ("of", "to") and doc[i - 1].lower_ in ("ahead", "eve", "prior"):
            return True
        i -= 1
    return False


def lead_date(sentences: Sequence[Span], *, body_start: int, published: date | None) -> DateMention | None:
    """The date the report's lead gives ("... in Khost province yesterday."):
    the first date expression of the first two sentences of the body that
    have a verb, outside parentheses (a filing date).  A later sentence that tells more of the
    story without a date of its own happened then, not on the publication day."""
    # Letterhead lines before the story ("Operational Update May 20, 2011",
    # "For Immediate Release") have no verb: they date the release, not the event.
    body = [s for s in sentences if s.end_char > body_start and any(t.pos_ in ("VERB", "AUX") for t in s)][:2]
    for sentence in body:
        facts = facts_of(sentence, published=published)
        text = facts.text
        for mention in facts.dates:
            if mention.kind in ("year", "past_days") or mention.value is None:
                continue  # ("over the past two days": a stretch, no day to lend the story)
            if text[:mention.start].rstrip().endswith("(") and text[mention.end:].lstrip().startswith(")"):
                continue
            if _FILED.search(text[:mention.start]):
                continue
            if published is not None and mention.value > published + timedelta(days=1):
                continue  # "ahead of March 15, the day proposed for …": a date to come
            if _starts_period(sentence, mention):
                continue  # "since the campaign began almost a month ago": when a stretch began
            if _to_come(sentence, mention):
                continue  # "The results were expected on Thursday": a day awaited, not the story's
            if _names_a_thing(sentence, mention):
                continue  # "violating the October 2025 peace accord": the accord's date, not the story's
            span = _span_of(sentence, mention)
            if span is not None and _dates_a_landmark(span):
                continue  # "ahead of the inauguration of President Maduro this week": the inauguration's
            return mention
    return None


def _names_a_thing(sentence: Span, mention: DateMention) -> bool:
    """Is the date written inside a noun phrase, before its noun ("the
    October 2025 peace accord", "the April 22 attack"): a name for that
    thing, not when the sentence's news happened?"""
    span = _span_of(sentence, mention)
    if span is None or span.root.dep_ not in ("compound", "nmod", "amod", "poss"):
        return False
    head = span.root.head
    # (not "yesterday afternoon", "Monday night": a part of the day)
    return head.pos_ == "NOUN" and head.i > span.root.i and head.ent_type_ not in ("DATE", "TIME") and \
        head.lemma_.lower() not in _DAY_PARTS


_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "midnight", "noon", "dawn", "day", "hour", "hours"})


_AWAITED = lx.MODAL_HEADS | lx.AWAITED_VERBS


def _to_come(sentence: Span, mention: DateMention) -> bool:
    """Is the date that of something expected, planned or threatened (the
    verb it hangs on is one of waiting or intent)?"""
    start = sentence.start_char + mention.start
    span = sentence.doc.char_span(start, start + len(mention.text), alignment_mode="expand")
    if span is None:
        return False
    verb = next((a for a in ancestors(span.root, limit=3) if a.pos_ in ("VERB", "AUX", "ADJ")), None)
    return verb is not None and verb.lemma_.lower() in _AWAITED


def _since_other(span: Span, trigger: Token) -> bool:
    """Is the date in a "since" phrase or clause that does not hold the trigger
    ("the week's protests were the most violent since Prabowo took office in
    October")?"""
    for since in (t for t in sent_of(trigger) if t.lower_ == "since" and t.dep_ in ("prep", "mark")):
        scope = since if since.dep_ == "prep" else since.head
        if in_subtree(span.root, scope) and not in_subtree(trigger, scope):
            return True
    return False


def _starts_period(sentence: Span, mention: DateMention) -> bool:
    """Does the date lie in a "since" phrase or clause (the start of a period)?"""
    start = sentence.start_char + mention.start
    span = sentence.doc.char_span(start, start + len(mention.text), alignment_mode="expand")
    if span is None:
        return False
    for since in (t for t in sentence if t.lower_ == "since" and t.dep_ in ("prep", "mark")):
        if in_subtree(span.root, since if since.dep_ == "prep" else since.head):
            return True
    # "the first deaths reported since protests broke out on Saturday", parsed as "are … and
    # broke out": a subjectless verb joined to a clause whose "since" stands before it
    verb = governing_verb(span.root)
    if verb is None or verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return any(t.lower_ == "since" and t.dep_ == "prep" and in_subtree(t, verb.head)
               for t in sentence.doc[verb.head.i:verb.i])


_GOING_ON = lx.ONGOING_WORDS | {"continue", "rage"}


def told_ongoing(token: Token) -> bool:
    """An event noun told as ongoing ("ongoing clashes", "raging battles")."""
    return token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in lx.ONGOING_WORDS for c in token.children)


def going_on_now(token: Token) -> bool:
    """Is the event told as going on as the report is written ("clashes
    are still ongoing in the province", "fighting continues in the city",
    "heavy fighting is raging in Goma", "amid ongoing clashes")?  The subject of a present-tense
    verb of going on, or that verb itself; or what "there is" now."""
    if token.dep_ == "attr" and token.head.lemma_ == "be" and token.head.tag_ in ("VBZ", "VBP") and any(
            c.dep_ == "expl" for c in token.head.children):
        return True  # "there is intense fighting in Goma"
    if told_ongoing(token):
        return True  # "the strike comes amid ongoing clashes in Sweida"
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    words = [verb, *verb.children]
    present = verb.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return present and any(w.lemma_.lower() in _GOING_ON or w.lower_ in _GOING_ON for w in words
                           if w.i == verb.i or w.dep_ in ("acomp", "xcomp"))


_NUMBER_OF_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "next": 1, "following": 1,
                   "previous": -1}
# "the next day", "two days later"; "the previous day", "two days earlier" count back
_NEXT_DAY = re.compile(r"\bthe\s+(?P<w>next|following|previous)\s+day\b|"
                       r"\b(?P<n>a|one|two|three|four|five)\s+days?\s+(?P<dir>later|earlier|before)\b", re.I)


def _dates_the_telling(words: Token, trigger: Token) -> bool:
    """Does a "the next day" phrase hang on a verb of saying that tells the
    trigger in its clause ("announced the following day that ... stormed")?"""
    verb = words.head if words.dep_ in ("npadvmod", "advmod", "obl", "pobj", "dobj") else None
    while verb is not None and verb.pos_ == "ADP":
        verb = verb.head
    return verb is not None and verb.i != trigger.i and verb.lemma_.lower() in lx.SAY_VERBS and \
        any(node.i == verb.i for node in ancestors(trigger, limit=6))


def resolve_event_date(
    sentence: Span, trigger: Trigger, drafts: Sequence[Draft], *, published: date | None,
    lead: DateMention | None = None,
) -> tuple[date | None, int, str, Draft | None]:
    """The date, its precision, where it comes from ("own", "previous",
    "lead", "published" or "none") and, for "previous", the draft it was
    borrowed from."""
    own, reporting = sentence_date(sentence, trigger, published=published)
    if own is not None and own.value is not None and not reporting:
        return own.value, own.precision, "own", None
    later = _NEXT_DAY.search(span_text(sentence))
    if later is not None:
        # not in a clause on something else ("reports that organizers were still recovering
        # remains a day later" says when the remains were recovered)
        words = sentence.doc.char_span(sentence.start_char + later.start(), sentence.start_char + later.end(),
                                       alignment_mode="expand")
        if words is not None and _in_clause_on_other(words.root, trigger.token):
            later = None
    # "the next day", "two days later": after the last event told with a day of its own
    base = next((d for d in reversed(drafts) if d.date_value is not None and d.date_precision == DAY
                 and (d.own_date or d.date_from == "published")), None) if later is not None else None
    if later is not None and base is not None and base.own_date:
        days = _NUMBER_OF_DAYS.get((later.group("w") or later.group("n")).lower(), 1)
        if (later.group("dir") or "").lower() in ("earlier", "before"):
            days = -days
        if words is not None and _dates_the_telling(words.root, trigger.token):
            # "the government announced the following day that all seven attackers who
            # stormed the prison had been killed": the day it was told, not of the storming
            return base.date_value + timedelta(days=days), DAY, "report", None
        return base.date_value + timedelta(days=days), DAY, "own", None
    if own is not None and own.value is not None:
        if own.precision == DAY and _overnight(trigger.token):
            # "Overnight clashes killed six people, a medical service said Tuesday": a night is
            # dated by the day it began (ANNOTATION.md), the eve of the day it was told
            return own.value - timedelta(days=1), DAY, "report", None
        if own.precision == DAY and _named_before(trigger.token):
            # "the death toll from the Jaffar Express hijacking rose to 31, officials said on
            # Friday": the happening named as known news was on or before the day it was told
            return own.value, WEEK, "report", None
        return own.value, own.precision, "report", None
    if published is not None and own is None and going_on_now(trigger.token):
        return published, DAY, "own", None  # "clashes are still ongoing": on the day of the report
    if trigger.event_type in VIOLENT:
        # "one of the deadliest days since the fragile ceasefire began five weeks ago":
        # the date of an accord the text only refers to is no date of the fighting told next
        drafts = [d for d in drafts if d.trigger.event_type in VIOLENT or not (
            d.anaphor or presupposed(d.trigger.token))]  # "despite a truce reached in November 2024"
    if lead is not None and lead.value is not None and _meanwhile(sentence) and drafts and \
            drafts[-1].own_date and drafts[-1].date_value != lead.value:
        # "On September 8, two soldiers were killed there. Meanwhile, in Srinagar, police
        # arrested three people": back to the story's day, not the day just recalled
        return lead.value, borrowed_precision(lead.precision), "lead", None
    if published is None and unpinned_weekday(sentence):
        # an undated page's "from Monday night into Tuesday": a day of its own the page does
        # not let us pin, no date to borrow from the sentence before ("In Nov. 2023, …")
        return None, UNKNOWN, "none", None
    drafts = [d for d in drafts if not d.caption]  # (a photo's day is no day of the story)
    if drafts and drafts[-1].date_value is not None:
        # the last event told; not one only recalled beside it ("the strike was a response to
        # the April 22 attack": the next sentence goes on from the strike)
        last = drafts[-1].sentence_index
        told = [d for d in drafts if d.sentence_index == last and not d.trigger.background
                and d.date_value is not None]
        previous: Draft | None = told[-1] if told else drafts[-1]
        if previous.trigger.background and previous.own_date and not trigger.background:
            # "The strikes followed the April 22 attack in Pahalgam ... Meanwhile, troops exchanged
            # fire along the Line of Control": history recalled with its own day dates nothing
            # told after it; the last event told as news does, else the lead or the report's day
            previous = next((d for d in reversed(drafts) if not d.trigger.background and d.date_value is not None),
                            None)
        if previous is not None:
            return previous.date_value, borrowed_precision(previous.date_precision), "previous", previous
    if lead is not None and lead.value is not None:
        return lead.value, borrowed_precision(lead.precision), "lead", None
    if published is not None:
        return published, WEEK, "published", None
    return None, UNKNOWN, "none", None


def _overnight(token: Token) -> bool:
    """Is the event told as one of the night ("overnight clashes", "were
    killed overnight", "Russia attacked overnight")?"""
    verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    nodes = [token] + ([verb] if verb is not None else [])
    return any(c.lower_ == "overnight" and c.dep_ in ("amod", "advmod", "npadvmod", "compound")
               for node in nodes for c in node.children)


def _meanwhile(sentence: Span) -> bool:
    """Does the sentence open with "Meanwhile" (at the time of the story told)?"""
    first = next((t for t in sentence if not t.is_punct and not t.is_space), None)
    return first is not None and first.lower_ in ("meanwhile", "meantime")


def _named_before(token: Token) -> bool:
    """An event noun told as a happening the reader knows ("the hijacking",
    "the Jaffar Express hijacking"): with "the" and no date of its own."""
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


_DAY_NAMED_DEPS = frozenset({"poss", "compound", "nmod"})
_BORROWED_DATES = frozenset({"lead", "published", "previous"})


def dates_told_later(drafts: Sequence[Draft], sentences: Sequence[Span], *, published: date | None) -> None:
    """"Gunmen opened fire inside a pool hall, killing seven. … One of those
    killed in Friday's shooting had criminal records": a later sentence that
    names the happening by its day ("Friday's shooting", "the Thursday
    attacks") dates the violent event told before it that had no date of its
    own (only the lead's, the publication's or the sentence before's), with
    the drafts that borrowed that date.  Only when the sentence tells no
    event of its own with that noun."""
    if published is None:
        return
    own_tokens = {d.trigger.token.i for d in drafts}
    for index, sentence in enumerate(sentences):
        facts = facts_of(sentence, published=published)
        for mention in facts.dates:
            if mention.value is None or mention.kind == "year" or mention.precision != DAY:
                continue
            if mention.value > published + timedelta(days=1):
                continue
            start = sentence.start_char + mention.start
            span = sentence.doc.char_span(start, start + (mention.end - mention.start), alignment_mode="expand")
            if span is None:
                continue
            noun = span.root.head if span.root.dep_ in _DAY_NAMED_DEPS else _what_took_place(span.root)
            if noun is None:
                continue
            lemma = noun.lemma_.lower()
            if noun.pos_ != "NOUN" or noun.i in own_tokens or (
                    lemma not in lx.NOUN_TRIGGERS and lemma not in lx.SHOOTING_NOUNS and lemma not in _TOLD_AGAIN):
                continue
            told = _undated_told_before(drafts, noun, sentence_index=index)
            if told is None:
                continue
            while told.dated_by is not None:  # the draft whose date the told one borrowed
                told = told.dated_by
            for draft in [d for d in drafts if _borrows_from(d, told)]:
                draft.date_value, draft.date_precision, draft.date_from = mention.value, DAY, "own"
                draft.dated_by = None


def _borrows_from(draft: Draft, source: Draft) -> bool:
    node: Draft | None = draft
    while node is not None:
        if node is source:
            return True
        node = node.dated_by
    return False


# Words that tell again what the text told before ("The incident took place on Monday", "The
# Kremlin announced the news on Monday")
_TOLD_AGAIN = frozenset({"incident", "news"})
_ANNOUNCING_VERBS = frozenset({"announce", "report", "confirm", "break"})


def _what_took_place(day: Token) -> Token | None:
    """The definite event noun a day is told of with "took place",
    "happened" or "occurred" ("The incident took place on Monday in a rural
    area"), or the news of it announced that day ("The Kremlin announced
    the news in a Telegram post on Monday", "reported news of the
    'liberation' late on Sunday"), else None."""
    if day.dep_ == "pobj" and day.head.lower_ == "on":
        day = day.head  # the span of "on Monday" is rooted at its preposition, of "Monday" at the day
    verb = day.head if day.dep_ == "npadvmod" or (day.dep_ == "prep" and day.lower_ == "on") else None
    if verb is None or verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if lemma in _ANNOUNCING_VERBS:
        news = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "news"), None)
        return news if news is not None and any(
            (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "prep" and c.lower_ == "of")
            for c in news.children) else None
    if not took_place(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children):
        return None
    return subject


def _undated_told_before(drafts: Sequence[Draft], noun: Token, *, sentence_index: int) -> Draft | None:
    """The violent draft told last before ``sentence_index`` that the noun
    can name (its type, or a word for any violence) and that has no date of
    its own (one with its own date is another happening: "On August 17,
    seven were killed in a similar attack")."""
    lemma = noun.lemma_.lower()
    kind = lx.NOUN_TRIGGERS.get(lemma)
    generic = lemma in lx.SHOOTING_NOUNS or lemma in ("attack", "assault", "raid", "violence") or lemma in _TOLD_AGAIN
    for draft in reversed(drafts):
        if draft.sentence_index >= sentence_index or draft.trigger.event_type not in VIOLENT \
                or draft.trigger.background:
            continue
        if not (generic or (kind is not None and kind[0] == draft.trigger.event_type)):
            continue
        if draft.date_from in _BORROWED_DATES:
            return draft
    return None
