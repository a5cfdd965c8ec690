"""Word lists the event stage uses: countries and demonyms, actor names in
ACLED style, and event triggers mapped to ACLED's taxonomy (DESIGN §4).

The lists are data, kept apart from the logic so they can be reviewed (and
extended) without reading code.  Country codes are ISO 3166-1 alpha-3.
"""

from __future__ import annotations

# Country names and demonyms → ISO3, for the conflict region and the states
# that appear in its news (mediators, suppliers, neighbours).  Lower-case keys.
COUNTRY_CODES: dict[str, str] = {
    "pakistan": "PAK", "pakistani": "PAK", "pakistanis": "PAK",
    "india": "IND", "indian": "IND", "indians": "IND",
    "afghanistan": "AFG", "afghan": "AFG", "afghans": "AFG",
    "iran": "IRN", "iranian": "IRN", "china": "CHN", "chinese": "CHN",
    "russia": "RUS", "russian": "RUS", "qatar": "QAT", "qatari": "QAT",
    "turkey": "TUR", "turkiye": "TUR", "türkiye": "TUR", "turkish": "TUR",
    "saudi arabia": "SAU", "saudi": "SAU", "united arab emirates": "ARE", "uae": "ARE",
    "emirati": "ARE", "united states": "USA", "us": "USA", "u.s.": "USA", "usa": "USA",
    "america": "USA", "american": "USA", "united kingdom": "GBR", "uk": "GBR",
    "britain": "GBR", "british": "GBR", "france": "FRA", "french": "FRA",
    "bangladesh": "BGD", "bangladeshi": "BGD", "nepal": "NPL", "nepalese": "NPL",
    "sri lanka": "LKA", "sri lankan": "LKA", "tajikistan": "TJK", "tajik": "TJK",
    "uzbekistan": "UZB", "uzbek": "UZB", "turkmenistan": "TKM", "turkmen": "TKM",
    "myanmar": "MMR", "bhutan": "BTN", "maldives": "MDV", "israel": "ISR",
    "israeli": "ISR", "germany": "DEU", "german": "DEU", "japan": "JPN", "japanese": "JPN",
    "egypt": "EGY", "egyptian": "EGY", "iraq": "IRQ", "iraqi": "IRQ", "syria": "SYR",
    "syrian": "SYR", "kuwait": "KWT", "oman": "OMN", "kazakhstan": "KAZ",
    "kyrgyzstan": "KGZ", "azerbaijan": "AZE", "ukraine": "UKR", "ukrainian": "UKR",
}

# Words that make up the "X-Y border" pattern (names and demonyms).
COUNTRY_WORDS: tuple[str, ...] = tuple(
    sorted({k for k in COUNTRY_CODES if k not in ("us",)} | {"US", "U.S."})
)

COUNTRY_NAMES: dict[str, str] = {
    "PAK": "Pakistan", "IND": "India", "AFG": "Afghanistan", "IRN": "Iran", "CHN": "China",
    "RUS": "Russia", "QAT": "Qatar", "TUR": "Turkey", "SAU": "Saudi Arabia",
    "ARE": "United Arab Emirates", "USA": "United States", "GBR": "United Kingdom",
    "FRA": "France", "BGD": "Bangladesh", "NPL": "Nepal", "LKA": "Sri Lanka",
    "TJK": "Tajikistan", "UZB": "Uzbekistan", "TKM": "Turkmenistan", "MMR": "Myanmar",
    "BTN": "Bhutan", "MDV": "Maldives", "ISR": "Israel", "DEU": "Germany", "JPN": "Japan",
    "EGY": "Egypt", "IRQ": "Iraq", "SYR": "Syria", "KWT": "Kuwait", "OMN": "Oman",
    "KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "AZE": "Azerbaijan", "UKR": "Ukraine",
}

