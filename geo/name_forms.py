"""Forms of a place name the gazetteer may know when it does not know the
name as written: without a trailing feature word ("Nyanza Province",
"Bathinda district", "Guma Local Government Area"), with the other form of
its cardinal word ("North Darfur" for "Northern Darfur"), without a leading
part word ("Upper Orakzai"), or with the Arabic article ("Nahud" for An
Nahud).  Used by :class:`geo.resolver.Resolver`."""

from __future__ import annotations

from geo.gazetteer import Entry, Gazetteer

# Trailing words that name a feature of the place rather than the place itself.
GENERIC_FEATURE_WORDS = frozenset({
    "district", "province", "governorate", "county", "region", "state", "city", "town",
    "village", "port", "harbour", "harbor", "airport", "municipality", "prefecture", "division",
    "valley", "agency", "tehsil", "area", "lga", "raion", "rayon"})
_DIVISION_FEATURE_WORDS = frozenset({"district", "province", "governorate", "county", "state", "prefecture",
                                     "lga", "raion", "rayon", "oblast"})
_FIRST_LEVEL_WORDS = frozenset({"province", "governorate", "state", "oblast", "prefecture"})
# Feature names of several words, stripped like the words above.
_LONG_FEATURE_NAMES = frozenset({"local government area", "local government"})
# Leading words that name a part of the place that follows ("Upper Orakzai"),
# tried only when the whole name is unknown.
PART_WORDS = frozenset({
    "upper", "lower", "central", "greater", "northern", "southern", "eastern", "western",
    "north", "south", "east", "west", "northeastern", "northwestern", "southeastern", "southwestern"})
_CARDINAL_FORMS = {"north": "Northern", "south": "Southern", "east": "Eastern", "west": "Western",
                   "northern": "North", "southern": "South", "eastern": "East", "western": "West"}
# the forms of the Arabic article a place name may be written with or without
_ARABIC_ARTICLES = ("Al", "El", "An", "En", "Ar", "Er", "As", "Es", "Ad", "Ed", "Ash", "At", "Az")


def lookup_name_forms(gazetteer: Gazetteer, name: str, *, limit: int) -> list[Entry]:
    """Gazetteer entries for ``name``; when there are none and the name ends
    in a generic feature word ("Colombo Port", "Nyanza Province",
    "Bathinda district"), the entries of the name without it, so the
    place lands at the town or area it is named after; likewise for a
    leading part word ("Upper Orakzai" → Orakzai, not a country)."""
    entries = gazetteer.lookup(name, limit=limit)
    if entries:
        return entries
    words = name.split()
    for size in (3, 2):  # "Guma Local Government Area", "Guma Local Government" (Nigeria's LGAs)
        if len(words) > size and " ".join(words[-size:]).casefold() in _LONG_FEATURE_NAMES:
            # a local government area is a district, not a town of that name elsewhere
            areas = [e for e in gazetteer.lookup(" ".join(words[:-size]), limit=limit)
                     if not e.is_variant and e.place.kind in ("admin1", "admin2")]
            # ("Ekiti Local Government Area": the LGA in Kwara, not Ekiti State)
            return [e for e in areas if e.place.kind == "admin2"] or areas
    if len(words) >= 2 and words[-1].casefold() in GENERIC_FEATURE_WORDS:
        entries = [e for e in gazetteer.lookup(" ".join(words[:-1]), limit=limit)
                   if not e.is_variant]
        if words[-1].casefold() in _DIVISION_FEATURE_WORDS:
            # "Sokoto State", "Nyanza Province": the area, not its same-named seat; "Bokkos
            # LGA", "Kurram district": the second-level area before a first-level namesake
            kinds = ("admin1", "admin2") if words[-1].casefold() in _FIRST_LEVEL_WORDS else ("admin2", "admin1")
            return [e for e in entries if e.place.kind == kinds[0]] or \
                [e for e in entries if e.place.kind == kinds[1]] or entries
        return entries
    if len(words) >= 2 and words[0].casefold() in _CARDINAL_FORMS:
        # "North Darfur" for Natural Earth's "Northern Darfur", "South Kordofan" for
        # "Southern Kordofan": the same area under the other form of its cardinal word
        other = " ".join([_CARDINAL_FORMS[words[0].casefold()], *words[1:]])
        areas = [e for e in gazetteer.lookup(other, limit=limit)
                 if not e.is_variant and e.place.kind in ("admin1", "admin2")]
        if areas:
            return areas
    if len(words) >= 2 and words[0].casefold() in PART_WORDS:
        # "Upper Orakzai", "Central Kurram": a part of the area named after it.
        # A part of a country ("Western US", "South Venezuela") is neither the
        # country nor a town that happens to share its name.
        rest = [e for e in gazetteer.lookup(" ".join(words[1:]), limit=limit)
                if not e.is_variant]
        if any(e.place.kind == "country" and e.is_primary_name for e in rest):
            return []
        return [e for e in rest if e.place.kind != "country"]
    if len(words) == 1 and words[0][:1].isupper():
        # "in Nahud, southern Sudan": an Arabic name written without its article (An Nahud,
        # En Nahud, Al Nahud); the towns that name with one
        found: dict[str, Entry] = {}
        for article in _ARABIC_ARTICLES:
            for e in gazetteer.lookup(f"{article} {name}", limit=limit):
                if e.place.kind == "populated_place":
                    found.setdefault(e.place.place_id, e)
        return list(found.values())
    return []
