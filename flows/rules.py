"""The rule extractor's knowledge, kept as ordered data.

Each table is read top to bottom and the first entry that fits wins, so more
specific entries come first (``"re-exported from"`` before ``"from"``,
``"multiple rocket launchers"`` before ``"rockets"``). Words are matched on
lower-cased tokens; a trailing ``*`` in a word means "any ending"
(``suppl*`` covers supply, supplies, supplied, supplying).
"""

from __future__ import annotations

# --------------------------------------------------------------------------- transfer cues

# Verbs whose subject sends the arms (the origin) and whose object or
# "to"-phrase is the recipient.
SENDER_VERBS: tuple[str, ...] = (
    "suppl*", "sold", "sell", "sells", "selling", "send", "sends", "sent", "sending",
    "ship", "ships", "shipped", "shipping", "deliver*", "transfer*", "provid*",
    "export*", "re-export*", "reexport*", "smuggl*", "donat*", "funnel*", "channel*",
    "traffick*", "equip", "equips", "equipped", "equipping", "furnish*", "dispatch*", "airlift*", "handed", "hand",
    "gave", "give", "gives", "giving", "given", "arming", "rearm*", "passed", "pass",
    "moved", "funneled", "sneaked", "diverted", "divert*", "flew", "flown", "flying",
    "fly", "flies", "ferr*", "trucked", "trucking", "sending",
)

# Verbs whose subject receives the arms (the destination); "from" names the origin.
RECEIVER_VERBS: tuple[str, ...] = (
    "receiv*", "acquir*", "bought", "buy", "buys", "buying", "purchas*", "obtain*",
    "import*", "procur*", "got", "getting",
)

# Verbs whose subject is the arms themselves ("HIMARS have arrived in Ukraine",
# "Serbian shells reached Ukraine"): only markers and adjectives give roles.
GOODS_VERBS: tuple[str, ...] = (
    "arrived", "arrive", "arrives", "arriving", "reached", "reaching", "reach", "reaches",
    "landed", "surfaced", "turned",
)

# Verbs of seizure: the subject is the seizer, not a party; the cargo's origin
# and destination come from markers ("bound for") and adjectives ("Iranian").
SEIZURE_VERBS: tuple[str, ...] = ("seized", "seize", "seizes", "seizing", "confiscat*", "impounded", "interdict*")

# Verbs of use: "Russia has used Iranian drones" claims a transfer only when the
# arms' foreign origin is named ("Iranian", "US-made"); the subject has them.
USER_VERBS: tuple[str, ...] = ("used", "using", "deployed", "deploying", "fielded", "fielding", "operates", "operating")

# Nouns that name a transfer ("arms sales to", "shipments of shells").
TRANSFER_NOUNS: tuple[str, ...] = (
    "sale", "sales", "shipment*", "deliver*", "transfer*", "export*", "supplies",
    "supply", "supplier*", "smuggling", "consignment*", "cargo*", "trafficking",
    "imports", "pipeline", "provision", "re-export*", "flow", "flows",
)

# --------------------------------------------------------------------------- weapons

