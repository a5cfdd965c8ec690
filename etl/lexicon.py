"""Word lists the event stage uses: countries and demonyms, actor names in
ACLED style, and event triggers mapped to ACLED's taxonomy (DESIGN §4).

The lists are data, kept apart from the logic so they can be reviewed (and
extended) without reading code.  Country codes are ISO 3166-1 alpha-3.
"""

from __future__ import annotations

# Country names and demonyms → ISO3, for the conflict region and the states
# that appear in its news (mediators, suppliers, neighbours).  Lower-case keys.
COUNTRY_CODES: dict[str, str] = {
    "pakistan": "PAK", "pakistani": "PAK", "pakistanis": "PAK", "pak": "PAK",
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
    # other states whose wars fill the news (names and unambiguous demonyms; not "Congo"
    # alone, which names two states, nor "Georgia" or "Polish")
    "sudan": "SDN", "sudanese": "SDN", "south sudan": "SSD", "south sudanese": "SSD", "chad": "TCD",
    "chadian": "TCD", "thailand": "THA", "thai": "THA", "cambodia": "KHM", "cambodian": "KHM",
    "kenya": "KEN", "kenyan": "KEN", "nigeria": "NGA", "nigerian": "NGA", "niger": "NER", "nigerien": "NER",
    "mali": "MLI", "malian": "MLI", "burkina faso": "BFA", "burkinabe": "BFA", "dr congo": "COD",
    "drc": "COD", "democratic republic of congo": "COD", "democratic republic of the congo": "COD",
    "congolese": "COD", "rwanda": "RWA", "rwandan": "RWA", "uganda": "UGA", "ugandan": "UGA",
    "ethiopia": "ETH", "ethiopian": "ETH", "eritrea": "ERI", "eritrean": "ERI", "somalia": "SOM",
    "somali": "SOM", "libya": "LBY", "libyan": "LBY", "lebanon": "LBN", "lebanese": "LBN",
    "yemen": "YEM", "yemeni": "YEM", "jordan": "JOR", "jordanian": "JOR", "palestine": "PSE",
    "palestinian": "PSE", "cameroon": "CMR", "cameroonian": "CMR", "mozambique": "MOZ",
    "central african republic": "CAF", "colombia": "COL", "colombian": "COL", "mexico": "MEX",
    "mexican": "MEX", "venezuela": "VEN", "venezuelan": "VEN", "haiti": "HTI", "haitian": "HTI",
    "philippines": "PHL", "philippine": "PHL", "filipino": "PHL", "indonesia": "IDN",
    "indonesian": "IDN", "malaysia": "MYS", "malaysian": "MYS", "belarus": "BLR", "belarusian": "BLR",
    "armenia": "ARM", "armenian": "ARM",
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
    "SDN": "Sudan", "SSD": "South Sudan", "TCD": "Chad", "THA": "Thailand", "KHM": "Cambodia",
    "KEN": "Kenya", "NGA": "Nigeria", "NER": "Niger", "MLI": "Mali", "BFA": "Burkina Faso",
    "COD": "Democratic Republic of Congo", "RWA": "Rwanda", "UGA": "Uganda", "ETH": "Ethiopia",
    "ERI": "Eritrea", "SOM": "Somalia", "LBY": "Libya", "LBN": "Lebanon", "YEM": "Yemen",
    "JOR": "Jordan", "PSE": "Palestine", "CMR": "Cameroon", "MOZ": "Mozambique",
    "CAF": "Central African Republic", "COL": "Colombia", "MEX": "Mexico", "VEN": "Venezuela",
    "HTI": "Haiti", "PHL": "Philippines", "IDN": "Indonesia", "MYS": "Malaysia", "BLR": "Belarus",
    "ARM": "Armenia",
}

# Nouns of documents that are a deal only when signed (see NOUN_TRIGGERS)
SIGNED_DOCUMENTS = frozenset({"declaration", "memorandum", "roadmap", "charter"})