# Armed groups → ACLED-style actor names.  Keys are lower-case phrases matched
# on word boundaries; longer keys win.
GROUP_ACTORS: dict[str, str] = {
    "tehreek-e-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "tehrik-i-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "pakistani taliban": "TTP: Tehreek-i-Taliban Pakistan",
    "ttp": "TTP: Tehreek-i-Taliban Pakistan",
    "fitna al khawarij": "TTP: Tehreek-i-Taliban Pakistan",
    "khawarij": "TTP: Tehreek-i-Taliban Pakistan",
    "afghan taliban": "Taliban (Afghanistan)", "taliban": "Taliban (Afghanistan)",
    "balochistan liberation army": "BLA: Balochistan Liberation Army",
    "bla": "BLA: Balochistan Liberation Army",
    "fitna al hindustan": "BLA: Balochistan Liberation Army",
    "baloch liberation front": "BLF: Balochistan Liberation Front",
    "blf": "BLF: Balochistan Liberation Front",
    "lashkar-e-taiba": "LeT: Lashkar-e-Taiba", "let": "LeT: Lashkar-e-Taiba",
    "the resistance front": "TRF: The Resistance Front", "trf": "TRF: The Resistance Front",
    "jaish-e-mohammed": "JeM: Jaish-e-Mohammed", "jaish-e-muhammad": "JeM: Jaish-e-Mohammed",
    "jem": "JeM: Jaish-e-Mohammed", "hizbul mujahideen": "HM: Hizbul Mujahideen",
    "islamic state khorasan": "IS-K: Islamic State Khorasan Province",
    "iskp": "IS-K: Islamic State Khorasan Province", "is-k": "IS-K: Islamic State Khorasan Province",
    "isis-k": "IS-K: Islamic State Khorasan Province",
    "islamic state": "Islamic State", "daesh": "Islamic State", "isis": "Islamic State",
    "al-qaeda": "Al Qaeda", "al qaeda": "Al Qaeda",
    "maoists": "CPI (Maoist): Communist Party of India (Maoist)",
    "naxals": "CPI (Maoist): Communist Party of India (Maoist)",
    "naxalites": "CPI (Maoist): Communist Party of India (Maoist)",
}

MILITARY_WORDS = frozenset({
    "army", "forces", "force", "troops", "soldiers", "soldier", "military", "jets", "jet",
    "aircraft", "air force", "navy", "personnel", "fc", "frontier corps", "rangers",
    "security forces", "artillery", "posts", "post", "pilots", "drones", "missiles",
})
POLICE_WORDS = frozenset({"police", "policemen", "policeman", "constables", "cops", "levies", "ctd"})
CIVILIAN_WORDS = frozenset({
    "civilian", "civilians", "people", "residents", "villagers", "worshippers", "passengers",
    "children", "women", "students", "pilgrims", "tourists", "journalists", "labourers",
    "laborers", "workers", "family", "families", "shoppers", "devotees", "commuters",
    "infrastructure", "homes", "houses", "mosque", "school", "market",
})
MILITANT_WORDS = frozenset({
    "militants", "militant", "terrorists", "terrorist", "insurgents", "insurgent",
    "fighters", "rebels", "gunmen", "attackers", "assailants", "khawarij", "bombers",
})

# --- event triggers --------------------------------------------------------
# Lemma → (event_type, sub_event_type).  The sub-type may be refined by
# weapon words in the sentence (see ``WEAPON_SUBTYPES``) or by the target.

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