# (term, category); multi-word and specific terms first. A term is a regular
# expression fragment matched case-insensitively on word boundaries.
WEAPONS: tuple[tuple[str, str], ...] = (
    (r"multiple[- ]rocket launchers?", "artillery"),
    (r"rocket launchers?", "artillery"),
    (r"air[- ]defen[cs]e(?: systems?)?", "air defence"),
    (r"surface-to-air missiles?", "air defence"),
    (r"anti-aircraft (?:guns?|missiles?|systems?)", "air defence"),
    (r"manpads|stingers?|patriots?|nasams|iris-t|s-300s?|s-400s?|pantsir", "air defence"),
    (r"ballistic missiles?|cruise missiles?|anti-tank missiles?|missiles?|rockets?", "rockets and missiles"),
    (r"javelins?|nlaws?|storm shadows?|atacms|himars|iskanders?|kn-23|kn-24|hwasong\w*|taurus|scalp|kh-\d+\w*|grads?", "rockets and missiles"),
    (r"kamikaze drones?|attack drones?|loitering munitions?|drones?|uavs?|unmanned aerial vehicles?|shaheds?|shahed-\d+|geran\w*|bayraktars?|tb2s?|lancets?|orlan\w*|mohajer\w*", "drones"),
    (r"artillery (?:shells?|rounds?|ammunition|munitions?)", "ammunition"),
    (r"mortar (?:shells?|rounds?|bombs?)", "ammunition"),
    (r"ammunition|munitions?|shells?|rounds|cartridges?|bullets?|grenades?|explosives?|gunpowder|propellant", "ammunition"),
    (r"howitzers?|artillery(?: pieces| systems| guns)?|mortars?|caesars?|m777s?|krabs?|cannons?", "artillery"),
    (r"assault rifles?|rifles?|machine guns?|small arms|firearms?|guns|pistols?|kalashnikovs?|ak-47s?|rpgs?|sniper rifles?", "small arms"),
    (r"tanks?|armou?red vehicles?|armou?red personnel carriers?|troop carriers?|apcs?|infantry fighting vehicles?|ifvs?|leopards?|abrams|challengers?|t-72s?|t-90s?|bmps?|bradleys?|strykers?|marders?", "armoured vehicles"),
    (r"fighter jets?|jets?|fighters?|aircraft|warplanes?|planes?|helicopters?|f-16s?|f-35s?|mig-\d+s?|su-\d+\w*|sukhois?|gripens?|mirages?", "aircraft"),
    (r"warships?|frigates?|corvettes?|submarines?|patrol boats?|naval (?:vessels?|mines?)|sea mines?|torpedo(?:e?s)?", "naval"),
    (r"components?|parts|spare parts|microchips?|chips|electronics|engines?|semiconductors?|machine tools|dual-use (?:goods|items)", "components"),
    (r"weapons?(?: systems?)?|arms|weaponry|military equipment|military hardware|military aid|lethal aid|materiel|armaments?", "arms"),
)

# --------------------------------------------------------------------------- route markers

# (words before a country, role). The nearest marker before a country, with
# only "transparent" words between (see TRANSPARENT_WORDS), gives its role.
ROLE_MARKERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("re-exported", "from"), "via"),
    (("re-exported", "by"), "via"),
    (("re-exported", "through"), "via"),
    (("re-exported", "via"), "via"),
    (("transited", "through"), "via"),
    (("transiting",), "via"),
    (("transit", "through"), "via"),
    (("transit", "via"), "via"),
    (("transshipped", "through"), "via"),
    (("routed", "through"), "via"),
    (("routed", "via"), "via"),
    (("passing", "through"), "via"),
    (("by", "way", "of"), "via"),
    (("via",), "via"),
    (("across",), "via"),
    (("through",), "via"),
    (("bound", "for"), "destination"),
    (("destined", "for"), "destination"),
    (("ended", "up", "in"), "destination"),
    (("end", "up", "in"), "destination"),
    (("ending", "up", "in"), "destination"),
    (("for", "use", "in"), "destination"),
    (("for", "use", "by"), "destination"),
    # "a visit to London", "talks with": a "to" that names a trip, not a shipment.
    (("visit", "to"), ""),
    (("trip", "to"), ""),
    (("travel", "to"), ""),
    (("travelled", "to"), ""),
    (("traveled", "to"), ""),
    (("ambassador", "to"), ""),
    (("envoy", "to"), ""),
    (("letter", "to"), ""),
    (("next", "to"), ""),
    (("close", "to"), ""),
    (("according", "to"), ""),
    (("supplier", "of"), "destination"),
    (("suppliers", "of"), "destination"),
    (("into",), "destination"),
    (("to",), "destination"),
    (("for",), "destination"),
    (("reached",), "destination"),
    (("reach",), "destination"),
    (("reaches",), "destination"),
    (("arrived", "in"), "destination"),
    (("arrive", "in"), "destination"),
    (("arrived", "at"), "destination"),
    (("landed", "in"), "destination"),
    (("turned", "up", "in"), "destination"),
    (("surfaced", "in"), "destination"),
    (("reaching",), "destination"),
    (("suppliers", "in"), "origin"),
    (("supplier", "in"), "origin"),
    (("exporters", "in"), "origin"),
    (("manufacturers", "in"), "origin"),
    (("producers", "in"), "origin"),
    (("made", "in"), "origin"),
    (("manufactured", "in"), "origin"),
    (("produced", "in"), "origin"),
    (("from",), "origin"),
    (("by",), "origin_passive"),
)