# Armed groups → ACLED-style actor names.  Keys are lower-case phrases matched
# on word boundaries; longer keys win.
GROUP_ACTORS: dict[str, str] = {
    "tehreek-e-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "tehrik-i-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "tehrik-e-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "tehreek-i-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "jamaat-ul-ahrar": "JuA: Jamaat-ul-Ahrar", "jamaatul ahrar": "JuA: Jamaat-ul-Ahrar",
    "hafiz gul bahadur": "Hafiz Gul Bahadur Group",
    "lashkar-e-jhangvi": "LeJ: Lashkar-e-Jhangvi",
    "tehreek-e-labbaik pakistan": "TLP: Tehreek-e-Labbaik Pakistan",
    "tehreek-e-labbaik": "TLP: Tehreek-e-Labbaik Pakistan", "tlp": "TLP: Tehreek-e-Labbaik Pakistan",
    "baloch republican army": "BRA: Baloch Republican Army",
    "haqqani network": "Haqqani Network",
    "national resistance front": "NRF: National Resistance Front of Afghanistan",
    "afghanistan freedom front": "AFF: Afghanistan Freedom Front",
    "kuki national army": "KNA: Kuki National Army",
    "arambai tenggol": "Arambai Tenggol",
    "united liberation front of asom": "ULFA: United Liberation Front of Asom",
    "ulfa": "ULFA: United Liberation Front of Asom",
    "pakistani taliban": "TTP: Tehreek-i-Taliban Pakistan",
    "ttp": "TTP: Tehreek-i-Taliban Pakistan",
    "fitna al khawarij": "TTP: Tehreek-i-Taliban Pakistan",
    "khawarij": "TTP: Tehreek-i-Taliban Pakistan",
    "afghan taliban": "Taliban (Afghanistan)", "taliban": "Taliban (Afghanistan)",
    "islamic emirate": "Taliban (Afghanistan)",  # the Taliban government's name for itself
    "balochistan liberation army": "BLA: Balochistan Liberation Army",
    "bla": "BLA: Balochistan Liberation Army",
    "fitna al hindustan": "BLA: Balochistan Liberation Army",
    "baloch liberation front": "BLF: Balochistan Liberation Front",
    "blf": "BLF: Balochistan Liberation Front",
    "lashkar-e-taiba": "LeT: Lashkar-e-Taiba", "lashkar-e-tayyiba": "LeT: Lashkar-e-Taiba",
    "let": "LeT: Lashkar-e-Taiba",
    "the resistance front": "TRF: The Resistance Front", "trf": "TRF: The Resistance Front",
    "jaish-e-mohammed": "JeM: Jaish-e-Mohammed", "jaish-e-muhammad": "JeM: Jaish-e-Mohammed",
    "jaish-e-mohammad": "JeM: Jaish-e-Mohammed",
    "jem": "JeM: Jaish-e-Mohammed", "hizbul mujahideen": "HM: Hizbul Mujahideen",
    "islamic state khorasan": "IS-K: Islamic State Khorasan Province",
    "iskp": "IS-K: Islamic State Khorasan Province", "is-k": "IS-K: Islamic State Khorasan Province",
    "isis-k": "IS-K: Islamic State Khorasan Province",
    "islamic state": "Islamic State", "daesh": "Islamic State", "isis": "Islamic State",
    "al-qaeda": "Al Qaeda", "al qaeda": "Al Qaeda",
    # state forces named by their corps (ACLED names them under their country's forces)
    "assam rifles": "Military Forces of India", "border security force": "Military Forces of India",
    "bsf": "Military Forces of India", "indo-tibetan border police": "Military Forces of India",
    "central reserve police force": "Police Forces of India", "crpf": "Police Forces of India",
    "district reserve guard": "Police Forces of India", "drg": "Police Forces of India",
    "cobra commandos": "Police Forces of India",
    "frontier corps": "Military Forces of Pakistan", "counter terrorism department": "Police Forces of Pakistan",
    "counter-terrorism department": "Police Forces of Pakistan",
    # state forces of other wars, named by the acronym the news uses
    **dict.fromkeys(("saf", "sudanese armed forces"), "Military Forces of Sudan"),
    **dict.fromkeys(("fardc", "armed forces of the democratic republic of congo"),
                    "Military Forces of Democratic Republic of Congo"),
    "maoists": "CPI (Maoist): Communist Party of India (Maoist)",
    "naxals": "CPI (Maoist): Communist Party of India (Maoist)",
    "naxalites": "CPI (Maoist): Communist Party of India (Maoist)",
    # non-state armed groups active elsewhere in 2025, named as ACLED names them; some
    # ("Rapid Support Forces", "Arakan Army") carry a word that would otherwise read as
    # state forces
    **dict.fromkeys(("rapid support forces", "rsf"), "RSF: Rapid Support Forces"),
    **dict.fromkeys(("m23", "march 23 movement", "afc/m23"), "M23: March 23 Movement"),
    **dict.fromkeys(("allied democratic forces", "adf"), "ADF: Allied Democratic Forces"),
    "hamas": "Hamas Movement", **dict.fromkeys(("hezbollah", "hizbollah"), "Hezbollah"),
    **dict.fromkeys(("houthis", "houthi rebels", "ansar allah"), "Ansar Allah (Houthis)"),
    **dict.fromkeys(("al-shabaab", "al shabaab", "al-shabab", "al shabab", "shabaab"), "Al Shabaab"),
    **dict.fromkeys(("jnim", "jama'at nusrat al-islam wal-muslimin", "jama’at nusrat al-islam wal-muslimin"),
                    "JNIM: Jama'at Nusrat al-Islam wal-Muslimin"),
    "boko haram": "Boko Haram",
    **dict.fromkeys(("iswap", "islamic state west africa province"), "ISWAP: Islamic State West Africa Province"),
    **dict.fromkeys(("issp", "islamic state sahel province", "islamic state in the greater sahara"),
                    "ISSP: Islamic State Sahel Province"),
    "arakan army": "AA: Arakan Army",
    **dict.fromkeys(("eln", "national liberation army"), "ELN: National Liberation Army"),
    "pkk": "PKK: Kurdistan Workers' Party",
    **dict.fromkeys(("syrian democratic forces", "sdf"), "SDF: Syrian Democratic Forces"),
    "viv ansanm": "Viv Ansanm", "white army": "White Army", "fano": "Fano Militia",
    **dict.fromkeys(("ta'ang national liberation army", "tnla"), "TNLA: Ta'ang National Liberation Army"),
    "kachin independence army": "KIA: Kachin Independence Army",
    **dict.fromkeys(("people's defence force", "people's defense force"), "PDF: People's Defence Force"),
    **dict.fromkeys(("jalisco new generation cartel", "cjng"), "CJNG: Jalisco New Generation Cartel"),
    "sinaloa cartel": "Sinaloa Cartel",
    "palestinian islamic jihad": "PIJ: Palestinian Islamic Jihad",
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
    "population", "farmers", "doctor", "doctors", "teacher", "teachers", "passenger", "bus",
    "man", "woman", "boy", "girl", "villages", "village", "hospital", "traders", "shopkeepers",
    "herders", "fishermen", "miners", "miner", "voters", "churchgoers", "church", "temple", "civillians", "locals",
    "motorists", "nurse", "nurses", "aid", "patients", "refugees", "teenage", "teenager",
    # one person of the groups above, and others unarmed by trade or age
    "resident", "villager", "worshipper", "pilgrim", "tourist", "journalist", "labourer", "laborer", "worker",
    "shopper", "devotee", "commuter", "farmer", "student", "trader", "shopkeeper", "herder", "fisherman",
    "voter", "motorist", "patient", "refugee", "child", "elder", "elders", "cleric", "clerics", "imam",
    "priest", "priests", "pastor", "lawyer", "lawyers", "judge", "shepherd", "shepherds",
    "person", "persons",  # "12 persons were killed by gunmen": no one armed is named so
    "victims",  # "the victims were ambushed while tending their farms"
    "nationals", "engineers",  # "two Chinese nationals were killed"
    # office holders and public figures, unarmed (ACLED: an assassinated mayor is a civilian;
    # not "activists", which South Asian reports use for an armed group's cadres)
    "mayor", "mayors", "councillor", "councillors", "councilor", "councilors", "lawmaker", "lawmakers",
    "politician", "politicians", "candidate", "candidates", "senator", "senators", "legislator", "legislators",
    "parliamentarian", "parliamentarians",
    # kin, named as someone's (killed at home, "two of his brothers and his niece")
    "brother", "brothers", "sister", "sisters", "niece", "nieces", "nephew", "nephews", "cousin", "cousins",
    "relatives", "parents", "grandchildren", "grandson", "granddaughter", "grandmother", "grandfather",
    # people at a place of custom or leisure
    "customers", "customer", "diners", "guests", "mourners", "spectators", "bystanders", "pedestrians",
    "partygoers", "revellers", "revelers",
})
# Places where an attack's targets are civilians (an attack on them is
# Violence against civilians unless armed targets are named too).
CIVILIAN_SITES = frozenset({
    "university", "universities", "college", "campus", "hotel", "hotels", "restaurant", "restaurants",
    "cafe", "café", "teahouse", "shop", "shops", "store", "stores", "supermarket", "mall", "bazaar",
    "marketplace", "wedding", "funeral", "procession", "congregation", "shrine", "synagogue", "monastery",
    "madrasa", "madrassa", "seminary", "classroom", "classrooms", "dormitory", "dormitories", "hostel",
    "guesthouse", "nightclub", "stadium", "concert", "festival", "cinema", "theatre", "theater", "clinic",
    "car", "cars", "vehicle", "vehicles", "minibus", "van", "taxi", "train", "house", "home", "residence",
    "schools", "mosques",
    "churches", "temples", "markets", "hospitals", "kindergarten", "orphanage", "camp-goers", "beach",
    "bar", "bars", "pub", "hall", "billiards", "party", "wake",
})
# One who carried out an attack, named alone ("the suspected gunman is dead from a self-inflicted
# gunshot wound"): the armed side, whose death counts with the victims' (ACLED counts attackers)
LONE_ATTACKERS = frozenset({"gunman", "shooter", "attacker", "assailant", "bomber", "killer"})
MILITANT_WORDS = frozenset({
    "militants", "militant", "terrorists", "terrorist", "insurgents", "insurgent",
    "fighters", "rebels", "gunmen", "attackers", "assailants", "khawarij", "khwarij", "kharijis", "bombers",
    "guerrillas", "guerrilla", "jihadists",
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
    # armed resistance met by an attack ("they met strong resistance from the youths and
    # security personnel"), only as what the attackers met or faced (see RESISTANCE_VERBS)
    "resistance": (BATTLES, "Armed clash"),
    "firefight": (BATTLES, "Armed clash"), "gunfight": (BATTLES, "Armed clash"),
    "infighting": (BATTLES, "Armed clash"),
    "battle": (BATTLES, "Armed clash"), "fighting": (BATTLES, "Armed clash"),
    "encounter": (BATTLES, "Armed clash"), "ambush": (BATTLES, "Armed clash"),
    "crossfire": (BATTLES, "Armed clash"), "shootout": (BATTLES, "Armed clash"),
    "gunbattle": (BATTLES, "Armed clash"), "exchange": (BATTLES, "Armed clash"),
    "offensive": (BATTLES, "Armed clash"), "raid": (BATTLES, "Armed clash"),
    "assault": (BATTLES, "Armed clash"), "attack": (BATTLES, "Armed clash"),
    "operation": (BATTLES, "Armed clash"),
    # Shooting nouns of South Asian and wire copy ("Indian firing kills two",
    # "claims killing of eight"); they need an armed word in the sentence.
    "firing": (BATTLES, "Armed clash"), "gunfire": (BATTLES, "Armed clash"), "killing": (BATTLES, "Armed clash"),
    "shooting": (BATTLES, "Armed clash"),
    "strike": (REMOTE, "Air/drone strike"), "airstrike": (REMOTE, "Air/drone strike"),
    "bombardment": (REMOTE, "Air/drone strike"), "bombing": (REMOTE, "Remote explosive/landmine/IED"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "barrage": (REMOTE, "Shelling/artillery/missile attack"),
    "blast": (REMOTE, "Remote explosive/landmine/IED"),
    "explosion": (REMOTE, "Remote explosive/landmine/IED"),
    "ied": (REMOTE, "Remote explosive/landmine/IED"),
    "massacre": (VAC, "Attack"), "abduction": (VAC, "Abduction/forced disappearance"),
    "execution": (VAC, "Attack"),
    "kidnapping": (VAC, "Abduction/forced disappearance"),
    "disappearance": (VAC, "Abduction/forced disappearance"),
    "rape": (VAC, "Sexual violence"),
    "protest": (PROTESTS, "Peaceful protest"), "demonstration": (PROTESTS, "Peaceful protest"),
    "rally": (PROTESTS, "Peaceful protest"), "sit-in": (PROTESTS, "Peaceful protest"),
    "dharna": (PROTESTS, "Peaceful protest"), "strike_protest": (PROTESTS, "Peaceful protest"),
    "riot": (RIOTS, "Violent demonstration"), "rioting": (RIOTS, "Violent demonstration"),
    "lynching": (RIOTS, "Mob violence"),
    "ceasefire": (STRATEGIC, "Agreement"), "truce": (STRATEGIC, "Agreement"),
    "accord": (STRATEGIC, "Agreement"), "arrest": (STRATEGIC, "Arrests"),
    "mediation": (STRATEGIC, "Diplomacy"), "talk": (STRATEGIC, "Diplomacy"),
    "negotiation": (STRATEGIC, "Diplomacy"), "dialogue": (STRATEGIC, "Diplomacy"),
    "discussion": (STRATEGIC, "Diplomacy"),
    "summit": (STRATEGIC, "Diplomacy"), "meeting": (STRATEGIC, "Diplomacy"),
    "unrest": (PROTESTS, "Peaceful protest"), "crackdown": (PROTESTS, "Excessive force against protesters"),
    "agreement": (STRATEGIC, "Agreement"), "swap": (STRATEGIC, "Agreement"),
    "pact": (STRATEGIC, "Agreement"), "treaty": (STRATEGIC, "Agreement"),
    # documents of a deal, only as what was signed ("signed a declaration of principles")
    "declaration": (STRATEGIC, "Agreement"), "memorandum": (STRATEGIC, "Agreement"),
    "roadmap": (STRATEGIC, "Agreement"), "charter": (STRATEGIC, "Agreement"),
    "capture": (STRATEGIC, "Arrests"), "detention": (STRATEGIC, "Arrests"),
    # "announced the fall of Velyka Novosilka": a place taken (only with a place: see OBJECT_FRAMES)
    "fall": (BATTLES, "Government regains territory"),
    "protester": (PROTESTS, "Peaceful protest"), "protestor": (PROTESTS, "Peaceful protest"),
    "demonstrator": (PROTESTS, "Peaceful protest"),
    "rioter": (RIOTS, "Violent demonstration"), "walkout": (PROTESTS, "Peaceful protest"),
    "march": (PROTESTS, "Peaceful protest"), "mob": (RIOTS, "Mob violence"),
    "picket": (PROTESTS, "Peaceful protest"),
    "chlorine": (REMOTE, "Chemical weapon"), "sarin": (REMOTE, "Chemical weapon"),
    "airstrikes": (REMOTE, "Air/drone strike"), "shootout": (BATTLES, "Armed clash"),
    "looting": (STRATEGIC, "Looting/property destruction"),
    "arson": (STRATEGIC, "Looting/property destruction"),
    "landmine": (REMOTE, "Remote explosive/landmine/IED"),
    "assassination": (VAC, "Attack"), "hijacking": (VAC, "Abduction/forced disappearance"),
    "escape": (STRATEGIC, "Other"), "jailbreak": (STRATEGIC, "Other"), "breakout": (STRATEGIC, "Other"),
}
VERB_TRIGGERS: dict[str, tuple[str, str]] = {
    "hurl": (REMOTE, "Grenade"), "lob": (REMOTE, "Grenade"), "throw": (REMOTE, "Grenade"),
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
    "rape": (VAC, "Sexual violence"), "molest": (VAC, "Sexual violence"), "lynch": (RIOTS, "Mob violence"),
    "protest": (PROTESTS, "Peaceful protest"), "riot": (RIOTS, "Violent demonstration"),
    "arrest": (STRATEGIC, "Arrests"), "detain": (STRATEGIC, "Arrests"),
    "apprehend": (STRATEGIC, "Arrests"),
    "mediate": (STRATEGIC, "Diplomacy"), "negotiate": (STRATEGIC, "Diplomacy"),
    # leaders meeting or calling each other ("Witkoff met Putin", "Anwar contacted Hun
    # Manet"), only with a leader on each side (see LEADER_WORDS)
    **dict.fromkeys(("meet", "contact", "phone"), (STRATEGIC, "Diplomacy")),
    "capture": (STRATEGIC, "Arrests"), "nab": (STRATEGIC, "Arrests"),
    "seize": (STRATEGIC, "Disrupted weapons use"),
    "recapture": (BATTLES, "Government regains territory"),
    # (spaCy's lemma of "reoccupied" is "reoccupie")
    **dict.fromkeys(("reoccupy", "reoccupie"), (BATTLES, "Government regains territory")),
    "retake": (BATTLES, "Government regains territory"),
    "regain": (BATTLES, "Government regains territory"),
    "reclaim": (BATTLES, "Government regains territory"),
    "liberate": (BATTLES, "Government regains territory"),
    "overrun": (BATTLES, "Non-state actor overtakes territory"),
    "recover": (STRATEGIC, "Disrupted weapons use"), "discover": (STRATEGIC, "Disrupted weapons use"),
    "find": (STRATEGIC, "Disrupted weapons use"), "unearth": (STRATEGIC, "Disrupted weapons use"),
    "defuse": (STRATEGIC, "Disrupted weapons use"), "clear": (STRATEGIC, "Disrupted weapons use"),
    "dismantle": (STRATEGIC, "Disrupted weapons use"),
    "shoot": (BATTLES, "Armed clash"), "gun": (BATTLES, "Armed clash"),
    "behead": (VAC, "Attack"), "execute": (VAC, "Attack"),
    "torture": (VAC, "Attack"), "massacre": (VAC, "Attack"), "assassinate": (VAC, "Attack"),
    "burn": (STRATEGIC, "Looting/property destruction"), "drop": (REMOTE, "Air/drone strike"),
    "loot": (STRATEGIC, "Looting/property destruction"),
    "torch": (STRATEGIC, "Looting/property destruction"),
    # homes of suspects or of a community pulled down by the authorities or a mob (a building's
    # object is needed: see OBJECT_FRAMES)
    "demolish": (STRATEGIC, "Looting/property destruction"), "bulldoze": (STRATEGIC, "Looting/property destruction"),
    "raze": (STRATEGIC, "Looting/property destruction"),
    "ransack": (STRATEGIC, "Looting/property destruction"),
    "vandalise": (STRATEGIC, "Looting/property destruction"),
    "vandalize": (STRATEGIC, "Looting/property destruction"),
    "withdraw": (STRATEGIC, "Change to group/activity"), "retreat": (STRATEGIC, "Change to group/activity"),
    "occupy": (BATTLES, "Government regains territory"),
    # a place that "fell to" or "fell under the control of" a side (only with a place: see
    # OBJECT_FRAMES and territory.place_object)
    "fall": (BATTLES, "Government regains territory"),
    "establish": (STRATEGIC, "Headquarters or base established"),
    "march": (PROTESTS, "Peaceful protest"), "rally": (PROTESTS, "Peaceful protest"),
    "demonstrate": (PROTESTS, "Peaceful protest"),
    "disperse": (PROTESTS, "Protest with intervention"),
    "hit": (REMOTE, "Air/drone strike"), "fire": (REMOTE, "Shelling/artillery/missile attack"),
    "surrender": (STRATEGIC, "Agreement"), "agree": (STRATEGIC, "Agreement"),
    "intercept": (STRATEGIC, "Disrupted weapons use"), "thwart": (STRATEGIC, "Disrupted weapons use"),
    "foil": (STRATEGIC, "Disrupted weapons use"),
    "defect": (STRATEGIC, "Change to group/activity"), "reinforce": (STRATEGIC, "Change to group/activity"),
    "deploy": (STRATEGIC, "Change to group/activity"), "merge": (STRATEGIC, "Change to group/activity"),
    "disband": (STRATEGIC, "Change to group/activity"),
    **dict.fromkeys(("mobilize", "mobilise", "dispatch", "send", "move", "amass", "redeploy", "relocate",
                     "recruit", "form", "forward", "fortify", "consolidate"), (STRATEGIC, "Change to group/activity")),
    "launch": (REMOTE, "Shelling/artillery/missile attack"),
    # people in numbers leaving their homes (ACLED's Other; see DISPLACED_MASS)
    "flee": (STRATEGIC, "Other"), "displace": (STRATEGIC, "Other"),
    # a prison break (ACLED's Other); only with a prison or its inmates named (see PRISON_WORDS)
    "escape": (STRATEGIC, "Other"),
    # killings by hand, only "… to death" (see OBJECT_FRAMES); typed like "kill"
    **dict.fromkeys(("hack", "stab", "beat", "bludgeon", "club", "stone"), (BATTLES, "Armed clash")),
    # only when the place changed hands without a fight (see UNCONTESTED_WORDS)
    "enter": (STRATEGIC, "Non-violent transfer of territory"),
    "control": (STRATEGIC, "Non-violent transfer of territory"),
    # security forces' words for killing militants ("neutralised seven terrorists"), only
    # with people as the object (see OBJECT_FRAMES): not "neutralised two drones"
    **dict.fromkeys(("eliminate", "neutralise", "neutralize"), (BATTLES, "Armed clash")),
    "hijack": (VAC, "Abduction/forced disappearance"),
    # armed resistance to an attack ("police repelled the attackers", "the youths and
    # police who tried to engage them"), only with the attack or attackers as object
    # (see ATTACK_OBJECTS): a battle beside the attack on the people
    **dict.fromkeys(("repel", "repulse", "engage", "resist"), (BATTLES, "Armed clash")),
    # "soldiers who died defending the town": a fight, only told with their deaths (see DEFENDERS_DIED)
    "defend": (BATTLES, "Armed clash"),
}
# Armed resistance to an attack: a fight whatever the attackers' target (see classify._refine).
RESISTANCE_LEMMAS = frozenset({"repel", "repulse", "engage", "resist", "defend", "resistance"})
# Who meets or calls whom in diplomacy: a named person, or one of these.
LEADER_WORDS = frozenset({"president", "minister", "premier", "counterpart", "envoy", "leader", "leaders",
                          "king", "chancellor", "emir", "secretary", "delegation", "delegations", "mediator",
                          "mediators", "ambassador", "chairman", "negotiators"})
# Offices whose holders are someone: their arrest is political, whatever the charge
# ("a number of ministers have been arrested" in a coup, "the former president was
# detained over corruption").
OFFICE_WORDS = frozenset({"president", "minister", "premier", "governor", "mayor", "chancellor", "senator",
                          "lawmaker", "legislator", "judge", "general"})
# What attackers meet or face when there is a fight ("met stiff resistance").
RESISTANCE_VERBS = frozenset({"meet", "face", "encounter"})
# Deaths told with "defending" ("died defending the town", "were killed while defending it").
DEFENDERS_DIED = frozenset({"die", "kill", "lose", "fall", "perish", "martyr"})
# Multi-word triggers matched on the lower-cased sentence (checked first).
PHRASE_TRIGGERS: dict[str, tuple[str, str]] = {
    "suicide bombing": (REMOTE, "Suicide bomb"), "suicide attack": (REMOTE, "Suicide bomb"),
    # a bomb that "went off" or "ripped through" a place (only with a bomb as subject: see DETONATED)
    **dict.fromkeys(("go off", "went off", "rip through", "ripped through", "tear through", "tore through"),
                    (REMOTE, "Remote explosive/landmine/IED")),
    "suicide bomber": (REMOTE, "Suicide bomb"), "drone strike": (REMOTE, "Air/drone strike"),
    "drone attack": (REMOTE, "Air/drone strike"), "air strike": (REMOTE, "Air/drone strike"),
    "air raid": (REMOTE, "Air/drone strike"), "missile strike": (REMOTE, "Shelling/artillery/missile attack"),
    "missile attack": (REMOTE, "Shelling/artillery/missile attack"),
    "rocket attack": (REMOTE, "Shelling/artillery/missile attack"),
    "mortar attack": (REMOTE, "Shelling/artillery/missile attack"),
    "grenade attack": (REMOTE, "Grenade"), "roadside bomb": (REMOTE, "Remote explosive/landmine/IED"),
    "bomb blast": (REMOTE, "Remote explosive/landmine/IED"),
    "exchange of fire": (BATTLES, "Armed clash"),
    "opened fire": (BATTLES, "Armed clash"), "cross-border firing": (BATTLES, "Armed clash"),
    "peace deal": (STRATEGIC, "Agreement"), "peace agreement": (STRATEGIC, "Agreement"),
    # ACLED's Agreement covers peace talks between the parties, not only signed deals
    "peace talks": (STRATEGIC, "Agreement"), "peace negotiations": (STRATEGIC, "Agreement"),
    "in exchange for": (STRATEGIC, "Agreement"), "prisoner exchange": (STRATEGIC, "Agreement"),
    "prisoner swap": (STRATEGIC, "Agreement"), "exchange of prisoners": (STRATEGIC, "Agreement"),
    "prisoners exchange": (STRATEGIC, "Agreement"), "prisoners swap": (STRATEGIC, "Agreement"),
    "evacuation deal": (STRATEGIC, "Agreement"),
    "offered to mediate": (STRATEGIC, "Diplomacy"),
    "tear gas": (PROTESTS, "Protest with intervention"),
    "teargas": (PROTESTS, "Protest with intervention"),
    "baton-charged": (PROTESTS, "Protest with intervention"),
    "lathi-charged": (PROTESTS, "Protest with intervention"),
    "lathi charge": (PROTESTS, "Protest with intervention"),
    "lathi-charge": (PROTESTS, "Protest with intervention"),
    "shot dead": (BATTLES, "Armed clash"), "gunned down": (BATTLES, "Armed clash"),
    "gun down": (BATTLES, "Armed clash"), "guns down": (BATTLES, "Armed clash"),
    "blew up": (REMOTE, "Remote explosive/landmine/IED"),
    "blew himself up": (REMOTE, "Suicide bomb"), "blew themselves up": (REMOTE, "Suicide bomb"),
    "chemical attack": (REMOTE, "Chemical weapon"), "chemical weapons": (REMOTE, "Chemical weapon"),
    "poison gas": (REMOTE, "Chemical weapon"), "poisonous gas": (REMOTE, "Chemical weapon"),
    "toxic gas": (REMOTE, "Chemical weapon"),
    "taken into custody": (STRATEGIC, "Arrests"), "took into custody": (STRATEGIC, "Arrests"),
    "round up": (STRATEGIC, "Arrests"), "rounded up": (STRATEGIC, "Arrests"),
    "set up": (STRATEGIC, "Headquarters or base established"),
    "took control": (BATTLES, "Government regains territory"),
    "regained control": (BATTLES, "Government regains territory"),
    "recovered control": (BATTLES, "Government regains territory"),
    "wrested control": (BATTLES, "Government regains territory"),
    "gained control": (BATTLES, "Government regains territory"),
    "took over": (BATTLES, "Government regains territory"),
    "pushed back": (BATTLES, "Government regains territory"),
    "pushed out": (BATTLES, "Government regains territory"),
    "taken control": (BATTLES, "Government regains territory"),
    "seized control": (BATTLES, "Government regains territory"),
    "pulled out": (STRATEGIC, "Change to group/activity"),
    "pulled back": (STRATEGIC, "Change to group/activity"), "pull back": (STRATEGIC, "Change to group/activity"),
    "take over": (BATTLES, "Government regains territory"),
    "restored control": (BATTLES, "Government regains territory"),
    **dict.fromkeys(("reimposed control", "reasserted control", "re-established control",
                     "reestablished control", "re-imposed control"), (BATTLES, "Government regains territory")),
    "established control": (BATTLES, "Government regains territory"),
    "assumed control": (BATTLES, "Government regains territory"),
    "handed over": (STRATEGIC, "Non-violent transfer of territory"),
    # a group giving up armed activity: disarming, dissolving (ACLED Change to group/activity)
    **dict.fromkeys(("lay down their arms", "laid down their arms", "lay down their weapons", "laid down their weapons",
                     "lay down arms", "laid down arms", "handed over their weapons", "hand over their weapons",
                     "handed over their arms", "surrendered their weapons", "burned their weapons",
                     "burnt their weapons", "disarmament ceremony", "announced its dissolution",
                     "announced their dissolution", "renounced armed struggle", "renounced the armed struggle"),
                    (STRATEGIC, "Change to group/activity")),
    "sexual assault": (VAC, "Sexual violence"), "sexually assaulted": (VAC, "Sexual violence"),
    # spaCy's lemmatiser turns "raped" into "rap": the inflected forms are matched as words
    "retook": (BATTLES, "Government regains territory"),  # lemmatised as "retook"
    # ACLED codes the discovery of a mass grave as Other
    "mass grave": (STRATEGIC, "Other"), "mass graves": (STRATEGIC, "Other"),
    "gas attack": (REMOTE, "Chemical weapon"), "held hostage": (VAC, "Abduction/forced disappearance"),
    "hostage-taking": (VAC, "Abduction/forced disappearance"),
    "forcibly disappeared": (VAC, "Abduction/forced disappearance"),
    "enforced disappearance": (VAC, "Abduction/forced disappearance"),
    "beaten to death": (VAC, "Attack"), "beat to death": (VAC, "Attack"), "stoned to death": (VAC, "Attack"),
    "hacked to death": (VAC, "Attack"), "burnt alive": (VAC, "Attack"), "burned alive": (VAC, "Attack"),
    "mustard gas": (REMOTE, "Chemical weapon"), "nerve agent": (REMOTE, "Chemical weapon"),
    "nerve gas": (REMOTE, "Chemical weapon"), "chlorine gas": (REMOTE, "Chemical weapon"),
    "raped": (VAC, "Sexual violence"), "rapes": (VAC, "Sexual violence"), "raping": (VAC, "Sexual violence"),
    "sexual violence": (VAC, "Sexual violence"), "sexual abuse": (VAC, "Sexual violence"),
    "sexually abused": (VAC, "Sexual violence"), "sexual attack": (VAC, "Sexual violence"),
    "sexual attacks": (VAC, "Sexual violence"), "sexually harassed": (VAC, "Sexual violence"),
    "gang-raped": (VAC, "Sexual violence"), "took hostage": (VAC, "Abduction/forced disappearance"),
    "taken hostage": (VAC, "Abduction/forced disappearance"),
    "went missing": (VAC, "Abduction/forced disappearance"),
    "set ablaze": (STRATEGIC, "Looting/property destruction"),
    "set fire": (STRATEGIC, "Looting/property destruction"),
    "baton charge": (PROTESTS, "Protest with intervention"),
    "took to the streets": (PROTESTS, "Peaceful protest"), "take to the streets": (PROTESTS, "Peaceful protest"),
    # crowds that fill the streets ("thousands of people also filled the streets in cities like Plovdiv")
    **dict.fromkeys(("filled the streets", "fill the streets", "flooded the streets", "flood the streets",
                     "poured into the streets", "pour into the streets"), (PROTESTS, "Peaceful protest")),
    "human chain": (PROTESTS, "Peaceful protest"),
    "defused": (STRATEGIC, "Disrupted weapons use"), "foiled": (STRATEGIC, "Disrupted weapons use"),
    "shot down": (STRATEGIC, "Disrupted weapons use"), "shoot down": (STRATEGIC, "Disrupted weapons use"),
    "set on fire": (STRATEGIC, "Looting/property destruction"),
    "torched": (STRATEGIC, "Looting/property destruction"),
}

# Weapon words in a sentence refine a remote-violence or generic attack
# trigger to an ACLED sub-type.  Checked in order; the first hit wins.
WEAPON_SUBTYPES: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"chlorine", "sarin", "chemical", "poisonous", "mustard", "poison"}), REMOTE, "Chemical weapon"),
    (frozenset({"suicide", "kamikazes"}), REMOTE, "Suicide bomb"),  # not "kamikaze drones"
    (frozenset({"drone", "drones", "quadcopter", "quadcopters", "uav", "uavs", "airstrike", "airstrikes",
                "jets", "jet", "aircraft",
                "warplanes", "warplane", "helicopter", "gunship", "air", "aerial", "helicopters", "gunships",
                "planes", "sorties", "barrel", "paraglider", "paragliders", "paramotor", "paramotors"}), REMOTE,
     "Air/drone strike"),
    (frozenset({"missile", "missiles", "rocket", "rockets", "artillery", "mortar", "mortars",
                "shelling", "shells", "shell", "howitzer", "tank", "tanks"}), REMOTE,
     "Shelling/artillery/missile attack"),
    (frozenset({"grenade", "grenades"}), REMOTE, "Grenade"),
    (frozenset({"ied", "ieds", "landmine", "landmines", "bomb", "bombs", "explosive",
                "explosives", "blast", "explosion", "mine", "mines", "improvised"}), REMOTE,
     "Remote explosive/landmine/IED"),
)
# Verbs that need a weapon word to count ("destroyed" alone is not an attack).
# verbs of fire traded by two sides ("exchanged heavy fire", "traded gunfire"): a clash
FIRE_EXCHANGE_VERBS = frozenset({"exchange", "trade"})
# People held by their captors ("taking hundreds of passengers hostage"; their dead are civilians)
CAPTIVE_WORDS = frozenset({"hostage", "hostages", "captive", "captives"})
# What police fire at a crowd to disperse it ("fired tear gas shells", "rubber bullets",
# "water cannon"): the intervention in a protest, not an attack
CROWD_CONTROL_WORDS = frozenset({"gas", "teargas", "cannon", "cannons", "rubber", "pellet", "pellets",
                                 "canister", "canisters", "stun", "pepper"})