NOUN_TRIGGERS: dict[str, tuple[str, str]] = {
    "clash": (BATTLES, "Armed clash"), "skirmish": (BATTLES, "Armed clash"),
    "firefight": (BATTLES, "Armed clash"), "gunfight": (BATTLES, "Armed clash"),
    "battle": (BATTLES, "Armed clash"), "fighting": (BATTLES, "Armed clash"),
    "encounter": (BATTLES, "Armed clash"), "ambush": (BATTLES, "Armed clash"),
    "crossfire": (BATTLES, "Armed clash"), "shootout": (BATTLES, "Armed clash"),
    "gunbattle": (BATTLES, "Armed clash"), "exchange": (BATTLES, "Armed clash"),
    "offensive": (BATTLES, "Armed clash"), "raid": (BATTLES, "Armed clash"),
    "assault": (BATTLES, "Armed clash"), "attack": (BATTLES, "Armed clash"),
    "operation": (BATTLES, "Armed clash"),
    "strike": (REMOTE, "Air/drone strike"), "airstrike": (REMOTE, "Air/drone strike"),
    "bombardment": (REMOTE, "Air/drone strike"), "bombing": (REMOTE, "Remote explosive/landmine/IED"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "barrage": (REMOTE, "Shelling/artillery/missile attack"),
    "blast": (REMOTE, "Remote explosive/landmine/IED"),
    "explosion": (REMOTE, "Remote explosive/landmine/IED"),
    "ied": (REMOTE, "Remote explosive/landmine/IED"),
    "massacre": (VAC, "Attack"), "abduction": (VAC, "Abduction/forced disappearance"),
    "kidnapping": (VAC, "Abduction/forced disappearance"),
    "disappearance": (VAC, "Abduction/forced disappearance"),
    "rape": (VAC, "Sexual violence"),
    "protest": (PROTESTS, "Peaceful protest"), "demonstration": (PROTESTS, "Peaceful protest"),
    "rally": (PROTESTS, "Peaceful protest"), "sit-in": (PROTESTS, "Peaceful protest"),
    "dharna": (PROTESTS, "Peaceful protest"), "strike_protest": (PROTESTS, "Peaceful protest"),
    "riot": (RIOTS, "Violent demonstration"), "lynching": (RIOTS, "Mob violence"),
    "ceasefire": (STRATEGIC, "Agreement"), "truce": (STRATEGIC, "Agreement"),
    "accord": (STRATEGIC, "Agreement"), "arrest": (STRATEGIC, "Arrests"),
    "mediation": (STRATEGIC, "Diplomacy"), "talk": (STRATEGIC, "Diplomacy"),
    "negotiation": (STRATEGIC, "Diplomacy"), "dialogue": (STRATEGIC, "Diplomacy"),
    "summit": (STRATEGIC, "Diplomacy"),
}
VERB_TRIGGERS: dict[str, tuple[str, str]] = {
    "clash": (BATTLES, "Armed clash"), "attack": (BATTLES, "Armed clash"),
    "ambush": (BATTLES, "Armed clash"), "raid": (BATTLES, "Armed clash"),
    "storm": (BATTLES, "Armed clash"), "fight": (BATTLES, "Armed clash"),
    "kill": (BATTLES, "Armed clash"), "martyr": (BATTLES, "Armed clash"),
    "strike": (REMOTE, "Air/drone strike"), "bomb": (REMOTE, "Air/drone strike"),
    "shell": (REMOTE, "Shelling/artillery/missile attack"),
    "pound": (REMOTE, "Shelling/artillery/missile attack"),
    "explode": (REMOTE, "Remote explosive/landmine/IED"),
    "detonate": (REMOTE, "Remote explosive/landmine/IED"),
    "destroy": (REMOTE, "Air/drone strike"),
    "abduct": (VAC, "Abduction/forced disappearance"),
    "kidnap": (VAC, "Abduction/forced disappearance"),
    "rape": (VAC, "Sexual violence"), "lynch": (RIOTS, "Mob violence"),
    "protest": (PROTESTS, "Peaceful protest"), "riot": (RIOTS, "Violent demonstration"),
    "arrest": (STRATEGIC, "Arrests"), "detain": (STRATEGIC, "Arrests"),
    "apprehend": (STRATEGIC, "Arrests"),
    "mediate": (STRATEGIC, "Diplomacy"), "negotiate": (STRATEGIC, "Diplomacy"),
}
# Multi-word triggers matched on the lower-cased sentence (checked first).
PHRASE_TRIGGERS: dict[str, tuple[str, str]] = {
    "suicide bombing": (REMOTE, "Suicide bomb"), "suicide attack": (REMOTE, "Suicide bomb"),
    "suicide bomber": (REMOTE, "Suicide bomb"), "drone strike": (REMOTE, "Air/drone strike"),
    "drone attack": (REMOTE, "Air/drone strike"), "air strike": (REMOTE, "Air/drone strike"),
    "air raid": (REMOTE, "Air/drone strike"), "missile strike": (REMOTE, "Shelling/artillery/missile attack"),
    "missile attack": (REMOTE, "Shelling/artillery/missile attack"),
    "rocket attack": (REMOTE, "Shelling/artillery/missile attack"),
    "mortar attack": (REMOTE, "Shelling/artillery/missile attack"),
    "grenade attack": (REMOTE, "Grenade"), "roadside bomb": (REMOTE, "Remote explosive/landmine/IED"),
    "bomb blast": (REMOTE, "Remote explosive/landmine/IED"),
    "exchange of fire": (BATTLES, "Armed clash"), "exchanged fire": (BATTLES, "Armed clash"),
    "opened fire": (BATTLES, "Armed clash"), "cross-border firing": (BATTLES, "Armed clash"),
    "peace deal": (STRATEGIC, "Agreement"), "peace agreement": (STRATEGIC, "Agreement"),
    "peace talks": (STRATEGIC, "Diplomacy"), "offered to mediate": (STRATEGIC, "Diplomacy"),
    "tear gas": (PROTESTS, "Protest with intervention"),
    "baton charge": (PROTESTS, "Protest with intervention"),
    "defused": (STRATEGIC, "Disrupted weapons use"), "foiled": (STRATEGIC, "Disrupted weapons use"),
    "set on fire": (STRATEGIC, "Looting/property destruction"),
    "torched": (STRATEGIC, "Looting/property destruction"),
}

# Weapon words in a sentence refine a remote-violence or generic attack
# trigger to an ACLED sub-type.  Checked in order; the first hit wins.
WEAPON_SUBTYPES: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"suicide"}), REMOTE, "Suicide bomb"),
    (frozenset({"drone", "drones", "airstrike", "airstrikes", "jets", "jet", "aircraft",
                "warplanes", "warplane", "helicopter", "gunship", "air"}), REMOTE, "Air/drone strike"),
    (frozenset({"missile", "missiles", "rocket", "rockets", "artillery", "mortar", "mortars",
                "shelling", "shells", "howitzer"}), REMOTE, "Shelling/artillery/missile attack"),
    (frozenset({"grenade", "grenades"}), REMOTE, "Grenade"),
    (frozenset({"ied", "ieds", "landmine", "landmines", "bomb", "bombs", "explosive",
                "explosives", "blast", "explosion"}), REMOTE, "Remote explosive/landmine/IED"),
)
# Verbs that need a weapon word to count ("destroyed" alone is not an attack).
NEEDS_WEAPON = frozenset({"destroy"})
# Nouns too generic to stand alone: need a violent context word in the sentence.
NEEDS_CONTEXT = frozenset({"operation", "exchange", "offensive", "talk", "attack_generic"})
CONTEXT_WORDS = frozenset({
    "killed", "militants", "terrorists", "fire", "firing", "troops", "forces", "soldiers",
    "army", "police", "security", "armed", "gunmen", "militant", "terrorist",
    "peace", "ceasefire", "delegation", "foreign", "minister", "envoy", "bilateral",
})