# Words that may stand between a marker and its country without breaking the
# link: "through two firms in the Czech Republic", "to neighbouring Chad".
TRANSPARENT_WORDS: frozenset[str] = frozenset(
    """the a an two three four several some various many both either other
    firms firm companies company intermediaries intermediary middlemen brokers broker
    traders trader dealers dealer entities entity agents agent suppliers supplier
    shell front in based of and or , neighbouring neighboring nearby allied allies
    ally partners partner forces regime government authorities army military militia
    militias groups group fighters rebels rebel state countries country then later
    eventually ultimately onward on units party parties side sides faction factions
    eastern western northern southern central remote neighbouring airstrip airstrips
    airport airports airfield airbase base bases port ports border region city town
    territory coast harbour harbor hub hubs warehouses depots depot""".split()
)

# Coordinators that let a country share the role of the country before it.
COORDINATORS: frozenset[str] = frozenset({"and", "or", ",", "as", "well", "then", "later", "onward", "on", "to"})

# Words between two intermediaries that make them a chain, not alternatives.
CHAIN_WORDS: frozenset[str] = frozenset({"then", "later", "onward", "onwards", "subsequently", "before", "after"})

# Word endings on a country that make it the origin: "Serbia-made shells".
# ("Soviet-designed" names a design, not a supplier: not here.)
ORIGIN_SUFFIXES: tuple[str, ...] = ("made", "built", "produced", "manufactured", "supplied", "origin")

# --------------------------------------------------------------------------- attribution

# Attribution verbs and the stance they give a third party's claim; first match wins.
ATTRIBUTION_VERBS: tuple[tuple[str, str], ...] = (
    ("denied", "denied"), ("denies", "denied"), ("deny", "denied"), ("denying", "denied"),
    ("rejected", "denied"), ("rejects", "denied"), ("dismissed", "denied"), ("dismisses", "denied"),
    ("refuted", "denied"), ("refutes", "denied"), ("disputed", "denied"),
    ("confirmed", "confirmed"), ("confirms", "confirmed"), ("acknowledged", "confirmed"),
    ("acknowledges", "confirmed"), ("admitted", "confirmed"), ("admits", "confirmed"),
    ("accused", "alleged"), ("accuses", "alleged"), ("accusing", "alleged"),
    ("alleged", "alleged"), ("alleges", "alleged"), ("claimed", "alleged"), ("claims", "alleged"),
    ("charged", "alleged"), ("asserted", "alleged"),
    ("reported", "reported"), ("reports", "reported"), ("found", "reported"),
    ("documented", "reported"), ("revealed", "reported"), ("showed", "reported"), ("shows", "reported"),
    ("concluded", "reported"), ("identified", "reported"), ("traced", "reported"),
    ("said", "said"), ("says", "said"), ("say", "said"), ("told", "said"), ("tell", "said"), ("tells", "said"), ("stated", "said"), ("added", "said"),
    ("announced", "said"), ("wrote", "said"), ("warned", "said"), ("insisted", "said"),
    ("noted", "said"), ("argued", "said"), ("believes", "said"), ("assessed", "said"),
    ("estimated", "said"), ("testified", "said"), ("responded", "said"), ("replied", "said"),
    ("countered", "said"), ("retorted", "said"), ("maintained", "said"), ("stressed", "said"),
    ("reiterated", "said"), ("explained", "said"), ("posted", "said"), ("tweeted", "said"),
)

# Phrases that attribute without a verb ("according to X").
ATTRIBUTION_PHRASES: tuple[tuple[str, ...], ...] = (
    ("according", "to"),
    ("a", "report", "by"),
    ("report", "by"),
    ("an", "investigation", "by"),
    ("investigation", "by"),
    ("findings", "of"),
    ("data", "from"),
    ("cited", "by"),
)

# Nouns of accusation whose agent is the claimant ("after SVR made similar accusations").
ACCUSATION_NOUNS: frozenset[str] = frozenset({"accusations", "accusation", "allegations", "allegation", "claims"})

# Stance of a claimant about a flow that involves its own country.
OWN_FLOW_STANCE = "confirmed"
THIRD_PARTY_STANCE = "alleged"

# --------------------------------------------------------------------------- what is not a transfer

# Words just before a transfer verb that make it a plan, a pledge or a refusal
# rather than a claim that arms moved.
MODAL_WORDS: frozenset[str] = frozenset(
    """will would could might may shall should plans plan planned planning intends intend
    intended pledged pledge pledges promised promise promises vowed offered offer
    agreed agree considering consider considers weighing proposed propose approve
    approved authorised authorized asked ask asking requested request seeks seek sought
    wants want wanted urged urge urging called ready prepared expected set aims aim
    hopes hope refused refuse refuses halted halt stopped stop suspended suspend banned
    ban barred bar blocked block resume resumed restrict restricted""".split()
)

