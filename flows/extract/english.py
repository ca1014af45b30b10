"""The English lexicon: every English word the rule extractor looks for, and why.

Each field of :class:`~flows.extract.lexicon.Lexicon` is set here once, with a
line on what it is for. Tables are ordered where order matters (first match
wins: specific before general). A trailing ``*`` means "any ending". Words that
belong to two word classes on purpose are listed in ``ambiguous`` at the end,
with the rule that tells the uses apart; building the lexicon fails otherwise.
"""

from __future__ import annotations

from flows import claimants, dates
from flows.extract.lexicon import Ambiguity, KnownClaimant, Lexicon, NamedActor, PublicFigure, words
from flows.public_figures import public_figures

# --------------------------------------------------------------------------- named bodies and people

# Bodies the news names by a common noun: they speak for the country named beside
# them ("Ukraine's defence ministry" -> "Ukraine Defence Ministry"). Bodies with a
# proper name (the SVR, CENTCOM, Reuters) are rows of flows/data/claimants.csv.
CLAIMANT_PATTERNS: tuple[KnownClaimant, ...] = (
    KnownClaimant("foreign intelligence service", "{country} foreign intelligence service", "", "intelligence"),
    KnownClaimant("foreign intelligence agency", "{country} foreign intelligence service", "", "intelligence"),
    KnownClaimant("military intelligence agency", "{country} military intelligence", "", "intelligence"),
    KnownClaimant("defence ministry", "{country} Defence Ministry", "", "government"),
    KnownClaimant("defense ministry", "{country} Defence Ministry", "", "government"),
    KnownClaimant("foreign ministry", "{country} Foreign Ministry", "", "government"),
    KnownClaimant("Ministry of Defence", "{country} Defence Ministry", "", "government"),
    KnownClaimant("Ministry of Defense", "{country} Defence Ministry", "", "government"),
    KnownClaimant("Defence Ministry", "{country} Defence Ministry", "", "government"),
    KnownClaimant("Defense Ministry", "{country} Defence Ministry", "", "government"),
    KnownClaimant("Foreign Ministry", "{country} Foreign Ministry", "", "government"),
    KnownClaimant("Ministry of Foreign Affairs", "{country} Foreign Ministry", "", "government"),
    KnownClaimant("Foreign Affairs Ministry", "{country} Foreign Ministry", "", "government"),
    KnownClaimant("foreign affairs ministry", "{country} Foreign Ministry", "", "government"),
    KnownClaimant("Foreign Office", "{country} Foreign Ministry", "", "government"),
    KnownClaimant("Panel of Experts", "UN Panel of Experts", "", "un"),
    KnownClaimant("panel of experts", "UN Panel of Experts", "", "un"),
    KnownClaimant("sanctions monitors", "UN Panel of Experts", "", "un"),
)

KNOWN_CLAIMANTS: tuple[KnownClaimant, ...] = (
    *CLAIMANT_PATTERNS,
    *(
        KnownClaimant(alias, body.name, body.country, body.kind)
        for body in claimants.claimants()
        for alias in dict.fromkeys((body.name, *body.aliases))
    ),
)

# Non-state actors, as written, with the country they operate in (a recipient
# is coded to it; the actor is kept as destination_actor).
NON_STATE_ACTORS: tuple[NamedActor, ...] = (
    NamedActor("Houthis", "Houthis", "YEM"),
    NamedActor("Houthi rebels", "Houthis", "YEM"),
    NamedActor("Houthi", "Houthis", "YEM"),
    NamedActor("Ansar Allah", "Houthis", "YEM"),
    NamedActor("Hezbollah", "Hezbollah", "LBN"),
    NamedActor("Hamas", "Hamas", "PSE"),
    NamedActor("Islamic Jihad", "Palestinian Islamic Jihad", "PSE"),
    NamedActor("Rapid Support Forces", "RSF", "SDN"),
    NamedActor("RSF", "RSF", "SDN"),
    NamedActor("Sudanese Armed Forces", "SAF", "SDN"),
    NamedActor("Wagner Group", "Wagner Group", "RUS"),
    NamedActor("Wagner", "Wagner Group", "RUS"),
    NamedActor("Africa Corps", "Africa Corps", "RUS"),
    NamedActor("Taliban", "Taliban", "AFG"),
    NamedActor("M23", "M23", "COD"),
    NamedActor("al-Shabaab", "al-Shabaab", "SOM"),
    NamedActor("Al-Shabaab", "al-Shabaab", "SOM"),
    NamedActor("Libyan National Army", "LNA", "LBY"),
    NamedActor("LNA", "LNA", "LBY"),
    NamedActor("Government of National Accord", "GNA", "LBY"),
    NamedActor("GNA", "GNA", "LBY"),
    NamedActor("Haftar", "LNA (Haftar)", "LBY"),
    NamedActor("Kataib Hezbollah", "Kataib Hezbollah", "IRQ"),
    NamedActor("Popular Mobilization Forces", "PMF", "IRQ"),
    NamedActor("Syrian Democratic Forces", "SDF", "SYR"),
    NamedActor("Hayat Tahrir al-Sham", "HTS", "SYR"),
    NamedActor("PKK", "PKK", "TUR"),
    NamedActor("Arakan Army", "Arakan Army", "MMR"),
    NamedActor("Sinaloa Cartel", "Sinaloa Cartel", "MEX"),
    NamedActor("cartels", "cartels", "MEX"),
    NamedActor("gangs in Haiti", "gangs", "HTI"),
    NamedActor("Haitian gangs", "gangs", "HTI"),
    NamedActor("Polisario Front", "Polisario Front", "ESH"),
    NamedActor("al-Shabab", "al-Shabaab", "SOM"),
    NamedActor("Al-Shabab", "al-Shabaab", "SOM"),
    NamedActor("al Shabaab", "al-Shabaab", "SOM"),
    NamedActor("Shabaab", "al-Shabaab", "SOM"),
    NamedActor("Shabab", "al-Shabaab", "SOM"),
    NamedActor("Tigray People's Liberation Front", "TPLF", "ETH"),
    NamedActor("TPLF", "TPLF", "ETH"),
    NamedActor("Taleban", "Taliban", "AFG"),
    NamedActor("Haqqani network", "Haqqani network", "AFG"),
    NamedActor("Boko Haram", "Boko Haram", "NGA"),
    NamedActor("JNIM", "JNIM", "MLI"),
    NamedActor("ELN", "ELN", "COL"),
    NamedActor("National Liberation Army", "ELN", "COL"),
    NamedActor("FARC", "FARC", "COL"),
    NamedActor("Gulf Clan", "Gulf Clan", "COL"),
    NamedActor("Tren de Aragua", "Tren de Aragua", "VEN"),
    NamedActor("Jalisco New Generation Cartel", "CJNG", "MEX"),
    NamedActor("CJNG", "CJNG", "MEX"),
    NamedActor("YPG", "YPG", "SYR"),
    NamedActor("PYD", "PYD", "SYR"),
    NamedActor("Hizbollah", "Hezbollah", "LBN"),
    NamedActor("Hizballah", "Hezbollah", "LBN"),
    NamedActor("Kachin Independence Army", "KIA", "MMR"),
    NamedActor("Abu Sayyaf", "Abu Sayyaf", "PHL"),
    NamedActor("Lashkar-e-Taiba", "Lashkar-e-Taiba", "PAK"),
    NamedActor("Jaish-e-Mohammed", "Jaish-e-Mohammed", "PAK"),
    NamedActor("Janjaweed", "Janjaweed", "SDN"),
    NamedActor("Anti-balaka", "Anti-balaka", "CAF"),
)