# What a beating is done with ("struck with a blunt object", "hit with iron rods")
HAND_WEAPONS = frozenset({"object", "stick", "rod", "bat", "baton", "club", "hammer", "stone", "rock", "brick",
                          "pipe", "fist", "knife", "machete", "axe", "whip", "cane", "butt", "chain", "belt"})
# Road vehicles: one that "struck" people was driven into them (a ramming), not an air strike.
ROAD_VEHICLES = frozenset({"car", "cars", "vehicle", "vehicles", "suv", "truck", "trucks", "lorry", "van", "bus",
                           "minibus", "pickup", "jeep", "sedan", "motorcycle", "tractor"})
NEEDS_WEAPON = frozenset({"destroy", "hit", "fire", "launch", "hurl", "lob", "throw"})
# Verbs that describe a standing state when used as a participle ("the
# occupied territories").
STATIVE_VERBS = frozenset({"occupy"})
# Verbs that code an event only with the right object (checked on the verb's
# subtree): taking places, seizing or finding weapons, bases set up.
TERRITORY_WORDS = frozenset({
    "town", "towns", "city", "village", "villages", "district", "districts", "area", "areas",
    "territory", "base", "hill", "hilltop", "hilltops", "province", "region", "checkpoint",
    "crossing", "airport", "valley", "neighbourhood", "neighborhood", "stronghold", "strongholds",
    "control", "positions", "outpost", "headquarters", "bastion", "capital", "island", "port",
    "airbase", "garrison", "county", "municipality", "suburb", "suburbs", "ground", "villages",
    "camp", "positions", "areas", "camps", "bases", "hills", "heights", "locality", "localities",
    "neighbourhoods", "neighborhoods", "crossings", "cities", "highway", "oilfield", "oilfields",
    "outposts", "foothold", "enclave", "barracks", "regions", "provinces", "countryside", "site", "sites",
    "hub", "mansion", "compound", "palace", "airfield", "bridge", "junction", "stronghold",
    "settlement", "settlements", "hamlet", "hamlets",
})
WEAPON_CACHE_WORDS = frozenset({
    "weapons", "weapon", "arms", "ammunition", "ammo", "explosives", "explosive", "cache",
    "caches", "grenades", "mines", "landmines", "ied", "ieds", "bomb", "bombs", "rockets",
    "rifles", "guns", "pistols", "detonators", "munitions", "projectiles", "mortars", "depot",
    "stockpile", "rounds", "cartridges", "kalashnikovs", "launchers", "firearms", "ordnance",
    "uxo", "shells", "revolvers",
})
# What bomb disposal clears, dismantles or defuses.
EXPLOSIVE_WORDS = frozenset({
    "mine", "mines", "landmine", "landmines", "ied", "ieds", "explosive", "explosives", "bomb", "bombs",
    "device", "devices", "ordnance", "munitions", "uxo", "booby", "booby-traps",
})
# What "went off" or "ripped through" a place when it is a bombing.
DETONATED = frozenset({
    "bomb", "bombs", "device", "devices", "explosive", "explosives", "ied", "ieds", "mine", "landmine",
    "grenade", "bomber", "bombers", "kamikazes", "blast", "explosion", "vest", "shell", "rocket",
})
# What air defences intercept or shoot down (unmanned: a downed warplane is
# a battle).
AERIAL_WEAPON_WORDS = frozenset({
    "missile", "missiles", "rocket", "rockets", "drone", "drones", "uav", "uavs", "quadcopter", "quadcopters",
    "projectile",
    "projectiles", "shells",
})
# Crewed aircraft: one shot down is a fight, not a weapon stopped ("a police
# Black Hawk helicopter was shot down"; ACLED codes an armed group downing a
# state aircraft as a battle).
MANNED_AIRCRAFT_WORDS = frozenset({
    "helicopter", "helicopters", "chopper", "choppers", "jet", "jets", "warplane", "warplanes", "plane", "planes",
    "aircraft", "airliner", "gunship", "gunships", "fighter", "fighters"})
