"""Event stage: from a parsed article and its resolved places to coded events.

Where this sits: after :mod:`etl.nlp` (parse, place mentions) and the geo
resolver; before the store.  Its modules are its stages:

* :mod:`~etl.events.mentions`: the words and phrases that name an event
  (triggers), in their event sense only;
* :mod:`~etl.events.realis`: is the mention a happening (not a threat, a
  denial, a back-reference, a record)?, with :mod:`~etl.events.non_conflict`
  (a disaster, an accident, crime or sport), :mod:`~etl.events.eras` (too old
  a year, a war told by its length) and :mod:`~etl.events.deals` for talks and
  deals (ended, planned, already in force);
* :mod:`~etl.events.article`: the article's drafts, built sentence by
  sentence from the mentions that pass, one per trigger, with its place,
  date, toll and actors (a wire photo's caption, :mod:`~etl.events.captions`,
  dates the picture, not the story);
* :mod:`~etl.events.happenings`: the drafts of one happening (headline,
  lead, quotes, recaps) grouped into one event, which takes its most
  specific place and date and the toll of its best mention
  (:mod:`~etl.events.happening_dates`, :mod:`~etl.events.happening_tolls`);
  what violence told beside it brings about (troops moved, flight, damage,
  arrests in unrest) is part of it (:mod:`~etl.events.consequences`);
* :mod:`~etl.events.emit`: the happenings as event records, one per
  (type, place, date);
* the attributes of each event: :mod:`~etl.events.classify` (ACLED type and
  sub-type, with :mod:`~etl.events.crowds` for protests and riots,
  :mod:`~etl.events.weapons` for the weapon a sentence names and
  :mod:`~etl.events.territory` for who took a place),
  :mod:`~etl.events.places` (with :mod:`~etl.events.fallback_places` for an
  event whose sentence names no place, :mod:`~etl.events.addresses` for a
  name written with the area that holds it, :mod:`~etl.events.place_kinds`
  for the levels of places and their candidates, and
  :mod:`~etl.events.not_sites` for the mentions that name no site: an
  attacker's country, a medium, a credit), :mod:`~etl.events.event_dates`,
  :mod:`~etl.events.tolls` (casualties) and :mod:`~etl.events.actors`;
* :mod:`~etl.events.facts`: each sentence's dates and casualty figures,
  computed once and shared by the stages;
* :mod:`~etl.events.syntax` and :mod:`~etl.events.core`: parse helpers and
  the records the stages pass on.

Linking the events of many articles into incidents (the happenings in the
world) is :mod:`etl.incidents`, outside this package: the store links as it
writes and must not import the NLP stack.
"""

from etl.events.article import extract_events
from etl.events.emit import event_id_for

__all__ = ["event_id_for", "extract_events"]