# Office holders of 2019-2025 most often quoted on arms transfers, whom news
# names with a title but no country ("President Zelenskiy said"); an article's
# own "Ukrainian President ..." always takes precedence.
# Office holders the news names without their state, from flows/data/public_figures.csv.
PUBLIC_FIGURES: tuple[PublicFigure, ...] = tuple(
    PublicFigure(figure.surname, figure.name, figure.country, figure.office) for figure in public_figures()
)

# --------------------------------------------------------------------------- the lexicon

ENGLISH = Lexicon(
    language="en",
    # ---------------------------------------------------------------- transfer cues
    # Verbs whose subject sends the arms (the origin) and whose object or
    # "to"-phrase is the recipient.
    sender_verbs=(
        "suppl*",
        "sold",
        "sell",
        "sells",
        "selling",
        "send",
        "sends",
        "sent",
        "sending",
        "ship",
        "ships",
        "shipped",
        "shipping",
        "deliver*",
        "transfer*",
        "provid*",
        "export*",
        "re-export*",
        "reexport*",
        "smuggl*",
        "donat*",
        "funnel*",
        "channel*",
        "traffick*",
        "equip",
        "equips",
        "equipped",
        "equipping",
        "furnish*",
        "dispatch*",
        "airlift*",
        "handed",
        "hand",
        "gave",
        "give",
        "gives",
        "giving",
        "given",
        "arming",
        "rearm*",
        "passed",
        "pass",
        "moved",
        "moving",
        "funneled",
        "sneaked",
        "diverted",
        "divert*",
        "flew",
        "flown",
        "flying",
        "fly",
        "flies",
        "ferr*",
        "trucked",
        "trucking",
        "transported",
        "transporting",
        "transports",
        "dropped",
        "airdropped",
        "shuttled",
        "rushed",
        "handing",
        "hands",
        "introducing",  # "accused Tehran of introducing 'high-quality' arms to the West Bank"
        "introduced",
    ),
    # Verbs whose subject receives the arms (the destination); "from" names the origin.
    receiver_verbs=(
        "receiv*",
        "acquir*",
        "bought",
        "buy",
        "buys",
        "buying",
        "purchas*",
        "obtain*",
        "sourced",  # "the weapons were sourced from Pakistan"
        "import*",
        "procur*",
        "got",
        "getting",
    ),
    # Verbs whose subject is the arms themselves ("HIMARS have arrived in
    # Ukraine"): only route markers and adjectives give roles.
    goods_verbs=(
        "transited",  # "Russian military hardware transited through Georgia on the way to Armenia"
        "transiting",
        "arrived",
        "arrive",
        "arrives",
        "arriving",
        "reached",
        "reaching",
        "reach",
        "reaches",
        "landed",
        "surfaced",
        "turned",
        "originate",
        "originated",
        "originates",
        "originating",
        "cropped",
        "departed",  # "the first six aircraft departed the United States en route to Nigeria"
        "left",
    ),
    # Goods verbs of leaving: a frame only when the arms or their carrier leave
    # ("the aircraft left the United States"; "the minister left Ukraine" moves nothing).
    departure_verbs=words("departed left"),
    # "has moved to formalize", "is moving to ban": before "to" and a verb, a step, not a shipment.
    stepping_verbs=words("moved moving move moves"),
    # "Armenia's adversary Azerbaijan": a possessive state that only names whose relation follows.
    relation_nouns=words(
        """adversary adversaries rival rivals enemy enemies foe foes neighbour neighbor neighbours
        neighbors ally allies"""
    ),
    # What is sent or given that is no arms: "a letter sent by ... to", "gave a strong warning to".
    message_nouns=words(
        """letter letters message messages warning warnings assurance assurances guarantee guarantees
        signal signals invitation invitations note notes request requests reply speech"""
    ),
    # Words between a sender verb and such a noun: "gave a strong warning".
    message_modifiers=words("strong clear stern firm formal written diplomatic official"),
    # Verbs of seizure: the subject is the seizer, no party; the cargo's origin and
    # destination come from markers ("bound for") and adjectives ("Iranian").
    seizure_verbs=(
        "seized",
        "seize",
        "seizes",
        "seizing",
        "confiscat*",
        "impounded",
        "interdict*",
        "intercepts",
        "intercepting",
        "intercepted",
        "recovered",
        "recovers",
        "captured",
        "captures",
        "downed",  # "has downed a drone carrying weapons from Syria"
        "destroyed",  # "destroyed 19 Turkish armored vehicles that arrived through the Misrata port"
        "destroys",
    ),
    # Seizure verbs that are also verbs of war: a seizure only of arms told as moving
    # ("destroyed weapons bound for Hezbollah"; "destroyed Russian tanks near Bakhmut" is combat).
    destroying_verbs=words("destroyed destroys"),
    moving_cues=words("bound destined headed heading route arrived arriving shipped smuggled delivered"),
    # Verbs of use: "Russia has used Iranian drones" claims a transfer only when
    # the arms' foreign origin is named; the subject has them.
    user_verbs=("used", "using", "deployed", "deploying", "fielded", "fielding", "operates", "operating"),
    # Nouns that name a transfer ("arms sales to", "shipments of shells").
    transfer_nouns=(
        "sale",
        "sales",
        "shipment*",
        "deliver*",
        "transfer*",
        "export*",
        "supplies",
        "supply",
        "supplier*",
        "smuggling",
        "consignment*",
        "cargo*",
        "trafficking",
        "imports",
        "pipeline",
        "provision",
        "re-export*",
        "flow",
        "flows",
    ),
    # Words after which a transfer word is a noun ("the transfer", "arms exports"),
    # so it names no sender.
    noun_before=words(
        """the a an its their his her this that these those such any arms weapons weapon
        military ammunition drone missile further new first latest recent future"""
    ),
    # "Moscow had taken delivery of missiles": the subject receives.
    take_delivery_verbs=words("taken took take takes taking"),
    delivery_nouns=words("delivery deliveries"),
    # "shot down a drone carrying weapons": who downs it seizes the cargo.
    downing_verbs=words("shot shoot shoots shooting"),
    downing_particles=words("down"),
    # "A Russian cargo ship delivered weapons": a transfer noun before a carrier names
    # the carrier's kind, not a transfer ("Russian cargo" is no Russian shipment).
    carrier_nouns=words(
        "ship ships vessel vessels plane planes aircraft jet jets flight flights truck trucks train trains airline airlines"
    ),
    # Words before "ship", "ships", "trucks" that make them vehicles, not verbs ("a cargo ship").
    carrier_kinds=words("cargo container naval navy merchant supply military"),
    # "weapons were making their way to ...": the arms travel.
    goods_way_nouns=words("way"),
    goods_way_owners=words("their its"),
    # An agent noun whose subject sends ("China is the main supplier of ...").
    supplier_agent_nouns=("supplier",),
    # "the main suppliers were the United States, Poland and Germany": the countries
    # a copula names after an agent noun are its suppliers, up to a word that opens
    # another clause ("..., while India bought ...").
    supplier_list_verbs=words("were was are is include included includes"),
    supplier_list_ends=words("while but although whereas ; :"),
    # A sentence naming a supplier without a recipient, in an article about one
    # recipient, supplies that one ("Entities based in Singapore were suppliers").
    supplier_words=("supplier", "exporter"),
    # Words of an item phrase that say only that these are arms: two claims that share
    # no other word of their items do not name the same arms.
    generic_item_words=words(
        """weapons weapon arms military equipment systems system supplies aid the and
        first new more other some all its their these those with for from batch batches"""
    ),
    # Words of an illicit transfer: the recipient state's authorities who report it are third parties.
    illicit_stems=("smuggl", "traffick", "contraband", "illegal", "illicit", "divert"),
    # Bodies that seize at home: what they seize from abroad was bound for their country.
    home_seizers=words("customs border guards guard police army gendarmerie security forces bsf"),
    # (term, category); specific terms first. A term is a regular expression
    # fragment matched on lower-cased text on word boundaries.
    weapons=(
        (r"multiple[- ]rocket launchers?", "artillery"),
        (r"rocket launchers?", "artillery"),
        (r"(?:grenade |anti-tank )?launchers?", "rockets and missiles"),  # "the launchers were acquired"
        (r"air[- ]defen[cs]e(?: systems?)?", "air defence"),
        (r"surface-to-air missiles?", "air defence"),
        (r"anti-aircraft (?:guns?|missiles?|systems?)", "air defence"),
        (r"manpads|stingers?|patriots?|nasams|iris-t|s-300s?|s-400s?|pantsir|interceptors?", "air defence"),
        (r"ballistic missiles?|cruise missiles?|anti-tank missiles?|missiles?|rockets?", "rockets and missiles"),
        (
            r"javelins?|nlaws?|storm shadows?|atacms|himars|iskanders?|kn-23|kn-24|hwasong\w*|taurus|scalp|kh-\d+\w*|grads?",
            "rockets and missiles",
        ),
        (
            r"kamikaze drones?|attack drones?|loitering munitions?|drones?|uavs?|unmanned aerial vehicles?|shaheds?|shahed-\d+|geran\w*|bayraktars?|tb2s?|lancets?|orlan\w*|mohajer\w*",
            "drones",
        ),
        (r"artillery (?:shells?|rounds?|ammunition|munitions?)", "ammunition"),
        (r"mortar (?:shells?|rounds?|bombs?)", "ammunition"),
        (
            r"ammunition|munitions?|shells?|rounds|cartridges?|bullets?|grenades?|explosives?|gunpowder|propellant|"
            r"(?:guided |glide |aerial )?bombs?",
            "ammunition",
        ),
        (r"howitzers?|artillery(?: pieces| systems| guns)?|mortars?|caesars?|m777s?|krabs?|cannons?", "artillery"),
        (
            r"assault rifles?|rifles?|machine guns?|small arms|firearms?|guns|pistols?|kalashnikovs?|ak-47s?|rpgs?|sniper rifles?",
            "small arms",
        ),
        (
            r"tanks?|armou?red vehicles?|armou?red personnel carriers?|troop carriers?|apcs?|infantry fighting vehicles?|ifvs?|leopards?|abrams|challengers?|t-72s?|t-90s?|bmps?|bradleys?|strykers?|marders?",
            "armoured vehicles",
        ),
        (
            r"fighter jets?|jets?|fighters?|aircraft|warplanes?|planes?|helicopters?|f-16s?|f-35s?|mig-\d+s?|su-\d+\w*|sukhois?|gripens?|mirages?",
            "aircraft",
        ),
        (
            r"warships?|frigates?|corvettes?|submarines?|patrol boats?|naval (?:vessels?|mines?)|sea mines?|torpedo(?:e?s)?",
            "naval",
        ),
        (
            r"components?|parts|spare parts|microchips?|chips|electronics|engines?|semiconductors?|machine tools|dual-use (?:goods|items)",
            "components",
        ),
        (
            r"weapons?(?: systems?)?|arms|weaponry|military (?:equipment|hardware|goods|supplies|cargo)|military aid|lethal aid|materiel|armaments?|arsenals?",
            "arms",
        ),
    ),
    # ---------------------------------------------------------------- routes
    # (words before a country, role). The nearest marker before a country, with
    # only transparent words between, gives its role; the longest marker wins.
    # An empty role: a "to" that names a trip or a relation, not a shipment.
    role_markers=(
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
        (("en", "route", "to"), "destination"),
        (("en", "route", "for"), "destination"),
        (("destined", "for"), "destination"),
        (("ended", "up", "in"), "destination"),
        (("end", "up", "in"), "destination"),
        (("ending", "up", "in"), "destination"),
        (("for", "use", "in"), ""),  # where the arms are used: "to Russia for use in Ukraine"
        (("for", "use", "by"), "destination"),
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
        # "vehicles that arrived through the Misrata port": where arms arrive is where they went.
        (("arrived", "through"), "destination"),
        (("arrived", "via"), "destination"),
        (("arriving", "through"), "destination"),
        (("arrive", "in"), "destination"),
        (("arrived", "at"), "destination"),
        (("landed", "in"), "destination"),
        (("turned", "up", "in"), "destination"),
        (("to", "help"), "destination"),  # "donated its S-300 to help Ukraine"
        (("surfaced", "in"), "destination"),
        (("reaching",), "destination"),
        (("suppliers", "in"), "origin"),
        (("supplier", "in"), "origin"),
        (("exporters", "in"), "origin"),
        (("manufacturers", "in"), "origin"),
        (("producers", "in"), "origin"),
        # Where arms were made is no sender of them, unless they were re-exported from
        # the buyer (see roles.reexport_maker).
        (("made", "in"), "made_in"),
        (("manufactured", "in"), "made_in"),
        (("produced", "in"), "made_in"),
        (("from",), "origin"),
        (("departed", "from"), "origin"),
        (("departed",), "origin"),
        (("left",), "origin"),  # "the aircraft left the United States": where they came from
        (("out", "of"), "origin"),  # "trafficked out of Libya"
        (("by",), "origin_passive"),
    ),
    # Words that may stand between a marker and its country without breaking the
    # link: "through two firms in the Czech Republic", "to neighbouring Chad".
    transparent_words=words(
        """the a an his her its their our two three four several some various many both either other
        firms firm companies company intermediaries intermediary middlemen brokers broker
        traders trader dealers dealer entities entity agents agent suppliers supplier
        shell front in based of and or , neighbouring neighboring nearby allied allies
        ally partners partner forces regime government authorities army military militia
        militias groups group fighters rebels rebel state countries country then later
        eventually ultimately onward on units party parties side sides faction factions
        eastern western northern southern central remote airstrip airstrips customers customer clients
        client buyers buyer [ ] ( ) final destination destinations european african asian arab latin al
        foreign overseas international regional local aggressor
        airport airports airfield airbase base bases port ports border region city town
        territory coast harbour harbor hub hubs warehouses depots depot within
        likely possibly probably potentially mainly mostly chiefly primarily partly largely airspace somewhere
        loyalist loyalists opposition insurgent insurgents"""
    ),
    # "the eastern-based", "Iran-backed": a hyphenated place adjective is transparent too.
    place_adjective_suffixes=("based", "backed", "led", "aligned", "controlled", "held", "run", "owned"),
    # Words between two intermediaries that make them a chain, not alternatives.
    chain_words=words("then later onward onwards subsequently before after"),
    # "to Y, which then sent them to Z": a relative clause continues the transfer.
    relative_pronouns=words("which who"),
    # Word endings on a country that make it the supplier: "US-supplied missiles".
    supply_suffixes=("supplied", "provided", "donated", "delivered", "sent"),
    # "A Saudi-led coalition dropped arms to loyalist fighters": the leader acts for the coalition.
    leading_suffixes=words("led"),
    # Word endings that say only where arms were made or designed: no supplier
    # (ANNOTATION.md section 5: "-made", "-built", "-manufactured" state manufacture only).
    manufacture_suffixes=("made", "built", "produced", "manufactured", "designed", "origin"),
    # Markers of a re-export: the arms were bought where they were made, then passed on.
    reexport_stems=("re-export", "reexport"),
    # Words that join coordinated countries or speakers ("Bulgaria and the Czech Republic").
    # ("with both Moscow and Tehran rejecting the allegation": "with" opens the list too.)
    coordination=words("and both , as well together jointly also with"),
    # "sold and shipped": coordinated verbs are one transfer.
    verb_joiners=words("and or ,"),
    # "supplied to the Houthis by Iran": words between a sender word and "by".
    passive_links=words("to for into of"),
    # A maker after a demonym names the origin: "two Serbian companies".
    company_words=words(
        """companies company firms firm manufacturers manufacturer makers maker producers
        producer traders dealers brokers entities factories plants plant exporters exporter
        suppliers industry contractors enterprises enterprise corporations corporation"""
    ),
    # Words between a demonym and a company noun in an actor phrase (regex fragments).
    company_modifiers=("state-owned", "private", "arms", r"defen[cs]e"),
    actor_quantifiers=("two", "three", "four", "several", "some", "a", "an", "the", "one", "many"),
    # "Ukraine's strongest supporters": the possessive is the one they supply.
    supporter_nouns=words("supplier suppliers supporter supporters backer backers donor donors arms-supplier"),
    # "supplied 69 percent of Azerbaijan's arms imports": the possessive receives.
    receiving_nouns=words("imports purchases arsenal arsenals stockpiles stocks needs inventory"),
    # "Russia increased arms exports to China": verbs of doing whose subject owns the transfer.
    owner_verbs=words(
        """increased increases boosted doubled tripled expanded raised resumed began begun started
        continued stepped ramped completed conducted made carried accelerated"""
    ),
    # "Cyprus served as a transit for US missiles": nouns that make a country an intermediary.
    transit_nouns=words("transit conduit waypoint staging transhipment transshipment"),
    # Markers of where arms went in the end: a plain "to" before one of them named a stop on the
    # way ("sold shells to Poland that ended up in Ukraine": Poland is an intermediary).
    final_destination_markers=(
        ("ended", "up", "in"),
        ("end", "up", "in"),
        ("ending", "up", "in"),
        ("destined", "for"),
        ("bound", "for"),
        ("for", "use", "by"),
        ("en", "route", "to"),
        ("en", "route", "for"),
    ),
    # A "for" before a country that names arms ("for US missiles") says what, not to whom.
    purpose_markers=words("for"),
    # "Myanmar's military has imported ...": a state's own bodies act as the state.
    body_nouns=words(
        """military army government forces junta regime navy troops soldiers units crews pilots
        authorities defence defense armed air state coalition"""
    ),
    # Words between a possessive state and its body: "Mali's new military government".
    body_modifiers=words("new military interim transitional ruling civilian federal central national own top"),
    # "Wagner fighters in Libya": where a non-state actor operates.
    actor_locatives=words("in"),
    # Words between a subject and its verb: "it had also sent".
    # Verbs that, right after "and Azerbaijan", make it the subject of a new clause.
    clause_verbs=words(
        """expected expects demanded demands asked asks wants wanted urged urges called calls
        had has have was were is are will would"""
    ),
    auxiliaries=words(
        """had has have was were been is are be also already reportedly secretly allegedly
        not never n't did does do 'd itself themselves himself herself repeatedly previously once ever"""
    ),
    # "has been given", "were sold": the sender verb is passive.
    passive_auxiliaries=words("was were been being is are be"),
    # "Sweden has confirmed the weapons were sold": admitting an unattributed sale.
    admission_verbs=words("confirmed confirms confirming acknowledged acknowledges admitted admits conceded"),
    # "his country had shipped", "her government was arming": the speaker's own state.
    # "delivering what media reports describe as aid": a verb just after these describes a thing.
    description_openers=words("what"),
    # '"We sold rifles," the president said': the speaker's state.
    speaking_state_pronouns=words("we"),
    own_country_nouns=words("country government territory airspace soil"),
    own_country_owners=words("his her its their our"),
    # ... and "the government" too, said by one of its officials.
    definite_own_nouns=words("government state"),
    # ... and "the army", "the military" right before a transfer verb ("the army had bought tanks").
    definite_own_bodies=words("army military navy"),
    # "the North had sent containers to Russia": Korea's halves by their short names, in an
    # article that names that state (capitalised, after "the", not "the North Atlantic").
    short_state_names=(("north", "PRK"), ("south", "KOR")),
    # ... and "the country" there, when no other state is named before it ("Serbia's ministry said
    # the country did not transfer any ammunition"; after "Iran sent drones", it is Iran).
    definite_own_states=words("country nation"),
    # "Norway has delivered ..., its defence ministry said": "its" is the state the sentence is about.
    third_person_owners=words("its their"),
    # ---------------------------------------------------------------- who says so
    # Attribution verbs and the stance they give; "said" is settled by who speaks
    # (a party confirms, an outlet reports, anyone else alleges).
    attribution_verbs=(
        # Denials: the stance whoever speaks.
        ("denied", "denied"),
        ("denies", "denied"),
        ("deny", "denied"),
        ("denying", "denied"),
        ("rejected", "denied"),
        ("rejects", "denied"),
        ("rejecting", "denied"),
        ("dismissed", "denied"),
        ("dismisses", "denied"),
        ("dismissing", "denied"),
        ("refuted", "denied"),
        ("refutes", "denied"),
        ("disputed", "denied"),
        ("disputes", "denied"),
        ("rebuffed", "denied"),
        ("questioned", "denied"),
        # Accusations: a claim about someone else.
        ("accused", "alleged"),
        ("accuses", "alleged"),
        ("accusing", "alleged"),
        ("charged", "alleged"),
        ("blamed", "alleged"),
        ("blames", "alleged"),
        # Everything else is a statement: who speaks settles its stance.
        ("confirmed", "said"),
        ("confirms", "said"),
        ("confirming", "said"),
        ("acknowledged", "said"),
        ("acknowledges", "said"),
        ("admitted", "said"),
        ("admits", "said"),
        ("conceded", "said"),
        ("alleged", "said"),
        ("alleges", "said"),
        ("alleging", "said"),
        ("claimed", "said"),
        ("claims", "said"),
        ("claiming", "said"),
        ("asserted", "said"),
        ("asserts", "said"),
        ("reported", "said"),
        ("reports", "said"),
        ("found", "said"),
        ("finds", "said"),
        ("documented", "said"),
        ("revealed", "said"),
        ("reveals", "said"),
        ("showed", "said"),
        ("shows", "said"),
        ("show", "said"),
        ("showing", "said"),
        ("confirm", "said"),
        ("concluded", "said"),
        ("identified", "said"),
        ("traced", "said"),
        ("disclosed", "said"),
        ("discovered", "said"),
        ("determined", "said"),
        ("indicated", "said"),
        ("indicates", "said"),
        ("suggested", "said"),
        ("suggests", "said"),
        ("saw", "said"),
        ("witnessed", "said"),
        ("counted", "said"),
        ("said", "said"),
        ("says", "said"),
        ("say", "said"),
        ("saying", "said"),
        ("told", "said"),
        ("tell", "said"),
        ("tells", "said"),
        ("telling", "said"),
        ("stated", "said"),
        ("states", "said"),
        ("added", "said"),
        ("adds", "said"),
        ("adding", "said"),
        ("announced", "said"),
        ("announces", "said"),
        ("declared", "said"),
        ("wrote", "said"),
        ("writes", "said"),
        ("warned", "said"),
        ("insisted", "said"),
        ("insists", "said"),
        ("noted", "said"),
        ("notes", "said"),
        ("argued", "said"),
        ("believes", "said"),
        ("assessed", "said"),
        ("estimated", "said"),
        ("testified", "said"),
        ("responded", "said"),
        ("replied", "said"),
        ("countered", "said"),
        ("retorted", "said"),
        ("maintained", "said"),
        ("stressed", "said"),
        ("emphasized", "said"),
        ("emphasised", "said"),
        ("underlined", "said"),
        ("underscored", "said"),
        ("highlighted", "said"),
        ("reaffirmed", "said"),
        ("reiterated", "said"),
        ("repeated", "said"),
        ("explained", "said"),
        ("mentioned", "said"),
        ("posted", "said"),
        ("tweeted", "said"),
        ("quoted", "said"),
        ("cited", "said"),  # "Bloomberg cited senior Western officials as saying": quoting
        ("thanked", "said"),  # "Khan thanked China for providing the aircraft"
        ("thanks", "said"),
        ("informed", "said"),
        ("briefed", "said"),
        ("boasted", "said"),
        ("condemned", "said"),
        ("condemns", "said"),
        ("slammed", "said"),
        ("slams", "said"),
        ("criticised", "said"),
        ("criticized", "said"),
        ("denounced", "said"),
        ("decried", "said"),
        ("informs", "said"),
        ("published", "said"),
        ("publishes", "said"),
        ("released", "said"),
        ("called", "said"),
        ("issued", "said"),
        ("broadcast", "said"),
        ("aired", "said"),
        ("stating", "said"),
    ),
    # Phrases that attribute without a verb, and the stance they give.
    attribution_phrases=(
        (("according", "to"), "said"),
        (("a", "report", "by"), "said"),
        (("report", "by"), "said"),
        # "This is stated in a report published by the institute SIPRI."
        (("report", "published", "by"), "said"),
        (("an", "investigation", "by"), "said"),
        (("investigation", "by"), "said"),
        (("findings", "of"), "said"),
        (("data", "from"), "said"),
        (("cited", "by"), "said"),
        (("referring", "to"), "said"),
        (("citing",), "said"),
    ),
    # Where the name after an attribution phrase ends.
    phrase_stops=words(", . ; : that"),
    # "sources told Reuters": the outlet told is the one that reports.
    telling_verbs=words("told tell tells"),
    # "Customs records accessed by the agency": evidence held by someone, who speaks through it.
    evidence_nouns=words("records documents data images photos photographs footage imagery analysis papers files"),
    evidence_agent_links=words("by"),
    # Speakers who condemn a transfer speak of another state's deed, not their own.
    reproach_verbs=words("condemned condemns slammed slams criticised criticized denounced decried accused"),
    # Verbs of evidence ("the images show", "our information indicates"): a person's
    # "said" in the same sentence names the speaker instead.
    evidence_verbs=words(
        """show shows showed showing indicates indicated suggests suggested reveals revealed found finds
        documented identified traced concluded determined discovered saw witnessed counted"""
    ),
    # "TASS quoted Pashinyan as saying": the one quoted speaks.
    quoting_verbs=words("quoted quoting cited"),
    quote_links=words("as"),
    # Nouns of accusation whose agent is the claimant ("after SVR made similar accusations").
    accusation_nouns=words("accusations accusation allegations allegation"),
    # "allegations by X", "accusations from X".
    accusation_agent_links=words("by from"),
    # "a report published by the Wall Street Journal": a participle between the thing and its agent.
    publishing_participles=words("published released issued aired carried"),
    # "X made / levelled similar accusations".
    accusing_verbs=words("made make makes levelled leveled raised repeated voiced"),
    # Words between a subject and its attribution verb: "Moscow has long denied".
    before_verb=words(
        """yesterday today also again earlier later previously repeatedly has have had long both
        reportedly publicly officially recently separately formally now then further"""
    ),
    # Words that start a new clause: a subject never reaches across them.
    clause_breaks=frozenset(
        {
            ";",
            ":",
            '"',
            "“",
            "”",
            "that",
            "how",
            "whether",
            "which",
            "who",
            "while",
            "but",
            "although",
            "because",
            "after",
            "before",
            "when",
            "as",
            "since",
        }
    ),
    segment_punctuation=words(", ."),
    determiners=words("the a an its their his her some two three several"),
    pronouns=words("he she they it we i"),
    # "I" speaks for a person, not for the country of the last claimant.
    first_person=words("i"),
    # "data cited by Reuters": after an attribution verb, the agent follows.
    agent_links=words("by"),
    # "He said", "she added": pronouns that can only stand for a person.
    person_pronouns=words("he she"),
    # "In a statement by the Azerbaijani Ministry ..., Deputy Minister X said": X speaks for
    # the state of the body the statement is by or from.
    statement_links=words("by from"),
    speaking_bodies=words("ministry government embassy presidency office military army"),
    # "they" after "that" may be anyone; "it" after the speaker's "that" is the speaker's state.
    plural_pronouns=words("they we"),
    # Words of a generic claimant phrase that refers back ("its latest report").
    possessive_words=words("its their his her latest new own the"),
    # Openers of a phrase that refers back to the last claimant ("the agency", "its report").
    possessive_pronouns=words("the its their his her"),
    # Pronouns and generic heads that refer back to the last named claimant.
    generic_claimants=words(
        """he she they it its the agency service ministry officials official spokesman
        spokeswoman spokesperson statement report panel group researchers investigators
        government president minister monitors broadcaster newspaper paper outlet
        study command military army navy office"""
    ),
    # "a spokesman for South Africa's department": after these "for" names whom they speak for.
    spokes_titles=words("spokesman spokeswoman spokesperson envoy representative"),
    # Heads of a monitoring body ("the monitors said"): never an outlet named before.
    monitor_heads=words("monitors panel experts inspectors rapporteur"),
    # Heads that make a claimant an outlet (no party, so no country).
    media_heads=words(
        """paper newspaper daily broadcaster magazine outlet site website weekly tabloid channel
        network journal publication reporters journalists"""
    ),
    # Lower-case nouns that do name a claimant: "diplomats said", "investigators found".
    source_nouns=words(
        """officials diplomats sources investigators analysts experts researchers monitors
        lawmakers activists witnesses commanders prosecutors inspectors"""
    ),
    # Speakers that name nobody: their claims are not annotated (ANNOTATION.md D1).
    # Journalists' anonymous sources: "US officials said", "three Iranian officials",
    # "a South Korean official" name no body either (the annotators' reading of D1).
    unnamed_heads=words(
        """sources source reports report media insiders insider people rumours rumors accounts
        officials official diplomats diplomat experts expert analysts analyst observers observer"""
    ),
    # Speakers named only by a state or a body: "Nigerian authorities", "a UN expert"; with
    # neither ("authorities said", "investigators found") they are unnamed too.
    official_heads=words(
        "official officials authorities investigators commanders lawmakers activists witnesses residents governments countries nations"
    ),
    # A country after one of these in a claimant phrase is its topic, not its speaker
    # ("the UN special rapporteur on human rights in Myanmar").
    topic_prepositions=words("in on to for about over at with against into"),
    # A generic claimant phrase ("its latest report to the Security Council") is
    # judged by its words before one of these.
    reference_stops=words("in on to for about over at with against into of"),
    # "Moscow and the Kremlin": the article that may stand in a list of speaking states.
    definite_article="the",
    # "Russia and China jointly", "planned to secretly supply": adverbs are transparent.
    adverb_suffix="ly",
    # "..., sending tanks": a participle after a comma takes the clause's subject.
    participle_suffix="ing",
    # ", sending tanks", "betrays Armenia by supplying arms": a gerund after these takes the clause's first subject.
    gerund_links=frozenset({",", "by"}),
    # "weapons provided by", "the arms delivered to": a past participle after a
    # noun_before word is still a verb, though its stem is a transfer noun's.
    past_participle_suffix="ed",
    # "the UAE said ... and denied arming": the same subject goes on.
    same_subject_joiners=words("and"),
    # "officials in Seoul" speak for South Korea: "in" names a topic only inside a topic phrase.
    locative_preposition="in",
    # Words to drop before a claimant phrase ("in a statement posted on its website").
    claimant_lead_noise=words("in on a an statement posted website"),
    # Words to drop after one ("North Korea on Tuesday").
    claimant_trailing_noise=words("on at as"),
    # A claimant phrase ends before a relative clause: "Lawmakers who attended".
    relative_cut_words=words("who which that whose"),
    # "The Intercept" is an outlet, not a person named The.
    name_articles=words("the a an"),
    # Capitals that are no claimant's acronym.
    acronyms_not_claimants=frozenset({"AP", "TV", "PM", "CEO"}),
    # Titles stripped from a person's name ("Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov").
    titles=words(
        """president prime minister foreign defence defense minister spokesman spokeswoman
        spokesperson secretary general chancellor king queen leader chief commander
        ambassador envoy official officials adviser advisor senator lawmaker director
        head deputy populist mr mrs ms dr gen lt col admiral national security state
        military intelligence army navy air force sheikh crown prince emir brigadier major
        colonel lieutenant captain marshal"""
    ),
    # A claimant phrase with one of these names a person ("Serbia's defence minister"):
    # beside a named person of the same state who holds another office, a second
    # speaker; any other phrase is the state's or a body's voice (ANNOTATION.md D5).
    # Offices that name no state: in a paper with no dateline, its own state's.
    domestic_offices=words("presidential presidency government cabinet premier's president's"),
    office_titles=words(
        """minister president spokesman spokeswoman spokesperson secretary chancellor king
        queen leader chief commander ambassador envoy adviser advisor director head deputy"""
    ),
    # A person with one of these titles speaks for a body whose name holds the word:
    # "Deputy minister Pawel Nowak" for the defence ministry (ANNOTATION.md D5).
    member_titles={
        "ministry": ("minister", "spokes", "official"),
        "department": ("secretary", "spokes", "official"),
        "army": ("general", "commander", "spokes", "chief"),
        "military": ("general", "commander", "spokes", "chief"),
        "forces": ("general", "commander", "spokes", "chief"),
        "navy": ("admiral", "commander", "spokes", "chief"),
        "command": ("general", "admiral", "commander", "spokes"),
        "intelligence": ("chief", "head", "director", "spokes"),
        "service": ("chief", "head", "director", "spokes"),
        "agency": ("chief", "head", "director", "spokes"),
        "kremlin": ("spokes", "press secretary", "aide"),
        "house": ("spokes", "press secretary", "adviser", "advisor"),
        "pentagon": ("spokes", "press secretary", "official"),
    },
    known_claimants=KNOWN_CLAIMANTS,
    # "Iran's mission to the United Nations" speaks for Iran, not for the UN.
    mission_prepositions=("to the", "at the", "with the", "in the", "to", "at", "with", "in"),
    mission_words=(
        "mission",
        "ambassador",
        "envoy",
        "delegation",
        "representative",
        "permanent representative",
        "embassy",
        "consulate",
    ),
    # Capitalised words of an organisation's name: "International Peace Research Institute" is no person.
    organisation_words=words(
        """institute institution research peace ministry council agency committee service forces army
        university center centre foundation group company organization organisation association network
        party front union court office department command corporation bank commission authority
        club forum society alliance coalition movement"""
    ),
    public_figures=PUBLIC_FIGURES,
    non_state_actors=NON_STATE_ACTORS,
    # Stance of a claimant about a flow that involves its own country, and of a third state.
    own_flow_stance="confirmed",
    third_party_stance="alleged",
    # ---------------------------------------------------------------- what is not a transfer
    # Words just before a transfer verb that make it a plan, a pledge or a refusal.
    modal_words=words(
        """will would could might may shall should plans plan planned planning intends intend
        intended pledged pledge pledges promised promise promises vowed offered offer
        agreed agree considering consider considers weighing proposed propose approve
        approved authorised authorized asked ask asking requested request seeks seek sought
        wants want wanted urged urge urging called ready prepared expected set aims aim
        hopes hope refused refuse refuses halted halt stopped stop suspended suspend banned
        ban barred bar blocked block resume resumed restrict restricted
        preparing prepares prepare due poised going looking seeking negotiating expects expect
        expecting awaits await awaiting can avoided avoid avoids avoiding declined decline
        declines refrained refrain refrains halts decision decided decide decides prevent prevents
        preventing prevented
        negotiate negotiates talks deal deals agreement agreements contract contracts accord
        memorandum signed signs sign ordered order orders tender bid license licence licensed
        allowed allow permit permitted cleared clearance"""
    ),
    # Words that may stand between a plan word and its verb: "planned to also send",
    # "signed a deal for the delivery of", "is due to deliver"; time phrases too.
    modal_links=words(
        """to be have not also soon further more now been continue keep start for of the a an
        its their new additional possible potential future eventual from was made"""
    ),
    # "from Russian aggression": a demonym on one of these names an attacker, no sender.
    hostile_nouns=words("aggression invasion attack attacks attackers occupation bombardment strikes war"),
    # "seized in northern Mexico", "seized at a Venezuelan airport": where a seizure took place.
    seizure_places=words("in at"),
    place_words=words("northern southern eastern western central airport port border province city town"),
    # "thanked China for providing the aircraft": thanks for a transfer confirm it.
    thanking_verbs=words("thanked thanks thank thanking"),
    thanks_link="for",
    # "..., but Tehran denies the charges": a clause after one of these may deny the first.
    contrast_words=words("but while though although whereas"),
    # "despite denials from the government in Tehran": a denial told as a noun, and its agent.
    denial_nouns=words("denials denial"),
    # "That was first reported in Japan's Tokyo Shimbun newspaper": a sentence that credits
    # the flow told just before to an outlet, which then reports it; "The information was
    # later confirmed by ..." (or "denied by") makes it that body's statement too.
    credit_subjects=words("that this it information news delivery deliveries shipment transfer"),
    credit_verbs=words("reported confirmed denied"),
    credit_links=words("by in"),
    # Of the credit verbs, those that deny what they credit; "reported" credits only outlets.
    credit_denials=words("denied"),
    credit_outlet_verbs=words("reported"),
    # "... – Politico", "... — PM Pashinyan": the dashes before a headline's credit.
    credit_dashes=frozenset({"–", "—", "-"}),
    # "As Ukrainian News Agency earlier reported, CBS News said": "as" opens a relay, not the claim.
    relay_opener="as",
    # Sender verbs that name the arms themselves: "accused Iran of arming the Houthis".
    arms_verbs=("arming", "rearm*", "has armed", "have armed", "had armed"),
    # "has armed the rebels" sends arms; "armed groups", "the armed forces" do not.
    arming_participles=words("armed"),
    arming_auxiliaries=words("has have had"),
    # Goods that are no arms: a transfer sentence naming them and no weapon is about them
    # ("supplied Ukraine with bullet-proof vests and helmets"), in an article about arms too.
    non_arms_goods=(
        r"helmets?",
        r"(?:bullet-?proof |protective )?vests?",
        r"body armou?r",
        r"medical (?:supplies|equipment|kits?)",
        r"medicines?",
        r"tents?",
        r"blankets?",
        r"food",
        r"fuel",
        r"generators?",
        r"humanitarian (?:aid|assistance|supplies)",
        r"non-lethal (?:aid|assistance|equipment)",
        # people are no arms: "sent troops into Somalia", "supplied military instructors"
        r"troops",
        r"soldiers",
        r"personnel(?! carriers?)",
        r"instructors",
        r"mercenaries",
        r"advisers",
        r"advisors",
        r"specialists",
        r"experts",
        r"technicians",
        r"engineers",
        # know-how is no arms either: "received technical help from Russia"
        r"technical (?:help|assistance|support|know-how)",
    ),
    # Plan words that, negated, deny the transfer ("we did not approve any arms sale").
    approval_words=words("approve approved authorised authorized sanctioned licensed permitted allowed cleared"),
    # "any shipment of shells by South Korea", "possible transfers": a transfer imagined,
    # not claimed (unless denied: "denied any transfer" is a denial).
    hypothetical_words=words("any possible potential prospective eventual"),
    # "Russia to deliver jets to Iran": a headline's "to" before the verb is its future.
    infinitive_marker="to",
    # "artillery to be shipped to Ukraine": a passive infinitive is a purpose, not a transfer.
    infinitive_be="be",
    # Voicing concern about a transfer is not an allegation (ANNOTATION.md section 4).
    concern_words=words("concerned concern concerns worried alarmed"),
    # "will continue to supply", "keeps sending": the transfer goes on, so it is claimed.
    ongoing_words=words("continue continues continuing keep keeps"),
    # "unclear whether Iran has delivered": an open question.
    conditional_words=words("whether if"),
    # Negation that turns a claim of a transfer into its denial.
    negation_words=words("not never no n't nor neither none"),
    # A negation does not reach past these.
    negation_stops=words(", ; : that but while although"),
    # "not only sold but also shipped" affirms.
    negation_cancellers=words("only"),
    # "received no weapons", "supplied none": a negated object denies too.
    negative_objects=words("no none nothing"),
    # Topics that mark the sentence as something other than a transfer even when a
    # transfer word appears (regular expression fragments).
    non_transfer_cues=(
        r"co-?production",
        r"joint production",
        r"production line",
        r"joint ventures?",
        r"polic(?:y|ies) (?:on|of)",  # "its policy on arming Ukraine": a topic, not a transfer
        r"drills?",
        r"exercises?",
        r"evacuat\w+",
        r"airstrikes?",
        r"air strikes?",
        r"struck",
        # ... but downing a drone that carries arms seizes them ("shot down a drone carrying weapons")
        r"shot down(?!\s+(?:an?|the|two|three)\s+(?:\w+\s+)?(?:drones?|aircraft|planes?|helicopters?)\s+(?:carrying|loaded|laden))",
        r"attacked",
        r"attacks? on",
        r"fired (?:at|on|into)",
        r"launched (?:at|on|against|into)",
        r"humanitarian aid",
        r"food aid",
        r"grain",
        r"gas supplies",
        r"oil supplies",
        r"energy supplies",
        r"vaccines?",
    ),
    # Words that make a statement about a claim a denial of it ("called the claims unfounded").
    denial_qualifiers=words(
        """unfounded baseless groundless untrue fabricated fabrication lies lie nonsense absurd fake
        disinformation fiction fabrications slander slanderous"""
    ),
    # Phrases anywhere in a statement that make it a denial ('... are not true," the ministry said').
    denial_phrases=(
        r"(?:are|is|was|were) not true",
        r"(?:are|is|was|were) (?:not accurate|inaccurate|not correct|incorrect|false)",
        r"(?:do|does|did) not correspond to (?:the )?reality",
        r"no basis in (?:fact|reality)",
    ),
    # In the outlet's own voice, words that pass on somebody else's claim.
    hearsay_words=words("reportedly allegedly purportedly reputedly supposedly rumoured rumored"),
    # What a bare denial must name to deny a transfer ("rejected the accusation").
    denied_things=words(
        """accusation accusations allegation allegations claim claims charge charges report
        reports account findings assessment suggestions rumour rumours trade deal deals
        embargo support involvement role story stories article articles notions speculation"""
    ),
    # "a charge that Iran's president has denied": the clause after a denied thing names its denier.
    relative_that="that",
    # Words after which a pronoun still stands for the claimant: "said that it had sent".
    reporting_links=frozenset(
        {"that", "saying", "adding", "insisting", "arguing", "claiming", "stressing", "noting", "and", ":"}
    ),
    # ---------------------------------------------------------------- dates and numbers
    months=dates.MONTHS,
    month_abbreviations=dates.MONTH_ABBREVIATIONS,  # "Sept. 5", "Dec 30"
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    # Relative date phrases by the kind of date they give (regular expressions).
    date_phrases={
        "yesterday": r"\byesterday\b",
        "today": r"\btoday\b",
        "last_week": r"\blast week\b",
        "this_month": r"\b(?:earlier|later) this month\b|\bthis month\b",
        "last_month": r"\blast month\b",
        "last_year": r"\blast year\b",
    },
    # Words before a date by what they introduce (regular expression fragments).
    date_prepositions={
        "day": "on",  # "on Monday", "on March 3"
        "period": "in",  # "in May 2024", "in 2023"
        "of": "of",  # "May of 2024"
        "last": "last",  # "last Thursday"
        "month": "in|early|late|mid-?",  # "in May", "late May"
    },
    # Words of a time phrase (a claimant phrase does not end on one); weekdays and
    # months are added from the tables above.
    time_words=words("on in last this earlier later yesterday today week month year ,"),
    # "has long denied", "have repeatedly accused": a standing position, undated.
    background_adverbs=words("long repeatedly consistently always previously frequently often regularly routinely"),
    # Words for counts in quantities ("two howitzers").
    number_words={
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "a hundred": 100,
        "a dozen": 12,
        "dozen": 12,
    },
    multipliers={"thousand": 1e3, "million": 1e6, "billion": 1e9},
    # Words between a count and its weapon, up to three ("12 more howitzers", "two US-made
    # jets", "14 M109 howitzers", "14 self-propelled howitzers"); regular expressions.
    quantity_modifiers=(
        "more",
        "new",
        "additional",
        "used",
        "old",
        "modern",
        "refurbished",
        "upgraded",
        "advanced",
        "heavy",
        "light",
        "armed",
        "combat",
        "attack",
        "military",
        "transport",
        "of the",
        "of its",
        r"[a-z]+-?made",
        r"[a-z]+-?\d+[\w-]*",
        r"[a-z]+-[a-z]+",
    ),
    # ---------------------------------------------------------------- sentences
    # Abbreviations whose period does not end a sentence.
    abbreviations=(
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gen",
        "Lt",
        "Col",
        "Sgt",
        "Capt",
        "Maj",
        "Adm",
        "Sen",
        "Rep",
        "Gov",
        "St",
        "No",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Inc",
        "Ltd",
        "Co",
        "Corp",
        "vs",
        "approx",
        "est",
    ),
    # Words a sentence cannot end on: a line that ends on one runs on to the next.
    wrap_words=words(
        """a an the to of in on at by for from with into through via and or but nor that which who
        whose than as its their his her our my your this these those is are was were be been has
        have had will would could should may might must not no according"""
    ),
    # ---------------------------------------------------------------- ambiguity
    # The lists whose words decide what a token is; a word in two of them must be below.
    word_classes=(
        "sender_verbs",
        "receiver_verbs",
        "goods_verbs",
        "seizure_verbs",
        "user_verbs",
        "transfer_nouns",
        "attribution_verbs",
        "accusation_nouns",
        "modal_words",
        "negation_words",
    ),
    ambiguous=(
        Ambiguity(
            "deliver*",
            ("sender_verbs", "transfer_nouns"),
            "a sender verb, unless a determiner or arms noun comes before it ('the deliveries'): then a noun",
        ),
        Ambiguity(
            "transfer*",
            ("sender_verbs", "transfer_nouns"),
            "a sender verb, unless a determiner or arms noun comes before it ('the arms transfer')",
        ),
        Ambiguity(
            "export*",
            ("sender_verbs", "transfer_nouns"),
            "a sender verb, unless a determiner or arms noun comes before it ('Turkey's drone exports')",
        ),
        Ambiguity(
            "re-export*",
            ("sender_verbs", "transfer_nouns"),
            "a sender verb, unless a determiner or arms noun comes before it",
        ),
        Ambiguity(
            "suppl*",
            ("sender_verbs", "transfer_nouns"),
            "a sender verb ('supplied', 'supplies'), unless a determiner or arms noun comes before it "
            "('weapons supplies'); 'supplier' is an agent noun whose subject sends",
        ),
        Ambiguity(
            "smuggl*",
            ("sender_verbs", "transfer_nouns"),
            "a sender verb ('smuggling arms to'), unless a determiner or arms noun comes before it",
        ),
        Ambiguity(
            "traffick*",
            ("sender_verbs", "transfer_nouns"),
            "a sender verb, unless a determiner or arms noun comes before it ('arms trafficking')",
        ),
        Ambiguity(
            "called",
            ("attribution_verbs", "modal_words"),
            "an attribution verb whose subject speaks ('called the claims unfounded'); a plan word when "
            "only plan links stand between it and a transfer word ('called for the supply of')",
        ),
        Ambiguity(
            "import*",
            ("receiver_verbs", "transfer_nouns"),
            "a receiver verb; its possessive owner ('India's arms imports from Russia') is the recipient",
        ),
    ),
)