# Security operations that are coded by their outcome when they report one
# without fighting: "weapons were seized in a joint operation" is a seizure,
# "detained in overnight raids" are arrests (ACLED).
OPERATION_WORDS = frozenset({"operation", "raid", "crackdown", "sweep", "search"})
# Property whose destruction without a weapon of war is Looting/property
# destruction ("rebels burned dozens of houses", "shops were destroyed").
PROPERTY_WORDS = frozenset({
    "house", "houses", "home", "homes", "shop", "shops", "store", "stores", "vehicle", "vehicles", "car",
    "cars", "buses", "trucks", "lorries", "property", "properties", "building", "buildings", "office",
    "offices", "church", "churches", "mosque", "mosques", "temple", "temples", "school", "schools",
    "crops", "fields", "huts", "market", "markets", "stalls", "kiosks", "warehouse", "warehouses",
    "villages", "village", "businesses", "dwellings", "granaries", "livestock", "tyres", "tires",
})
# Modifiers and settings of a "strike" that is a labour protest, not an air
# strike ("went on strike", "a general strike", "teachers' strike").
LABOUR_STRIKE_WORDS = frozenset({
    "general", "hunger", "labour", "labor", "workers", "indefinite", "nationwide", "national", "transport",
    "teachers", "doctors", "nurses", "sit-down", "token", "wildcat", "employees", "union", "unions",
    "staff", "drivers", "traders", "shopkeepers", "transporters", "lawyers", "students", "miners",
    "wage", "wages", "salaries", "pay", "pension", "pensions", "taxi", "taxis", "bus", "minibus", "truck",
    "truckers", "lorry", "rail", "railway", "metro", "dockers", "farmers", "fuel",
    # South Asian closures: "a wheel-jam and shutter-down strike", "a lockdown and wheel-jam strike"
    "wheel-jam", "shutter-down", "lockdown", "bandh", "hartal", "shutdown",
})
# What a group mobilises, sends, moves or forms (Change to group/activity).
TROOP_WORDS = frozenset({
    "troops", "soldiers", "forces", "army", "police", "personnel", "units", "unit", "battalion",
    "battalions", "brigade", "brigades", "paramilitary", "paramilitaries", "rangers", "commandos", "tanks",
    "fighters", "reinforcements", "members", "recruits", "militia", "militias", "militiamen", "convoy",
    "men", "gunmen", "force", "volunteers", "reservists", "reserves", "divisions", "regiment", "squads",
})
BASE_WORDS = frozenset({"base", "bases", "post", "posts", "outpost", "outposts", "camp", "camps", "barracks",
                        "headquarters",
                        "point", "points", "checkpoint", "checkpoints", "garrison"})