# Negation that turns a claim of a transfer into its denial.
NEGATION_WORDS: frozenset[str] = frozenset({"not", "never", "no", "n't", "nor", "neither", "none"})

# Topics that mark the sentence as something other than a transfer even when a
# transfer word appears (co-production deals, drills, strikes, evacuations).
NON_TRANSFER_CUES: tuple[str, ...] = (
    r"co-?production", r"joint production", r"production line", r"drills?", r"exercises?",
    r"evacuat\w+", r"airstrikes?", r"air strikes?", r"struck", r"shot down", r"intercepted",
    r"attacked", r"attacks? on", r"fired (?:at|on|into)", r"launched (?:at|on|against|into)",
    r"humanitarian aid", r"food aid", r"grain", r"gas supplies", r"oil supplies", r"energy supplies",
    r"vaccines?",
)

# --------------------------------------------------------------------------- claimants

# Known claimants: (alias as written, canonical short name, country or "").
# "{country}" in a name is filled with the country named beside the alias
# ("Ukraine's defence ministry" -> "Ukraine Defence Ministry").
# Longer aliases first; an alias matches case-sensitively on word boundaries.
KNOWN_CLAIMANTS: tuple[tuple[str, str, str], ...] = (
    ("Foreign Intelligence Service", "SVR", "RUS"),
    ("foreign intelligence service", "SVR", "RUS"),
    ("foreign intelligence agency", "SVR", "RUS"),
    ("SVR", "SVR", "RUS"),
    ("Federal Security Service", "FSB", "RUS"),
    ("FSB", "FSB", "RUS"),
    ("Central Intelligence Agency", "CIA", "USA"),
    ("CIA", "CIA", "USA"),
    ("National Security Council", "National Security Council", ""),
    ("State Department", "US State Department", "USA"),
    ("Pentagon", "Pentagon", "USA"),
    ("White House", "White House", "USA"),
    ("CENTCOM", "CENTCOM", "USA"),
    ("Central Command", "CENTCOM", "USA"),
    ("Kremlin", "Kremlin", "RUS"),
    ("Defence Intelligence of Ukraine", "HUR", "UKR"),
    ("military intelligence agency", "{country} military intelligence", ""),
    ("GUR", "HUR", "UKR"),
    ("HUR", "HUR", "UKR"),
    ("SBU", "SBU", "UKR"),
    ("National Intelligence Service", "NIS", "KOR"),
    ("Joint Chiefs of Staff", "Joint Chiefs of Staff", ""),
    ("Mossad", "Mossad", "ISR"),
    ("MI6", "MI6", "GBR"),
    ("defence ministry", "{country} Defence Ministry", ""),
    ("defense ministry", "{country} Defence Ministry", ""),
    ("foreign ministry", "{country} Foreign Ministry", ""),
    ("Ministry of Defence", "{country} Defence Ministry", ""),
    ("Defence Ministry", "{country} Defence Ministry", ""),
    ("Defense Ministry", "{country} Defence Ministry", ""),
    ("Foreign Ministry", "{country} Foreign Ministry", ""),
    ("Panel of Experts", "UN Panel of Experts", "UNO"),
    ("sanctions monitors", "UN Panel of Experts", "UNO"),
    ("panel of experts", "UN Panel of Experts", "UNO"),
    ("UN experts", "UN Panel of Experts", "UNO"),
    ("UN monitors", "UN monitors", "UNO"),
    ("United Nations", "United Nations", "UNO"),
    ("U.N.", "United Nations", "UNO"),
    ("UNODC", "UNODC", "UNO"),
    ("Security Council", "UN Security Council", "UNO"),
    ("Conflict Armament Research", "Conflict Armament Research", ""),
    ("Amnesty International", "Amnesty International", ""),
    ("Amnesty", "Amnesty International", ""),
    ("Human Rights Watch", "Human Rights Watch", ""),
    ("Stockholm International Peace Research Institute", "SIPRI", ""),
    ("SIPRI", "SIPRI", ""),
    ("Bellingcat", "Bellingcat", ""),
    ("Reuters", "Reuters", ""),
    ("Associated Press", "AP", ""),
    ("New York Times", "New York Times", ""),
    ("Wall Street Journal", "Wall Street Journal", ""),
    ("Financial Times", "Financial Times", ""),
    ("Washington Post", "Washington Post", ""),
    ("Bloomberg", "Bloomberg", ""),
    ("Al Jazeera", "Al Jazeera", ""),
    ("Haaretz", "Haaretz", ""),
    ("Der Spiegel", "Der Spiegel", ""),
    ("Die Welt", "Die Welt", ""),
    ("The Intercept", "The Intercept", ""),
    ("Axios", "Axios", ""),
    ("CNN", "CNN", ""),
    ("Le Monde", "Le Monde", ""),
    ("The Guardian", "The Guardian", ""),
    ("Politico", "Politico", ""),
    ("Kyiv Independent", "Kyiv Independent", ""),
    ("Financial Times", "Financial Times", ""),
    ("Nikkei", "Nikkei", ""),
    ("Yonhap", "Yonhap", ""),
    ("TASS", "TASS", ""),
    ("RIA Novosti", "RIA Novosti", ""),
    ("Interfax", "Interfax", ""),
    ("AFP", "AFP", ""),
    ("Agence France-Presse", "AFP", ""),
    ("BBC", "BBC", ""),
    ("Kiel Institute", "Kiel Institute", ""),
    ("Government of National Accord", "GNA", "LBY"),
    ("GNA", "GNA", "LBY"),
    ("Libyan National Army", "LNA", "LBY"),
    ("LNA", "LNA", "LBY"),
)