# Prepositions whose object is a reference to an earlier event, not a report
# of a new one ("following clashes", "amid fighting", "in response to the attack").
BACKGROUND_PREPS = frozenset({"following", "after", "amid", "amidst", "since", "despite",
                              "before", "during", "like", "unlike"})
BACKGROUND_NOUNS = frozenset({"response", "retaliation", "wake", "aftermath", "reprisal",
                              "revenge", "memory", "anniversary"})
# Heads that make an event hypothetical, denied or merely threatened.
MODAL_HEADS = frozenset({
    "threaten", "warn", "vow", "deny", "plan", "intend", "consider", "fear", "prepare",
    "urge", "pledge", "condemn_future", "avoid", "prevent", "refrain", "seek", "want",
    "rule", "reject",
})
MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "will", "shall", "can"})
# A sentence about the end of fighting: violent triggers in it are references.
ENDING_VERBS = frozenset({"end", "halt", "cease", "stop", "conclude", "subside", "suspend"})
# Verbs after which a place is a party or go-between, not a location.
AGENT_VERBS = frozenset({"broker", "mediate", "host", "facilitate", "back", "support",
                         "sponsor", "fund", "accuse", "blame", "urge"})
LOCATIVE_PREPS = frozenset({"in", "inside", "at", "near", "on", "across", "along", "into",
                            "within", "outside", "over", "around", "to", "from", "off",
                            "throughout", "between"})
# "X said", "according to X": who a claim is attributed to.
SAY_VERBS = frozenset({"say", "claim", "report", "confirm", "state", "announce", "tell",
                       "allege", "assert", "add", "disclose", "reveal", "insist"})