# People security forces kill in their own words ("eliminated three terrorists")
KILLED_FIGHTERS = MILITANT_WORDS | frozenset({
    "naxals", "naxalites", "maoists", "cadres", "commander", "commanders", "suspects", "extremists", "jihadists",
    "khwarij", "kharijis", "khawarij", "separatists", "members", "infiltrators", "miscreants", "outlaws"})
# What armed resistance meets: the attack or the attackers.
ATTACK_OBJECTS = KILLED_FIGHTERS | frozenset({
    "attack", "attacks", "assault", "assaults", "raid", "raids", "offensive", "advance", "infiltration",
    "bid", "invaders", "bandits", "herdsmen", "them", "enemy", "intruders", "raiders", "gunmen", "jihadists"})
# What a camera, not a force, captures ("footage captured the moment of impact").
NOT_CAPTURED = frozenset({
    "moment", "moments", "image", "images", "imagination", "attention", "heart", "hearts", "essence", "spirit",
    "mood", "scene", "scenes", "footage", "video", "videos", "photo", "photos", "picture", "pictures", "sound",
    "audio", "view", "views", "glimpse", "feeling", "title", "championship", "market", "vote", "votes", "record",
    "data", "instant", "aftermath", "devastation", "destruction", "panic", "horror", "chaos"})