# Titles stripped from a person's name ("Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov").
TITLES: frozenset[str] = frozenset(
    """president prime minister foreign defence defense minister spokesman spokeswoman
    spokesperson secretary general chancellor king queen leader chief commander
    ambassador envoy official officials adviser advisor senator lawmaker director
    head deputy populist mr mrs ms dr gen lt col admiral national security state
    military intelligence army navy air force sheikh crown prince emir""".split()
)

# Pronouns and generic heads that refer back to the last named claimant.
GENERIC_CLAIMANTS: frozenset[str] = frozenset(
    """he she they it its the agency service ministry officials official spokesman
    spokeswoman spokesperson statement report panel group researchers investigators
    government president minister experts monitors broadcaster newspaper paper outlet
    study sources diplomats analysts command military army navy office""".split()
)

# --------------------------------------------------------------------------- non-state recipients

# (name as written, canonical actor, country it operates in).
NON_STATE_ACTORS: tuple[tuple[str, str, str], ...] = (
    ("Houthis", "Houthis", "YEM"),
    ("Houthi rebels", "Houthis", "YEM"),
    ("Houthi", "Houthis", "YEM"),
    ("Ansar Allah", "Houthis", "YEM"),
    ("Hezbollah", "Hezbollah", "LBN"),
    ("Hamas", "Hamas", "PSE"),
    ("Islamic Jihad", "Palestinian Islamic Jihad", "PSE"),
    ("Rapid Support Forces", "RSF", "SDN"),
    ("RSF", "RSF", "SDN"),
    ("Sudanese Armed Forces", "SAF", "SDN"),
    ("Wagner Group", "Wagner Group", "RUS"),
    ("Wagner", "Wagner Group", "RUS"),
    ("Africa Corps", "Africa Corps", "RUS"),
    ("Taliban", "Taliban", "AFG"),
    ("M23", "M23", "COD"),
    ("al-Shabaab", "al-Shabaab", "SOM"),
    ("Al-Shabaab", "al-Shabaab", "SOM"),
    ("Libyan National Army", "LNA", "LBY"),
    ("LNA", "LNA", "LBY"),
    ("Government of National Accord", "GNA", "LBY"),
    ("GNA", "GNA", "LBY"),
    ("Haftar", "LNA (Haftar)", "LBY"),
    ("Kataib Hezbollah", "Kataib Hezbollah", "IRQ"),
    ("Popular Mobilization Forces", "PMF", "IRQ"),
    ("Syrian Democratic Forces", "SDF", "SYR"),
    ("Hayat Tahrir al-Sham", "HTS", "SYR"),
    ("PKK", "PKK", "TUR"),
    ("Arakan Army", "Arakan Army", "MMR"),
    ("Sinaloa Cartel", "Sinaloa Cartel", "MEX"),
    ("cartels", "cartels", "MEX"),
    ("gangs in Haiti", "gangs", "HTI"),
    ("Haitian gangs", "gangs", "HTI"),
    ("Polisario Front", "Polisario Front", "ESH"),
    ("Tigray People's Liberation Front", "TPLF", "ETH"),
    ("TPLF", "TPLF", "ETH"),
)

# --------------------------------------------------------------------------- dates

MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words for small counts in quantities ("two howitzers").
NUMBER_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "a dozen": 12, "dozen": 12,
}
MULTIPLIERS: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9}

# --------------------------------------------------------------------------- public figures

# People whom news names with a title but not a country ("President Volodymyr
# Zelenskiy said"): surname (as commonly spelled; variants listed) -> (name,
# country they speak for). Office holders of 2019-2025 most often quoted on arms
# transfers; an article's own "Ukrainian President ..." always takes precedence.
PUBLIC_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("Zelenskiy", "Volodymyr Zelenskiy", "UKR"),
    ("Zelensky", "Volodymyr Zelensky", "UKR"),
    ("Kuleba", "Dmytro Kuleba", "UKR"),
    ("Reznikov", "Oleksii Reznikov", "UKR"),
    ("Umerov", "Rustem Umerov", "UKR"),
    ("Sybiha", "Andrii Sybiha", "UKR"),
    ("Budanov", "Kyrylo Budanov", "UKR"),
    ("Putin", "Vladimir Putin", "RUS"),
    ("Peskov", "Dmitry Peskov", "RUS"),
    ("Lavrov", "Sergei Lavrov", "RUS"),
    ("Shoigu", "Sergei Shoigu", "RUS"),
    ("Zakharova", "Maria Zakharova", "RUS"),
    ("Naryshkin", "Sergei Naryshkin", "RUS"),
    ("Medvedev", "Dmitry Medvedev", "RUS"),
    ("Biden", "Joe Biden", "USA"),
    ("Trump", "Donald Trump", "USA"),
    ("Blinken", "Antony Blinken", "USA"),
    ("Kirby", "John Kirby", "USA"),
    ("Sullivan", "Jake Sullivan", "USA"),
    ("Hegseth", "Pete Hegseth", "USA"),
    ("Rubio", "Marco Rubio", "USA"),
    ("Xi", "Xi Jinping", "CHN"),
    ("Kim Jong Un", "Kim Jong Un", "PRK"),
    ("Lukashenko", "Alexander Lukashenko", "BLR"),
    ("Erdogan", "Tayyip Erdogan", "TUR"),
    ("Vucic", "Aleksandar Vucic", "SRB"),
    ("Orban", "Viktor Orban", "HUN"),
    ("Fiala", "Petr Fiala", "CZE"),
    ("Babis", "Andrej Babis", "CZE"),
    ("Duda", "Andrzej Duda", "POL"),
    ("Tusk", "Donald Tusk", "POL"),
    ("Scholz", "Olaf Scholz", "DEU"),
    ("Pistorius", "Boris Pistorius", "DEU"),
    ("Merz", "Friedrich Merz", "DEU"),
    ("Macron", "Emmanuel Macron", "FRA"),
    ("Sunak", "Rishi Sunak", "GBR"),
    ("Starmer", "Keir Starmer", "GBR"),
    ("Wallace", "Ben Wallace", "GBR"),
    ("Shapps", "Grant Shapps", "GBR"),
    ("Healey", "John Healey", "GBR"),
    ("Netanyahu", "Benjamin Netanyahu", "ISR"),
    ("Gallant", "Yoav Gallant", "ISR"),
    ("Khamenei", "Ali Khamenei", "IRN"),
    ("Raisi", "Ebrahim Raisi", "IRN"),
    ("Pezeshkian", "Masoud Pezeshkian", "IRN"),
    ("Araghchi", "Abbas Araghchi", "IRN"),
    ("Amir-Abdollahian", "Hossein Amir-Abdollahian", "IRN"),
    ("Kanaani", "Nasser Kanaani", "IRN"),
    ("Aliyev", "Ilham Aliyev", "AZE"),
    ("Pashinyan", "Nikol Pashinyan", "ARM"),
    ("Modi", "Narendra Modi", "IND"),
    ("Yoon", "Yoon Suk Yeol", "KOR"),
    ("Kishida", "Fumio Kishida", "JPN"),
    ("Ramaphosa", "Cyril Ramaphosa", "ZAF"),
    ("Burhan", "Abdel Fattah al-Burhan", "SDN"),
    ("Haftar", "Khalifa Haftar", "LBY"),
    ("Stoltenberg", "Jens Stoltenberg", "XNA"),
    ("Rutte", "Mark Rutte", "XNA"),
    ("Borrell", "Josep Borrell", "EUE"),
    ("Kallas", "Kaja Kallas", "EUE"),
    ("Guterres", "Antonio Guterres", "UNO"),
)