# What carries people, who are held when it is seized ("seized the Jaffar Express"; not
# "seized weapons and vehicles", which is loot)
CARRIER_WORDS = frozenset({"train", "bus", "plane", "aircraft", "airliner", "flight", "ship", "vessel", "ferry",
                           "passengers", "express"})
OBJECT_FRAMES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("repel", "repulse", "engage", "resist"), ATTACK_OBJECTS),
    **dict.fromkeys(("eliminate", "neutralise", "neutralize"), KILLED_FIGHTERS),
    "hijack": CARRIER_WORDS | {"vehicle", "vehicles", "truck", "trucks", "convoy"},
    "seize": TERRITORY_WORDS | WEAPON_CACHE_WORDS | CARRIER_WORDS,
    **dict.fromkeys(("demolish", "bulldoze", "raze"), frozenset({
        "house", "houses", "home", "homes", "shop", "shops", "building", "buildings", "residence", "residences",
        "property", "properties", "structures", "mosque", "mosques", "church", "churches", "temple", "temples",
        "village", "villages", "settlement", "settlements", "camp", "camps", "market"})), "recover": TERRITORY_WORDS | WEAPON_CACHE_WORDS,
    "discover": WEAPON_CACHE_WORDS, "find": WEAPON_CACHE_WORDS, "unearth": WEAPON_CACHE_WORDS,
    "withdraw": TERRITORY_WORDS, "retreat": TERRITORY_WORDS, "occupy": TERRITORY_WORDS, "establish": BASE_WORDS,
    "set": BASE_WORDS,
    "recapture": TERRITORY_WORDS, "reoccupy": TERRITORY_WORDS, "reoccupie": TERRITORY_WORDS,
    "retake": TERRITORY_WORDS, "regain": TERRITORY_WORDS, "reclaim": TERRITORY_WORDS,
    "liberate": TERRITORY_WORDS, "overrun": TERRITORY_WORDS, "retook": TERRITORY_WORDS, "fall": TERRITORY_WORDS,
    "intercept": WEAPON_CACHE_WORDS | {
        "devices", "device", "consignment", "shipment"} | AERIAL_WEAPON_WORDS,
    "shot": AERIAL_WEAPON_WORDS, "clear": EXPLOSIVE_WORDS, "dismantle": EXPLOSIVE_WORDS,
    **dict.fromkeys(("hack", "stab", "beat", "bludgeon", "club", "stone"), frozenset({"death"})),
    "agree": frozenset({"ceasefire", "truce", "peace", "deal", "agreement", "accord", "talks", "resume",
                        "swap", "exchange", "evacuation", "withdrawal", "surrender"}),
    "pulled": TERRITORY_WORDS, "pull": TERRITORY_WORDS,
    "handed": TERRITORY_WORDS,
    "thwart": frozenset({"attack", "attacks", "plot", "plots", "bombing", "assault", "raid", "bomb"}),
    "foil": frozenset({"attack", "attacks", "plot", "plots", "bombing", "assault", "raid", "bomb"}),
    # "took over the town" (not "took over as leader")
    **dict.fromkeys(("took over", "taken over", "take over", "takes over", "taking over"), TERRITORY_WORDS),
    "burn": PROPERTY_WORDS, "drop": frozenset({"bomb", "bombs", "barrel", "explosives", "munitions", "grenades",
                                               "grenade", "missiles", "payload"}),
    "deploy": frozenset({"troops", "soldiers", "forces", "army", "police", "personnel", "units", "battalion",
                         "battalions", "paramilitary", "rangers", "commandos", "tanks"}),
    "reinforce": frozenset({"troops", "soldiers", "forces", "presence", "positions", "army", "units", "border"}),
    **dict.fromkeys(("mobilize", "mobilise", "dispatch", "send", "move", "amass", "redeploy", "relocate",
                     "recruit", "form", "forward"), TROOP_WORDS),
    **dict.fromkeys(("fortify", "consolidate"), frozenset({"positions", "position", "defences", "defenses",
                                                           "lines", "frontline", "frontlines", "presence"})),
}
# Who took a place decides the sub-type (ACLED): state forces regain
# territory, anyone else overtakes it.  The head noun of the taker decides
# ("Syrian army and allied fighters" are the army; "opposition fighters" are
# not); a modifier from the non-state list overrides a state head ("rebel
# forces").
STATE_HEADS = frozenset({
    "army", "armies", "troops", "soldiers", "military", "forces", "government", "regime", "police",
    "troopers", "marines", "commandos", "paratroopers", "units", "brigade", "brigades", "battalion",
    "division", "gendarmerie", "authorities", "navy", "servicemen",
})
# "The newly established authorities in Damascus": a place that only seats a
# government is not where anything happened.
GOVERNMENT_SEAT_NOUNS = frozenset({"authorities", "government", "regime", "administration", "leadership"})
NON_STATE_WORDS = MILITANT_WORDS | frozenset({
    "rebel", "opposition", "militia", "militias", "militiamen", "jihadist", "jihadists", "guerrilla",
    "guerrillas", "separatist", "separatists", "mujahideen", "extremists", "extremist", "insurgency",
    "group", "faction", "factions", "tribesmen", "loyalists", "activists",
})
# A place taken after the other side left, or without a fight, changed hands
# without violence (Non-violent transfer of territory); the withdrawal alone
# is a Change to group/activity.
WITHDRAWAL_WORDS = frozenset({
    "withdrew", "withdrawn", "withdrawal", "withdrawing", "withdraws", "retreated", "retreat",
    "abandoned", "deserted", "evacuated", "vacated", "unopposed", "handed", "handover", "ceded",
})
UNCONTESTED_WORDS = frozenset({"resistance", "fight", "fighting", "bloodshed", "clashes", "shot", "opposition"})
# "met no resistance", "did not encounter any resistance"
NO_WORDS = frozenset({"no", "not", "n't", "never"})
FIGHTING_WORDS = frozenset({
    "clash", "clashes", "clashed", "clashing", "fighting", "fought", "battle", "battles", "bombardment",
    "bombardments", "shelling", "airstrikes", "airstrike", "attack", "attacks", "attacked", "killed",
    "killing", "offensive", "assault", "firefight", "gunfight", "ambush", "stormed",
})
# Lemmas of ACLED's Strategic developments/Other this project codes: people in
# numbers leaving their homes, and a prison break.
DISPLACEMENT_LEMMAS = frozenset({"flee", "displace"})
PRISON_BREAK_LEMMAS = frozenset({"escape", "jailbreak", "breakout"})
PRISON_WORDS = frozenset({"prison", "prisons", "jail", "jails", "prisoners", "inmates", "detainees", "penitentiary",
                          "jailbreak", "prisoner", "inmate"})
# Mass displacement (ACLED's Other): "fled" or "were displaced" counts only
# with a subject that counts people ("some 7,000 villagers", "thousands of
# families"), never armed men ("the attackers fled").
DISPLACED_MASS = frozenset({"thousands", "hundreds", "tens", "millions", "scores", "mass"})
# Heads under which a violent word describes someone's record or trade, not a
# new event ("responsible for attacks", "involved in IED attacks", "directs
# ambushes"): a profile, not a report.
RECORD_HEADS = frozenset({"responsible", "involve", "involved", "involvement", "known", "wanted", "link", "linked",
                          "specialize", "specialise", "mastermind", "masterminded", "suspect"})
# Of these, the ones that also profile a person in the past tense with a
# bare plural ("he coordinated suicide attacks"); "conducted strikes" is news.
PROFILE_HEADS = frozenset({
    "coordinate", "direct", "facilitate", "organize", "organise", "orchestrate", "supply",
    "provide", "finance", "fund", "train", "emplace", "construct", "distribute", "oversee",
    "plot", "mastermind",
})
HABITUAL_HEADS = frozenset({
    "responsible", "involve", "coordinate", "direct", "facilitate", "organize", "organise",
    "orchestrate", "specialize", "specialise", "supply", "provide", "finance", "fund", "train",
    "known", "suspect", "mastermind", "use", "conduct", "lead", "emplace", "construct",
    "distribute", "help", "assist", "support", "oversee", "command", "wanted", "link",
    "accuse", "allege", "blame", "charge", "convict", "sentence", "try", "trial",
})
# Objects that make the verb "strike" an idiom, not an attack ("struck a
# discordant note", "strike a balance", "struck a deal").
STRIKE_IDIOM_OBJECTS = frozenset({
    "note", "chord", "deal", "balance", "pose", "tone", "bargain", "agreement", "accord",
    "compromise", "match", "gold", "oil", "fear", "nerve"})
# Nouns of a run of events ("a spate of attacks", "the latest in a succession of assaults")
SERIES_NOUNS = frozenset({"series", "spate", "wave", "string", "spree", "succession"})
SHOOTING_NOUNS = frozenset({"firing", "gunfire", "shooting", "killing"})
SHOOTING_CONTEXT = frozenset({
    "killed", "dead", "death", "deaths", "injured", "wounded", "militants", "terrorists", "troops",
    "forces", "soldiers", "army", "police", "security", "armed", "gunmen", "militant", "terrorist",
    "civilians", "civilian", "border", "loc", "insurgents", "rebels", "sniper", "cross-border",
    # "a shooting … claimed the lives of 10 people", "five people died in the shooting"
    "lives", "died", "victims", "gunman", "gunmen", "shooter", "shooters"})
# Nouns too generic to stand alone: need a violent context word in the sentence.
# "a heart attack", "a cyber attack": attacks no armed group makes
NOT_ARMED_ATTACKS = frozenset({"heart", "panic", "asthma", "anxiety", "epileptic", "cyber", "ransomware",
                               "phishing", "hacker"})
# What a government does with a protest it makes to another ("lodged a strong protest with India")
DIPLOMATIC_PROTEST_VERBS = frozenset({"lodge", "file", "register", "convey", "deliver", "send", "hand", "express"})
# Operations that fight no one: "search operations", "a rescue operation", "cordon-and-search"
SEARCH_AND_RESCUE = frozenset({"search", "rescue", "relief", "evacuation", "recovery", "salvage", "humanitarian",
                               "demining", "firefighting", "cleanup", "clearance"})
NEEDS_CONTEXT = frozenset({"operation", "exchange", "offensive", "talk", "discussion", "attack_generic"})
CONTEXT_WORDS = frozenset({
    "killed", "militants", "terrorists", "fire", "firing", "troops", "forces", "soldiers",
    "army", "police", "security", "armed", "gunmen", "militant", "terrorist", "military", "terror",
    "peace", "ceasefire", "delegation", "foreign", "minister", "envoy", "bilateral",
    # weapons of war ("117 drones in a massive offensive")
    "drone", "drones", "missile", "missiles", "rockets", "artillery",
})

# "amid ongoing clashes": fighting going on as the report is written, not told back
ONGOING_WORDS = frozenset({"ongoing", "continuing", "raging"})
# Prepositions whose object is a reference to an earlier event, not a report
# of a new one ("following clashes", "amid fighting", "in response to the attack").
BACKGROUND_PREPS = frozenset({"following", "after", "amid", "amidst", "since", "despite",
                              "before", "during", "like", "unlike", "over", "because"})
# What victims suffer: "after/following X" on these verbs tells X's own toll.
HARMED_VERBS = frozenset({"treat", "hospitalize", "hospitalise", "admit", "suffer", "die", "injure", "wound",
                          "kill", "hurt"})
BACKGROUND_NOUNS = frozenset({"response", "retaliation", "wake", "aftermath", "reprisal",
                              "revenge", "memory", "anniversary", "anticipation"})
# The bereaved: "relatives of the 57 people killed", "families of those killed in the
# attack" name victims of a happening told elsewhere (or long ago), not a new toll.
# Victims named by no side ("63 people"): they may be civilians, soldiers or both
ANY_SIDE_VICTIMS = frozenset({"people", "persons", "person"})
BEREAVED_NOUNS = frozenset({"relative", "relatives", "family", "families", "kin", "widow", "widows", "widower",
                            "orphan", "orphans", "mourner", "mourners", "parent", "parents"})
# Verbs of punishment or sanction: an event in their "for …" phrase is the
# reason given, told before ("expelled diplomats for taking part in rallies",
# "sentenced for the bombing").
PUNISH_VERBS = frozenset({
    "expel", "sentence", "convict", "jail", "imprison", "fine", "punish", "charge", "prosecute", "indict",
    "sanction", "ban", "dismiss", "sack", "suspend", "deport", "execute", "hang", "try",
})
# Heads that make an event hypothetical, denied or merely threatened.
MODAL_HEADS = frozenset({
    "threaten", "warn", "vow", "deny", "plan", "intend", "consider", "fear", "prepare",
    "urge", "pledge", "condemn_future", "avoid", "prevent", "refrain", "seek", "want", "aim",
    # proposed ("has proposed that Ukraine withdraw from the Donbas in exchange for a freeze")
    "propose", "suggest",
    "rule", "reject", "ready", "readiness", "wait", "await", "plot", "conspire", "conspiracy",
    # expected ("more strikes are expected on Monday")
    "expect", "anticipate", "predict",
    # halted ("claiming to have paused attacks")
    "pause", "halt", "suspend", "stop", "cease", "delay", "postpone", "postponement",
    # called off ("cancelled two major rallies")
    "cancel", "cancellation",
})
# The dead's remains ("the bodies of four hostages", "more bodies were recovered")
REMAINS_WORDS = frozenset({"body", "bodies", "corpse", "corpses", "remains"})
# Heads of a clause of what someone was bidden, asked or meant to do ("called on the PKK to lay down
# their arms", "ordered the army to ramp up operations in Tulkarem", "the bombs were timed to explode
# on Friday"): not what was done
BIDDING_HEADS = frozenset({"call", "appeal", "ask", "urge", "press", "demand", "order", "tell", "encourage",
                           "instruct", "direct", "command", "time", "design", "mean"})
# Modifiers that make an event noun one that has not happened ("a possible
# attack", "the imminent offensive", "a mock airstrike").
UNREAL_MODIFIERS = frozenset({
    "possible", "potential", "imminent", "impending", "looming", "planned", "expected", "anticipated",
    "future", "mock", "feared", "likely", "probable", "prospective", "upcoming", "simulated",
})
# What is awaited, not done: "the results were expected on Thursday", "the president was
# expected in Washington", "talks scheduled for Monday"
AWAITED_VERBS = frozenset({"expect", "schedule", "due", "slate"})
MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "will", "shall", "can",
                       "'ll", "’ll", "wo", "ca"})  # (contracted: "we'll fight", "won't", "can't")
# A sentence about the end of fighting: violent triggers in it are references.
ENDING_VERBS = frozenset({"end", "halt", "cease", "stop", "conclude", "subside", "suspend"})
# Verbs after which a place is a party or go-between, not a location.
AGENT_VERBS = frozenset({"broker", "mediate", "host", "facilitate", "back", "support",
                         "sponsor", "fund", "accuse", "blame", "urge"})
LOCATIVE_PREPS = frozenset({"in", "inside", "at", "near", "on", "across", "along", "into",
                            "within", "outside", "over", "around", "to", "from", "off",
                            "throughout", "between"})
# Nouns of a war as a whole ("the war has killed thousands", "the conflict in Sudan").
WAR_NOUNS = frozenset({"war", "conflict", "insurgency"})
# "X said", "according to X": who a claim is attributed to.
SAY_VERBS = frozenset({"say", "claim", "report", "confirm", "state", "announce", "tell",
                       "allege", "assert", "add", "disclose", "reveal", "insist"})
# Nouns of telling: a date on one ("reports tonight of the detention", "news on
# Friday of the killing") is the day it was told, not the day of what it tells.
TELLING_NOUNS = frozenset({"report", "news", "word", "announcement", "confirmation", "statement"})

# --- non-conflict news ---------------------------------------------------------
# A violent-looking word is not a conflict event when the sentence is about a
# disaster, an accident or ordinary crime and names no armed actor or weapon
# of war ("a gas cylinder exploded", "the quake struck", "robbers shot dead").
DISASTER_WORDS = frozenset({
    "earthquake", "earthquakes", "quake", "tremor", "tremors", "flood", "floods", "flooding",
    "tsunami", "cyclone", "storm", "landslide", "landslides", "avalanche", "avalanches", "rainfall",
    "rains", "hurricane", "typhoon", "wildfire", "wildfires", "drought", "magnitude", "eruption",
    "volcano", "lightning", "heatwave", "monsoon", "covid-19", "coronavirus", "pandemic", "epidemic",
})
# Words of sport: "the bowlers destroyed the batting line-up", "the spin attack"
SPORT_WORDS = frozenset({
    "cricket", "wicket", "wickets", "batsman", "batsmen", "batter", "batters", "bowler", "bowlers", "bowling",
    "batting", "innings", "t20", "odi", "football", "footballer", "footballers", "goalkeeper", "hockey",
    "olympic", "olympics", "tournament", "semi-final", "semi-finals", "semifinal", "quarter-final", "half-century",
})
ACCIDENT_WORDS = frozenset({
    "gas", "cylinder", "cylinders", "plant", "factory", "furnace", "tanker", "boiler", "fertilizer",
    "fertiliser", "ammonium", "warehouse", "refinery", "pipeline", "leak", "leakage", "accident",
    "accidental", "accidentally", "collision", "collided", "crash", "crashed", "derailed", "fireworks",
    "firecracker", "firecrackers", "short-circuit", "circuit", "mine", "colliery", "blaze", "reactor",
    "chemicals", "carrier", "vessel", "ship", "plunged", "overturned", "capsized", "derailment",
    "industrial", "storage", "solvents", "stampede", "stampedes",
})
CRIME_WORDS = frozenset({
    "robbery", "robbers", "robber", "robbed", "dacoits", "dacoity", "smuggle", "smuggling", "smugglers",
    "smuggled", "drug", "drugs", "narcotics", "heroin", "cocaine", "counterfeit", "fraud", "theft",
    "thief", "thieves", "burglary", "cyber", "migrants", "trafficking", "traffickers", "dowry",
    "bribe", "bribery", "corruption", "embezzlement", "extortion", "poaching", "gambling", "scam",
    "cheating", "kidnappers", "ransom", "mafia", "cartel", "gangster", "gangsters", "murder",
    "murdered", "homicide", "stabbed", "stabbing", "domestic", "honour", "honor", "property dispute",
})
# Acts only people commit: never a disaster's or an accident's doing ("shops
# were looted during the flood" is looting).
LOOTING_VERBS = frozenset({"loot", "ransack", "vandalise", "vandalize", "torch"})
# An "attack" on computers is not political violence (ACLED codes none): cyber
# words anywhere in the sentence, or a computer as the attack's target.
CYBER_WORDS = frozenset({
    "cyber", "cyberattack", "cyberattacks", "hacker", "hackers", "hacking", "hacked", "ransomware", "malware",
    "ddos", "phishing",
})
CYBER_TARGETS = frozenset({"website", "websites", "server", "servers", "network", "networks", "account",
                           "accounts", "database", "databases"})
# Words that keep a sentence in the conflict domain despite the cues above.
ARMED_CUES = frozenset({
    "militant", "militants", "terrorist", "terrorists", "insurgent", "insurgents", "rebels", "rebel",
    "separatist", "separatists", "jihadist", "jihadists", "gunmen", "bomber", "bombers", "ied", "ieds",
    "suicide", "grenade", "grenades", "mortar", "mortars", "rocket", "rockets", "missile", "missiles",
    "airstrike", "airstrikes", "drone", "troops", "soldiers", "soldier", "army", "military", "taliban", "ttp",
    "al-shabaab", "shabaab", "boko", "isis", "daesh", "maoists", "naxals", "protesters", "protestors",
    "demonstrators", "insurgency", "attack", "attacks", "attacked", "attackers", "armed", "assailants",
    "assailant", "gunman", "isil", "qaeda", "al-qaeda", "iskp", "is-k", "isis-k", "hezbollah", "hamas", "houthi",
    "houthis", "militia", "militias", "militiamen", "massacre", "massacres", "massacred",
})
# "Islamic State" is an armed cue only as the two words together.
ARMED_PAIRS: tuple[frozenset[str], ...] = (frozenset({"islamic", "state"}),)
# "X claimed responsibility for the attack": the claim is the news; the
# attack itself was reported before.
# Verbs that attribute an attack reported before ("blamed the rebels for the
# bombing", "attributed the attack to …").
BLAME_VERBS = frozenset({"blame", "attribute", "accuse"})
CLAIM_NOUNS = frozenset({"responsibility", "credit", "accusation", "accusations", "allegation", "allegations",
                         "perpetrator", "perpetrators", "culprit", "culprits", "mastermind", "masterminds"})

# News agencies whose names are also towns in the gazetteer: in a credit
# ("(Xinhua)", "(Bernama via Xinhua)", "via Anadolu") they name no place.
NEWS_AGENCIES = frozenset({
    "xinhua", "bernama", "anadolu", "reuters", "afp", "ap", "ani", "pti", "ians", "uni", "app", "tass", "ria",
    "interfax", "yonhap", "kyodo", "irna", "tasnim", "isna", "kuna", "qna", "wam", "spa", "efe", "ansa",
    "dpa", "sputnik", "pajhwok", "bss", "upi", "mena", "sana", "petra", "nna", "apa", "aa",
})

# "in retaliation for the April 22 attack", "in response to the bombing": a clause that
# names the event another answers (a recalled cause)
REPRISAL_NOUNS = frozenset({"retaliation", "response", "revenge", "reprisal", "reaction"})
# "despite a truce reached in November 2024", "amid the ceasefire": an event named as
# the setting of another
SETTING_PREPS = frozenset({"despite", "amid", "amidst", "notwithstanding"})
