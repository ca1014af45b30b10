"""Article -> claims. A rule-based extractor that needs no model and no network.

How the default :class:`RuleExtractor` reads an article:

1. Split the title and body into sentences (with offsets into ``Article.full_text``).
2. Skip every sentence without both a transfer word and a weapon word: one
   compiled regular expression each, so most of an article costs one scan.
3. In a candidate sentence, find countries and non-state actors, a transfer
   trigger (a sender verb, a receiver verb or a transfer noun) and give each
   country a role from the nearest route marker before it (``to``, ``via``,
   ``from``...), its position as subject or object of the trigger, or a word
   stuck to it ("Serbia-made"). Rules live in :mod:`flows.rules`.
4. Find who says so (attribution verbs and phrases) and the stance; resolve the
   claim date against the publication date, keeping its precision.
5. Merge restatements (headline, lead, body) of one claim into one claim with
   all its evidence; attach partial sentences (a route with no destination) to
   the claim they continue; turn a bare denial into a denial of the flow it answers.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol

from flows import countries, rules
from flows.models import CHAIN_SEPARATOR, Article, Claim, Evidence
from flows.patterns import trie_pattern

NAME = "rules"
VERSION = "0.1.0"


class Extractor(Protocol):
    """Anything that reads an article and returns the claims in it."""

    name: str
    version: str

    def extract(self, article: Article) -> list[Claim]: ...


# --------------------------------------------------------------------------- compiled rule data


def _word_pattern(words: Iterable[str]) -> str:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word.rstrip("*"))
        parts.append(escaped + r"\w*" if word.endswith("*") else escaped)
    return "|".join(parts)


def _word_matcher(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{_word_pattern(words)})$")


_SENDER = _word_matcher(rules.SENDER_VERBS)
_RECEIVER = _word_matcher(rules.RECEIVER_VERBS)
_NOUN = _word_matcher(rules.TRANSFER_NOUNS)
_SEIZURE = _word_matcher(rules.SEIZURE_VERBS)
_GOODS = _word_matcher(rules.GOODS_VERBS)
_USER = _word_matcher(rules.USER_VERBS)
# One pass over a sentence finds every weapon term; at one place the first
# (most specific) term of rules.WEAPONS wins, and the group name gives its category.
# Scanned on lower-cased text: several times faster than re.IGNORECASE.
_WEAPON_SCAN = re.compile(
    r"(?<![\w-])(?:%s)(?![\w-])"
    % "|".join(f"(?P<w{number}>{term})" for number, (term, _) in enumerate(rules.WEAPONS)),
)
_WEAPON_CATEGORY = {f"w{number}": category for number, (_, category) in enumerate(rules.WEAPONS)}
_NON_TRANSFER = re.compile(r"\b(?:%s)\b" % "|".join(rules.NON_TRANSFER_CUES), re.IGNORECASE)
_ATTRIBUTION: dict[str, str] = dict(rules.ATTRIBUTION_VERBS)
_PHRASE_STARTS = frozenset(phrase[0] for phrase in rules.ATTRIBUTION_PHRASES)
# Role markers as a table of word tuples (the first listed wins), and the words
# they can end on, so a lookback tests only the places a marker can end.
_MARKER_TABLE: dict[tuple[str, ...], str] = {}
for _words, _role in rules.ROLE_MARKERS:
    _MARKER_TABLE.setdefault(_words, _role)
_MARKER_LAST_WORDS = frozenset(words[-1] for words in _MARKER_TABLE)
_MARKER_SIZE = max(len(words) for words in _MARKER_TABLE)
_ORIGIN_SUFFIX = re.compile(r"-(?=(?:%s)\b)" % "|".join(rules.ORIGIN_SUFFIXES), re.IGNORECASE)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’]+(?:[ /-][A-Z][A-Z.'’]+)*(?:,\s*[A-Z][\w.]+(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,30}\)\s*)?"
    r"|\([A-Z][\w ]{1,30}\)\s*)[-–—:]\s+"
)
_ACTORS = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % trie_pattern(name for name, _, _ in rules.NON_STATE_ACTORS))
_ACTOR_BY_NAME = {name: (actor, code) for name, actor, code in rules.NON_STATE_ACTORS}
_KNOWN_CLAIMANTS = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % trie_pattern(alias for alias, _, _ in rules.KNOWN_CLAIMANTS))
_CLAIMANT_BY_ALIAS = {alias: (name, code) for alias, name, code in rules.KNOWN_CLAIMANTS}
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
# A semicolon ends a sentence too: "Blinken says ...; Tehran denies" holds two claims.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])[\"”’')]*\s+(?=[\"“‘'(]*[A-Z0-9])|(?<=;)\s+)")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Sen|Rep|Gov|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|vs|approx|est)\.|\b(?:[A-Z]\.){1,3})$"
)
_COMPANY_WORDS = frozenset(
    {"companies", "company", "firms", "firm", "manufacturers", "manufacturer", "makers",
     "maker", "producers", "producer", "traders", "dealers", "brokers", "entities", "factories",
     "plants", "plant", "exporters", "exporter", "suppliers", "industry", "contractors"}
)
_CLAUSE_BREAKS = frozenset({";", ":", "\"", "“", "”", "that", "how", "whether", "which", "who", "while", "but", "although", "because", "after", "before", "when", "as", "since"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "some", "two", "three", "several"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_MEDIA_HEADS = frozenset(
    {"paper", "newspaper", "daily", "broadcaster", "magazine", "outlet", "site", "website",
     "weekly", "tabloid", "channel", "network", "journal", "publication", "reporters", "journalists"}
)
_POSSESSIVE_WORDS = frozenset({"its", "their", "his", "her", "latest", "new", "own", "the"})
_COORDINATION = frozenset({"and", "both", ",", "as", "well", "together", "jointly", "also"})
_PERSON_NAME = re.compile(r"\b([A-Z][a-z’'\-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-z’'\-]+){1,3})\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


# --------------------------------------------------------------------------- sentences and tokens


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; a line break always ends a sentence."""
    found: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        _split_line(line, offset, found)
        offset += len(line) + 1
    return found


def _split_line(line: str, offset: int, found: list[Sentence]) -> None:
    cursor = 0
    for match in _SENTENCE_END.finditer(line):
        if _ABBREVIATIONS.search(line, cursor, match.start()):
            continue
        _add_sentence(found, line, cursor, match.start(), offset)
        cursor = match.end()
    _add_sentence(found, line, cursor, len(line), offset)


def _cue_pattern(words: Iterable[str]) -> str:
    exact = [w for w in words if not w.endswith("*")]
    stems = [w.rstrip("*") for w in words if w.endswith("*")]
    parts = [f"(?:{trie_pattern(exact)})(?![\\w'’-])"] if exact else []
    if stems:
        parts.append(f"(?:{trie_pattern(stems)})[\\w'’-]*")
    return "|".join(parts)


_TRIGGER_WORDS = (*rules.SENDER_VERBS, *rules.RECEIVER_VERBS, *rules.TRANSFER_NOUNS, *rules.SEIZURE_VERBS, *rules.GOODS_VERBS, *rules.USER_VERBS)
_DENIAL_WORDS = tuple(verb for verb, stance in rules.ATTRIBUTION_VERBS if stance == "denied")
# One scan of the lower-cased article finds every transfer word (group t) and
# denial word (group d); the rest of the extractor only sees sentences with one.
_CUE_SCAN = re.compile(
    r"(?<![\w'’-])(?:(?P<t>%s)|(?P<d>%s))" % (_cue_pattern(_TRIGGER_WORDS), _cue_pattern(_DENIAL_WORDS))
)
_TRIGGER_CUE, _DENIAL_CUE = 1, 2


def candidate_sentences(text: str) -> Iterator[tuple[Sentence, int]]:
    """Sentences with a transfer or denial word, and their cue flags (1 transfer, 2 denial).

    Paragraphs without a cue are never split into sentences: for most of a
    news feed the whole cost is one compiled scan.
    """
    cues = [(m.start(), _TRIGGER_CUE if m.lastgroup == "t" else _DENIAL_CUE) for m in _CUE_SCAN.finditer(_lowered(text))]
    if not cues:
        return
    starts = [position for position, _ in cues]
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        first = bisect_left(starts, offset)
        if first < len(starts) and starts[first] < end:
            found: list[Sentence] = []
            _split_line(line, offset, found)
            for sentence in found:
                low, high = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
                flags = 0
                for _, flag in cues[low:high]:
                    flags |= flag
                if flags:
                    yield sentence, flags
        offset = end + 1


def _add_sentence(found: list[Sentence], line: str, start: int, end: int, offset: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = offset + start + lead
    # A "sentence" longer than any real one (hostile or broken text) is read in
    # pieces cut at a comma or space, so no input makes the rules slow.
    while len(stripped) > MAX_SENTENCE_CHARS:
        cut = max(stripped.rfind(", ", 0, MAX_SENTENCE_CHARS), stripped.rfind(" ", 0, MAX_SENTENCE_CHARS))
        cut = cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
        head = stripped[:cut].rstrip()
        found.append(Sentence(head, begin, begin + len(head), begin))
        rest = stripped[cut:]
        begin += cut + (len(rest) - len(rest.lstrip()))
        stripped = rest.strip()
    if stripped:
        # index orders sentences within the article: their start offset does.
        found.append(Sentence(stripped, begin, begin + len(stripped), begin))


# Real sentences stay well under this; the rules are linear-ish up to it.
MAX_SENTENCE_CHARS = 1_000


@dataclass
class Token:
    text: str
    low: str
    start: int  # offset inside the sentence
    end: int
    kind: str  # word, punct, country, actor
    code: str = ""
    mention_kind: str = ""  # for countries: name, demonym, capital, seat...
    actor: str = ""
    possessive: bool = False
    origin_suffix: bool = False  # "Serbia-made"
    hyphenated: bool = False  # "Soviet-calibre"


def tokenize(text: str) -> list[Token]:
    """Words, punctuation, and countries / non-state actors as single tokens."""
    analysed = _DATELINE.sub(lambda m: " " * len(m.group(0)), text, count=1)
    # "Serbia-made": let the country match by hiding the hyphen (same length).
    analysed = _ORIGIN_SUFFIX.sub(" ", analysed)
    spans: list[tuple[int, int, Token]] = []
    for match in _ACTORS.finditer(analysed):
        actor, code = _ACTOR_BY_NAME[match.group(0)]
        spans.append((match.start(), match.end(), Token(match.group(0), match.group(0).lower(), match.start(), match.end(), "actor", code, "actor", actor)))
    taken = [(s, e) for s, e, _ in spans]
    for mention in countries.mentions(analysed):
        if any(s < mention.end and mention.start < e for s, e in taken):
            continue
        spans.append((mention.start, mention.end, Token(mention.text, mention.text.lower(), mention.start, mention.end, "country", mention.code, mention.kind)))
    spans.sort(key=lambda item: item[0])
    tokens: list[Token] = []
    cursor = 0
    for start, end, token in spans:
        if start < cursor:
            continue
        _word_tokens(analysed, cursor, start, tokens)
        tail = analysed[end : end + 2]
        if tail in ("'s", "’s") or tail[:1] in ("'", "’") and not tail[1:2].isalnum():
            token.possessive = True
            end += 2 if tail[1:2] == "s" else 1
        if text[token.end : token.end + 1] == "-":
            if _ORIGIN_SUFFIX.match(text, token.end):
                token.origin_suffix = True  # "Serbia-made"
            else:
                token.hyphenated = True  # "Soviet-calibre", "Saudi-led": describes, names no party
                suffix = re.match(r"-[\w-]+", text[token.end :])
                if suffix:
                    end = token.end + suffix.end()
        tokens.append(token)
        cursor = end
    _word_tokens(analysed, cursor, len(analysed), tokens)
    return tokens


def _word_tokens(text: str, start: int, end: int, out: list[Token]) -> None:
    for match in _TOKEN.finditer(text, start, end):
        word = match.group(0)
        kind = "word" if word[0].isalnum() or word[0] == "_" else "punct"
        out.append(Token(word, word.lower(), match.start(), match.end(), kind))


# --------------------------------------------------------------------------- one sentence


@dataclass
class Frame:
    """What one sentence says about one transfer, before merging."""

    sentence: Sentence
    origins: list[Token] = field(default_factory=list)
    destinations: list[Token] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    claimant: str = ""
    claimant_text: str = ""
    claimant_country: str = ""
    claimant_rank: int = 0
    stance: str = ""
    negated: bool = False
    items: str = ""
    weapon_categories: list[str] = field(default_factory=list)
    quantity: float | None = None
    claim_date: str = ""
    date_precision: str = ""
    date_text: str = ""
    origin_actor: str = ""
    destination_actor: str = ""
    trigger_is_verb: bool = False
    kind: str = ""  # sender, receiver, goods, seizure, user, noun
    confidence: float = 0.4
    route_text: str = ""


def _is_trigger(token: Token, before: str = "") -> str:
    if token.kind != "word":
        return ""
    if token.low in ("delivery", "deliveries") and before in ("taken", "took", "take", "takes", "taking"):
        return "receiver"  # "Moscow had taken delivery of missiles"
    if token.low == "way" and before in ("their", "its"):
        return "goods"  # "weapons were making their way to ..."
    kind = _trigger_cache.get(token.low)
    if kind is None:
        kind = _trigger_kind(token.low)
        if len(_trigger_cache) < 200_000:
            _trigger_cache[token.low] = kind
    if kind == "sender" and before in _NOUN_BEFORE:
        return "noun"  # "the arms transfer", "weapons supplies": a noun, not a verb
    return kind


# Words after which a transfer word is a noun ("the transfer", "arms exports").
_NOUN_BEFORE = frozenset(
    """the a an its their his her this that these those such any arms weapons weapon
    military ammunition drone missile further new first latest recent future""".split()
)


_trigger_cache: dict[str, str] = {}


def _trigger_kind(word: str) -> str:
    """The kind of transfer word ``word`` is, in the order the kinds are tried."""
    for kind, pattern in ((("seizure", _SEIZURE), ("goods", _GOODS), ("user", _USER), ("sender", _SENDER), ("receiver", _RECEIVER), ("noun", _NOUN))):
        if pattern.match(word):
            return kind
    return ""


_PLACE_ADJECTIVE = re.compile(r"^[a-z]+-(?:based|backed|led|aligned|controlled|held|run|owned)$")


def _is_transparent(token: Token) -> bool:
    """A word that may stand between a marker or verb and its country ("the eastern-based")."""
    return token.low in rules.TRANSPARENT_WORDS or bool(_PLACE_ADJECTIVE.match(token.low))


def _marker_role(tokens: list[Token], index: int) -> tuple[str, int]:
    """Role given by the nearest marker before ``tokens[index]``, and the marker's index."""
    position = index - 1
    while position >= 0:
        token = tokens[position]
        if token.low in _MARKER_LAST_WORDS:
            # Longest marker first, as rules.ROLE_MARKERS lists specific before general.
            for size in range(min(_MARKER_SIZE, position + 1), 0, -1):
                words = tuple(t.low for t in tokens[position - size + 1 : position + 1])
                role = _MARKER_TABLE.get(words)
                if role is not None:
                    return role, position - size + 1
        if token.kind in ("country", "actor") or _is_transparent(token):
            position -= 1
            continue
        return "", -1
    return "", -1


def _clause_start(tokens: list[Token], index: int, stops: set[int]) -> int:
    position = index - 1
    while position >= 0:
        if tokens[position].low in _CLAUSE_BREAKS or position in stops:
            return position + 1
        position -= 1
    return 0


def _lowered(text: str) -> str:
    """Lower-cased text with the same offsets (a few characters change length when lowered)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _weapon_matches(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _WEAPON_CATEGORY[m.lastgroup or ""]) for m in _WEAPON_SCAN.finditer(_lowered(text))]


def _number_before(text: str, position: int) -> float | None:
    head = text[max(0, position - 40) : position].lower()
    match = re.search(
        r"(?:(?<![\w.-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)|\b(a dozen|dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred))"
        r"(?:\s+(thousand|million|billion))?(?:\s+(?:more|new|additional|[a-z]+-?made|used|old|modern|[A-Z][\w-]*))?\s*$",
        head,
    )
    if not match:
        return None
    if match.group(1):
        number = float(match.group(1).replace(",", ""))
        if 1900 <= number <= 2100 and not match.group(3):
            return None  # a year, not a count
    else:
        number = rules.NUMBER_WORDS[match.group(2)]
    if match.group(3):
        number *= rules.MULTIPLIERS[match.group(3)]
    return number


class RuleExtractor:
    """The default extractor: ordered rules from :mod:`flows.rules`, no model."""

    name = NAME
    version = VERSION

    @property
    def method(self) -> str:
        return f"{self.name} {self.version}"

    def extract(self, article: Article) -> list[Claim]:
        text = article.full_text
        published = _parse_iso(article.published)
        frames: list[Frame] = []
        denials: list[Frame] = []
        last_claimant: tuple[str, str, int] | None = None
        last_country, last_end = "", 0
        people: dict[str, tuple[str, str]] | None = None
        home = _dateline_country(text)
        for sentence, cues in candidate_sentences(text):
            has_trigger = bool(cues & _TRIGGER_CUE)
            has_denial = bool(cues & _DENIAL_CUE)
            has_weapon = has_trigger and (
                _WEAPON_SCAN.search(_lowered(sentence.text)) is not None
                # Once an article is about arms, "firms in India provided $51 million"
                # continues it without naming a weapon again.
                or bool(frames)
            )
            if not (has_trigger and has_weapon) and not has_denial:
                continue
            tokens = tokenize(sentence.text)
            attribution = _attribution(tokens, sentence.text, last_claimant)
            if last_claimant is None and attribution.wants_antecedent:
                # "It said ...": the claimant was named in a sentence not read yet.
                last_claimant = _earlier_claimant(text, sentence.start)
                if last_claimant is not None:
                    attribution = _attribution(tokens, sentence.text, last_claimant)
            if attribution.claimant and not attribution.country and (attribution.rank in (1, 2) or attribution.needs_country):
                if people is None:
                    people = _people(text)
                # A quote right after a lead speaks for the lead's country; else the dateline's.
                adjacent = last_country if text[last_end : sentence.start].strip() == "" else ""
                attribution = _known_person(attribution, people, adjacent, home)
            if attribution.claimant and attribution.rank >= 1:
                last_claimant = (attribution.claimant, attribution.country, attribution.rank)
            if attribution.country:
                last_country, last_end = attribution.country, sentence.end
            found = _read_sentence(sentence, tokens, attribution, published, article) if has_trigger and has_weapon else []
            frames.extend(found)
            if any(f.origins and f.destinations for f in found):
                continue
            if any(f.negated for f in found) and attribution.claimant:
                # "He insisted that no Iranian drones had been sent since": a denial
                # of the flow the article is about, though it names no recipient.
                has_denial, attribution = True, replace(attribution, stance="denied")
            if has_denial and attribution.stance == "denied" and attribution.claimant and _denies_a_transfer(tokens, found):
                # "Tehran has long rejected charges ...": a denial of a flow named earlier.
                for claimant, country in attribution.all_claimants():
                    frame = Frame(sentence)
                    _fill_attribution(frame, replace(attribution, claimant=claimant, country=country), sentence, tokens, published, article)
                    denials.append(frame)
        _carry_dates(frames)
        return _merge(frames, denials, article, self.method)


_DENIED_THINGS = frozenset(
    {"accusation", "accusations", "allegation", "allegations", "claim", "claims", "charge", "charges",
     "report", "reports", "account", "findings", "assessment", "suggestions", "rumour", "rumours",
     "trade", "deal", "deals", "embargo", "support", "involvement", "role"}
)


def _denies_a_transfer(tokens: list[Token], frames: list[Frame]) -> bool:
    """A bare denial answers a transfer claim only when it says what it denies:
    an accusation or report ("rejected the accusation"), or a transfer ("denied
    arming"); "..., which Addis Ababa denies" may deny anything."""
    return bool(frames) or any(t.low in _DENIED_THINGS for t in tokens) or any(
        _is_trigger(t) in ("sender", "receiver", "noun") for t in tokens
    )


def _earlier_claimant(text: str, before: int) -> tuple[str, str, int] | None:
    """The last named claimant in the three sentences before ``before``.

    "The panel said ...": when the sentences that named the panel had no
    transfer word, the extractor has not read them yet.
    """
    earlier = split_sentences(text[max(0, before - 1500) : before])[-3:]
    for sentence in reversed(earlier):
        tokens = tokenize(sentence.text)
        found = _attribution(tokens, sentence.text, None)
        if found.claimant and found.rank >= 1:
            return found.claimant, found.country, found.rank
    return None


def _carry_dates(frames: list[Frame]) -> None:
    """A claimant's later sentences ("The report also said ...") keep the date it was dated by."""
    dated: dict[str, tuple[str, str, str]] = {}
    for frame in frames:
        if frame.claimant_rank < 0:
            continue
        if frame.date_text:
            dated[frame.claimant] = (frame.claim_date, frame.date_precision, frame.date_text)
        elif frame.claimant in dated:
            frame.claim_date, frame.date_precision, frame.date_text = dated[frame.claimant]


# --------------------------------------------------------------------------- people


def _dateline_country(text: str) -> str:
    """The country of the dateline city ("KYIV - ..."), or ""."""
    for line in text.split("\n")[:3]:
        match = _DATELINE.match(line)
        if match:
            place = re.split(r"[/,(-]", match.group(0))[0].strip()
            code = countries.resolve(place.title())
            if code and countries.is_state(code):
                return code
    return ""


def _people(text: str) -> dict[str, tuple[str, str]]:
    """Surname -> (full name, country) for people introduced with their country.

    "Ukrainian President Volodymyr Zelenskiy", "US Secretary of State Antony
    Blinken": a later "Blinken said" is then Antony Blinken, of the USA.
    """
    found: dict[str, tuple[str, str]] = {}
    for match in _PERSON_NAME.finditer(text):
        words = match.group(1).split()
        if words[0] in ("The", "A", "An"):
            continue  # "The Intercept" is an outlet, not a person
        country = ""
        while words and (words[0].lower().strip(".") in rules.TITLES or countries.resolve(words[0])):
            code = countries.resolve(words[0])
            if code and countries.is_state(code):
                country = code
            words = words[1:]
        if len(words) < 2 or any(countries.resolve(w) for w in words):
            continue
        if not country:
            head = text[max(0, match.start() - 40) : match.start()]
            head = re.split(r"[.!?;,\n]\s", head)[-1]  # the title just before the name only
            before = [(m.start, m.code) for m in countries.mentions(head) if countries.is_state(m.code)]
            before += [(m.start(), _ACTOR_BY_NAME[m.group(0)][1]) for m in _ACTORS.finditer(head)]
            country = max(before)[1] if before else ""  # "Wagner's founder Yevgeny Prigozhin": Russia
        if country:
            found.setdefault(words[-1], (" ".join(words), country))
    return found


def _known_person(
    attribution: Attribution,
    people: dict[str, tuple[str, str]],
    last_country: str,
    home: str,
) -> Attribution:
    """Give a claimant without a country the one the article gives that person.

    Failing that, a named person speaks for the country of the claimant just
    before (a quote after a lead) or of the dateline.
    """
    words = attribution.claimant.split()
    if words and words[-1] in people:
        name, country = people[words[-1]]
        return replace(attribution, claimant=name, country=country, rank=2)
    if words and words[-1] in _PUBLIC_FIGURES:
        name, country = _PUBLIC_FIGURES[words[-1]]
        return replace(attribution, claimant=name, country=country, rank=2)
    if attribution.rank == 2 or attribution.needs_country:
        return replace(attribution, country=last_country or home)
    return attribution


_PUBLIC_FIGURES = {surname: (name, code) for surname, name, code in rules.PUBLIC_FIGURES}


# --------------------------------------------------------------------------- attribution


@dataclass
class Attribution:
    claimant: str = ""
    text: str = ""
    country: str = ""
    rank: int = 0  # 3 known body/acronym, 2 person, 1 phrase, 0 country name, -1 none
    stance: str = ""
    verb_index: int = -1
    claimant_indexes: set[int] = field(default_factory=set)
    # "Moscow and Pyongyang have both denied": more states speaking together.
    also: tuple[tuple[str, str], ...] = ()
    # "It said", "the agency added" with no claimant named before: look further back.
    wants_antecedent: bool = False
    # "the Ministry of Defence said" with no country beside it: the article's country.
    needs_country: bool = False

    def all_claimants(self) -> list[tuple[str, str]]:
        return [(self.claimant, self.country), *self.also]


def _attribution(tokens: list[Token], text: str, last: tuple[str, str, int] | None) -> Attribution:
    """Who says so in this sentence, and how (said, accused, denied...)."""
    verbs = [i for i, t in enumerate(tokens) if t.kind == "word" and t.low in _ATTRIBUTION]
    # "according to X", "a report by X"
    for i in range(len(tokens)):
        if tokens[i].low not in _PHRASE_STARTS:
            continue
        for phrase in rules.ATTRIBUTION_PHRASES:
            size = len(phrase)
            if all(i + k < len(tokens) and tokens[i + k].low == w for k, w in enumerate(phrase)):
                end = i + size
                stop = end
                while stop < len(tokens) and tokens[stop].low not in {",", ".", ";", ":", "that"} and stop - end < 10:
                    stop += 1
                found = _name_claimant(tokens, end, stop, text, last)
                if found.claimant:
                    found.stance = "reported" if phrase[0] != "according" else "said"
                    found.verb_index = i
                    return found
    best = Attribution(rank=-1)
    for index in verbs:
        stance = _ATTRIBUTION[tokens[index].low]
        span = _subject_span(tokens, index)
        if span is not None:
            found = _name_claimant(tokens, span[0], span[1], text, last)
        elif index + 1 < len(tokens):
            # Inverted: '..., said the ministry' / 'said Peskov'
            stop = index + 1
            while stop < len(tokens) and tokens[stop].low not in {",", ".", ";", "that"} and stop - index < 8:
                stop += 1
            found = _name_claimant(tokens, index + 1, stop, text, last)
        else:
            found = Attribution()
        if tokens[index].low in ("told", "tell", "tells") and index + 1 < len(tokens):
            outlet = _KNOWN_CLAIMANTS.match(text, tokens[index + 1].start)
            if outlet and not _CLAIMANT_BY_ALIAS[outlet.group(0)][1]:
                # "sources familiar with the sales told Reuters": the outlet reports.
                found = Attribution(_CLAIMANT_BY_ALIAS[outlet.group(0)][0], outlet.group(0), "", 3, "reported", index, {index + 1})
        if not found.claimant and best.rank >= 0 and index > 0 and tokens[index - 1].low == "and":
            # "the UAE said ... and denied arming either side": the same subject.
            found = replace(best, claimant_indexes=set(best.claimant_indexes))
        if found.claimant:
            found.stance = stance
            found.verb_index = index
            # Prefer a stronger verb (accused, denied, confirmed) over "said", and
            # "said" over a finding verb ("found", "showed"), which only stands in
            # when nobody speaks.
            if best.rank < 0 or _VERB_STRENGTH[stance] > _VERB_STRENGTH[best.stance]:
                best = found
    wanted = any(
        _name_claimant(tokens, *span, text, None).wants_antecedent
        for index in verbs if (span := _subject_span(tokens, index)) is not None
    ) if best.rank < 0 and last is None else False
    accuser = _accusation_agent(tokens, text, last)
    if accuser.claimant and (best.rank < 0 or best.stance == "said"):
        return accuser
    return best if best.rank >= 0 else Attribution(wants_antecedent=wanted)


_VERB_STRENGTH = {"reported": 0, "said": 1, "alleged": 2, "confirmed": 2, "denied": 2}
_ACCUSING_VERBS = frozenset({"made", "make", "makes", "levelled", "leveled", "raised", "repeated", "voiced"})


def _accusation_agent(tokens: list[Token], text: str, last: tuple[str, str, int] | None) -> Attribution:
    """The agent of an accusation noun: "after SVR made similar accusations", "allegations by X"."""
    for i, token in enumerate(tokens):
        if token.low not in rules.ACCUSATION_NOUNS or token.low == "claims":
            continue
        if i + 2 < len(tokens) and tokens[i + 1].low in ("by", "from"):
            found = _name_claimant(tokens, i + 2, min(len(tokens), i + 8), text, last)
        else:
            verb = i - 1
            while verb >= 0 and tokens[verb].low not in _ACCUSING_VERBS and i - verb <= 4:
                verb -= 1
            if verb < 1 or tokens[verb].low not in _ACCUSING_VERBS:
                continue
            start = max(_clause_start(tokens, verb, set()), verb - 6)
            found = _name_claimant(tokens, start, verb, text, last)
        if found.claimant and found.rank >= 0:
            found.stance = "alleged"
            found.verb_index = i
            return found
    return Attribution()


_BEFORE_VERB = frozenset(
    """yesterday today also again earlier later previously repeatedly has have had long both
    reportedly publicly officially recently separately formally now then further""".split()
)
_SEGMENT_BREAKS = _CLAUSE_BREAKS | {",", "."}


def _segment_before(tokens: list[Token], end: int) -> int:
    """Start of the run of tokens before ``end`` that holds no comma or clause break."""
    start = end
    while start > 0 and tokens[start - 1].low not in _SEGMENT_BREAKS:
        start -= 1
    return start


def _subject_span(tokens: list[Token], verb: int) -> tuple[int, int] | None:
    """The subject of an attribution verb, or None when the subject follows it.

    "X said" -> X; "the agency, the SVR, said" -> both parts of the apposition;
    "..., said the ministry" (a comma or quote right before the verb) -> None.
    """
    end = verb
    while end > 0 and tokens[end - 1].low in _BEFORE_VERB:
        end -= 1
    if end == 0:
        return None
    if tokens[end - 1].low in ("which", "who") and end >= 3 and tokens[end - 2].low == ",":
        # "Tehran, which admitted this month that ...": the subject is before the comma.
        start = _segment_before(tokens, end - 2)
        return (start, end - 2) if start < end - 2 else None
    if tokens[end - 1].low in _SEGMENT_BREAKS:
        inner_end = end - 1
        inner_start = _segment_before(tokens, inner_end)
        if 0 < inner_end - inner_start <= 10 and inner_start > 0 and tokens[inner_start - 1].low == ",":
            outer_start = _segment_before(tokens, inner_start - 1)
            if 0 < inner_start - 1 - outer_start <= 8:
                return outer_start, inner_end
        return None
    start = max(_segment_before(tokens, end), end - 10)
    return (start, end) if start < end else None


def _name_claimant(tokens: list[Token], start: int, stop: int, text: str, last: tuple[str, str, int] | None) -> Attribution:
    """Pick the claimant named between ``tokens[start:stop]``; most specific first."""
    if start >= stop:
        return Attribution()
    span_start, span_end = tokens[start].start, tokens[stop - 1].end
    span = text[span_start:span_end]
    indexes = set(range(start, stop))
    country = ""
    # "the UN special rapporteur on human rights in Myanmar" speaks for the UN:
    # a country after a preposition is the topic, not the speaker's country.
    # ("officials in Seoul" do speak for South Korea: "in" names a topic only
    # inside a topic phrase, "on human rights in Myanmar".)
    speaking = []
    topic = False
    for n in range(start, stop):
        token = tokens[n]
        if token.low in _TOPIC_PREPOSITIONS and token.low != "in":
            topic = True
        if token.kind == "country" and not (n > start and (tokens[n - 1].low in _TOPIC_PREPOSITIONS - {"in"} or (topic and tokens[n - 1].low == "in"))):
            speaking.append(token)
    country_tokens = [t for t in speaking if countries.is_state(t.code)]
    if speaking and not countries.is_state(speaking[0].code) and speaking[0].code != "XXX":
        country = speaking[0].code
    elif country_tokens:
        country = country_tokens[-1].code
    # "Iran's mission to the United Nations" speaks for Iran, not for the UN.
    known = [m for m in _KNOWN_CLAIMANTS.finditer(span) if not re.search(r"\b(?:to|at|with)(?: the)?\s*$", span[: m.start()])]
    if known:
        match = known[-1]
        name, code = _CLAIMANT_BY_ALIAS[match.group(0)]
        needs_country = False
        if "{country}" in name:
            # A ministry or agency speaks for the country named beside it.
            code = code or country
            needs_country = not code
            name = name.replace("{country}", countries.name_of(code) if code else "").strip()
        return Attribution(name, span.strip(), code, 3, claimant_indexes=indexes, needs_country=needs_country)
    for match in reversed(list(_ACRONYM.finditer(span))):
        acronym = match.group(0)
        if countries.resolve(acronym) is None and acronym not in ("AP", "TV", "PM", "CEO"):
            return Attribution(acronym, span.strip(), country, 3, claimant_indexes=indexes)
    if any(t.low in _MEDIA_HEADS for t in tokens[start:stop]):
        country = ""  # "the US news site The Intercept" reports; it is no party
    for match in reversed(list(_PERSON_NAME.finditer(span))):
        if match.group(1).split()[0] in ("The", "A", "An"):
            continue
        # "Azerbaijani President Ilham Aliyev" -> "Ilham Aliyev": titles and
        # demonyms before a name are not part of it.
        name_words = match.group(1).split()
        while name_words and (name_words[0].lower().strip(".") in rules.TITLES or countries.resolve(name_words[0])):
            name_words = name_words[1:]
        name_words = [w for w in name_words if w.lower().strip(".") not in rules.TITLES]
        name = " ".join(name_words)
        if len(name_words) >= 2 and countries.resolve(name) is None and not any(countries.resolve(w) for w in name_words):
            return Attribution(name, span.strip(), country, 2, claimant_indexes=indexes)
    words = [t for t in tokens[start:stop] if t.kind != "punct"]
    while words and words[0].low in {"in", "on", "a", "an", "statement", "posted", "website"}:
        words = words[1:]
    words = [t for t in words if t.low not in _BEFORE_VERB]
    # "Lawmakers who attended" -> "Lawmakers"; "North Korea on Tuesday" -> "North Korea".
    for cut, token in enumerate(words):
        if token.low in ("who", "which", "that", "whose"):
            words = words[:cut]
            break
    while words and (words[-1].low in _TIME_WORDS or words[-1].low in ("on", "at")):
        words = words[:-1]
    if not words:
        return Attribution()
    if not words:
        return Attribution()
    heads = [t.low for t in words if t.kind == "word"]
    states = [t for t in words if t.kind == "country" and t.mention_kind in ("name", "capital", "seat", "historic")]
    if states and all(t.kind == "country" or t.low in _COORDINATION or t.low == "the" or t.low.endswith("ly") for t in words):
        named = [(countries.name_of(t.code), t.code) for t in _unique(states)]
        return Attribution(named[0][0], span.strip(), named[0][1], 0, claimant_indexes=indexes, also=tuple(named[1:]))
    # "it", "the agency", "its latest report to the Security Council": the last
    # named claimant (the words before a preposition decide).
    core = list(itertools.takewhile(lambda word: word not in _TOPIC_PREPOSITIONS | {"of"}, heads))
    if heads and not country_tokens and (
        heads[0] in _PRONOUNS
        or (heads[0] in ("the", "its", "their", "his", "her")
            and all(h in rules.GENERIC_CLAIMANTS or h in _DETERMINERS or h in _POSSESSIVE_WORDS for h in core)
            and any(h in rules.GENERIC_CLAIMANTS for h in core))
    ):
        # "it", "the agency", "the ministry": the last named claimant.
        if last is not None:
            return Attribution(last[0], span.strip(), last[1], last[2], claimant_indexes=indexes)
        return Attribution(wants_antecedent=True)
    if not heads and not country_tokens:
        return Attribution()
    if any(t.low in _MEDIA_HEADS for t in words):
        country = ""  # "the German newspaper Die Welt" reports; it is no party
    if len(words) > 8 or any(_is_trigger(t) or t.low in _ATTRIBUTION for t in words):
        return Attribution()  # a clause, not a name: "Iran had not delivered missiles to Russia and"
    shown = words[1:] if words[0].low in ("the", "a", "an") and len(words) > 1 else words
    phrase = " ".join(t.text + ("'s" if t.possessive else "") for t in shown).strip()
    phrase = phrase[:1].upper() + phrase[1:]
    if len(phrase) > 80 or not any(t.text[:1].isupper() or t.low in _SOURCE_NOUNS for t in words) and not country_tokens:
        return Attribution()  # "the equipment said"? a lower-case phrase names no one
    return Attribution(phrase, span.strip(), country, 1, claimant_indexes=indexes)


# --------------------------------------------------------------------------- roles


def _read_sentence(
    sentence: Sentence,
    tokens: list[Token],
    attribution: Attribution,
    published: date | None,
    article: Article,
) -> list[Frame]:
    """One frame per transfer verb of the sentence (or its first transfer noun)."""
    triggers = [(i, kind) for i, t in enumerate(tokens) if (kind := _is_trigger(t, tokens[i - 1].low if i else ""))]
    # "to Y, which then sent them to Z" continues the first transfer: not a new one.
    verbs = [
        (i, k) for i, k in triggers
        if k != "noun" and not any(t.low in ("which", "who") for t in tokens[max(0, i - 3) : i])
    ]
    # "sold and shipped": coordinated verbs are one transfer; keep the last.
    verbs = [
        (i, k) for n, (i, k) in enumerate(verbs)
        if not (n + 1 < len(verbs) and all(t.low in {"and", "or", ","} for t in tokens[i + 1 : verbs[n + 1][0]]))
    ]
    chosen = verbs or triggers[:1]
    frames: list[Frame] = []
    previous: tuple[Frame, int] | None = None
    for n, (index, kind) in enumerate(chosen):
        low = chosen[n - 1][0] + 1 if n > 0 else 0
        high = chosen[n + 1][0] if n + 1 < len(chosen) else len(tokens)
        frame = _read_trigger(sentence, tokens, attribution, published, article, index, kind, low, high)
        if frame is None:
            continue
        if previous is not None and previous[0].negated == frame.negated:
            first = previous[0]
            if first.destinations and not first.origins and frame.origins and not frame.destinations:
                # "using Leopard tanks supplied by Germany": the supplier of what is used.
                first.origins = frame.origins
                _fill_attribution(first, attribution, sentence, tokens, published, article, previous[1])
                continue
            if first.origins and not first.destinations and frame.kind == "goods" and frame.destinations and not frame.origins:
                # "shells, bought from South Korea, arrived in Poland": one transfer.
                first.destinations = frame.destinations
                first.via = [*first.via, *frame.via]
                _fill_attribution(first, attribution, sentence, tokens, published, article, previous[1])
                continue
        if previous is not None and _continues(tokens, previous, frame, index):
            # "exported by France to the Emirates and then transferred to the RSF":
            # one route, with the first recipient as an intermediary.
            first = previous[0]
            first.via = [*first.via, CHAIN_SEPARATOR.join(t.code for t in first.destinations)]
            first.destinations = frame.destinations
            continue
        if not any(_same_route(frame, other) for other in frames):
            frames.append(frame)
            previous = (frame, index)
    # Using arms claims a transfer only when their foreign origin is named.
    return [frame for frame in frames if frame.kind != "user" or frame.origins]


def _nearest_group(tokens: list[Token], start: int, trigger: int, exclude: set[int]) -> set[int]:
    """The countries that make up the subject just before a verb, with those coordinated.

    In "US officials believe Iran was smuggling", Iran is the subject of
    "smuggling" and the US is not; in "Bulgaria and the Czech Republic ...
    supply", both are.
    """
    group: set[int] = set()
    position = trigger - 1
    while position >= start:
        token = tokens[position]
        if token.kind in ("country", "actor") and position not in exclude and not token.hyphenated and countries.is_state(token.code):
            group.add(position)
        elif group and token.low not in _COORDINATION and not _is_transparent(token):
            break
        position -= 1
    return group


def _first_group(tokens: list[Token], start: int, trigger: int, exclude: set[int]) -> set[int]:
    """The first countries of a clause (its subject), with those coordinated with them."""
    group: set[int] = set()
    for position in range(start, trigger):
        token = tokens[position]
        if token.kind in ("country", "actor") and position not in exclude and not token.hyphenated and not token.possessive and countries.is_state(token.code):
            group.add(position)
        elif group and token.low not in _COORDINATION and not _is_transparent(token):
            break
    return group


def _continues(tokens: list[Token], previous: tuple[Frame, int], frame: Frame, index: int) -> bool:
    first, first_index = previous
    if frame.origins or not frame.destinations or len(first.destinations) != 1:
        return False
    between = {t.low for t in tokens[first_index + 1 : index]}
    return bool(between & rules.CHAIN_WORDS) and not (
        {t.code for t in frame.destinations} & {t.code for t in first.origins + first.destinations}
    )


def following_word(tokens: list[Token], position: int) -> str:
    return tokens[position + 1].low if position + 1 < len(tokens) else ""


# Lower-case nouns that do name a claimant: "diplomats said", "investigators found".
_SOURCE_NOUNS = frozenset(
    {"officials", "diplomats", "sources", "investigators", "analysts", "experts", "researchers",
     "monitors", "lawmakers", "activists", "witnesses", "commanders", "prosecutors", "inspectors"}
)
_TOPIC_PREPOSITIONS = frozenset({"in", "on", "to", "for", "about", "over", "at", "with", "against", "into"})
# "Ukraine's strongest supporters": the possessive is the one they supply.
_SUPPORTER_NOUNS = frozenset({"supplier", "suppliers", "supporter", "supporters", "backer", "backers", "donor", "donors", "arms-supplier"})
_RECEIVING_NOUNS = frozenset({"imports", "purchases", "arsenal", "arsenals", "stockpiles", "stocks", "needs", "inventory"})

# "Myanmar's military has imported ...": a state's own bodies act as the state.
_BODY_NOUNS = frozenset(
    {"military", "army", "government", "forces", "junta", "regime", "navy", "troops", "soldiers", "units", "crews", "pilots",
     "authorities", "defence", "defense", "armed", "air", "state"}
)


def _company_follows(tokens: list[Token], position: int) -> bool:
    """"Serbian defence companies", "Serbian arms makers": a maker names the origin."""
    return any(t.low in _COMPANY_WORDS for t in tokens[position + 1 : position + 4] if t.kind == "word")


def _weapon_follows(text: str, tokens: list[Token], position: int) -> bool:
    """A weapon term starts within the three words after ``tokens[position]``."""
    lowered = _lowered(text)
    for ahead in tokens[position + 1 : position + 4]:
        if ahead.kind != "word":
            return False
        if _WEAPON_SCAN.match(lowered, ahead.start):
            return True
    return False


def _passive_sender_before(tokens: list[Token], by_index: int) -> bool:
    """A sender participle or transfer noun shortly before "by": "supplied to the
    Houthis by Iran", "the transfer of weapons to Armenia by France"."""
    position = by_index - 1
    while position >= 0 and by_index - position <= 8:
        token = tokens[position]
        if _is_trigger(token, tokens[position - 1].low if position else "") in ("sender", "noun"):
            return True
        if not (
            token.kind in ("country", "actor")
            or _is_transparent(token)
            or token.low in ("to", "for", "into", "of")
            or _WEAPON_SCAN.fullmatch(token.low)
        ):
            return False
        position -= 1
    return False


def _same_route(one: Frame, other: Frame) -> bool:
    return {t.code for t in one.origins} == {t.code for t in other.origins} and {
        t.code for t in one.destinations
    } == {t.code for t in other.destinations}


def _read_trigger(
    sentence: Sentence,
    tokens: list[Token],
    attribution: Attribution,
    published: date | None,
    article: Article,
    index: int,
    kind: str,
    low: int,
    high: int,
) -> Frame | None:
    """The frame of one trigger; countries between ``low`` and ``high`` can take a role.

    A subject before ``low`` still counts ("North Korea has sold shells and
    says it sent ..." is not split from its subject by an earlier verb).
    """
    if _is_hedged(tokens, index):
        return None
    cue = _NON_TRANSFER.search(sentence.text)
    if cue and (kind == "noun" or abs(_token_at(tokens, cue.start()) - index) <= 5):
        return None
    negated = _is_negated(tokens, index)

    origins: list[Token] = []
    # Where the arms were made ("US-made", "Iranian drones") is the origin only
    # when no sender is named: Slovakia's "Soviet-made" jets come from Slovakia.
    weak_origins: list[Token] = []
    destinations: list[Token] = []
    via: list[tuple[int, Token]] = []
    exclude = attribution.claimant_indexes
    after_verb = low  # where the previous transfer verb's words end
    if 0 <= index < attribution.verb_index:
        high = min(high, attribution.verb_index)  # "..., Blinken said during a visit to London"  # where the previous transfer verb's words end
    if 0 <= attribution.verb_index < index:
        low = max(low, attribution.verb_index + 1)  # "Citing officials from the US, the paper said ..."
    subject_start = _clause_start(tokens, index, {attribution.verb_index} if attribution.verb_index < index else set())
    subject_group = _nearest_group(tokens, max(subject_start, low), index, exclude)
    if index > 0 and tokens[index - 1].low == "," and tokens[index].low.endswith("ing"):
        # "Poland has been one of Ukraine's strongest supporters, sending tanks":
        # the participle's subject is the clause's first one.
        subject_group = _first_group(tokens, max(subject_start, low), index, exclude)
    for position, token in enumerate(tokens):
        if token.kind not in ("country", "actor") or position in exclude or position >= high:
            continue
        if token.hyphenated or not countries.is_state(token.code):
            continue  # "Soviet-calibre shells"; NATO or the UN are no end of a route
        in_subject = subject_start <= position < index and position >= low and position in subject_group
        if position < low:
            continue  # before an earlier transfer verb: that verb's words
        role, marker_index = _marker_role(tokens, position)
        if role and after_verb <= position < index and after_verb > 0:
            continue  # "exported by France to the Emirates and then transferred": the earlier verb's
        if token.possessive and not role and following_word(tokens, position) not in _BODY_NOUNS:
            # "Turkey's drone exports": the owner of the transfer is its origin;
            # any other possessive ("Seoul's spies") names no end of the route.
            if _SUPPORTER_NOUNS & {t.low for t in tokens[position + 1 : position + 4]}:
                destinations.append(token)  # "Azerbaijan's main arms suppliers", "Ukraine's backers"
            elif kind == "receiver" and 0 < index - position <= 3:
                destinations.append(token)  # "India's arms imports from Russia"
            elif kind in ("sender", "noun") and 0 < index - position <= 3:
                origins.append(token)
            elif kind == "sender" and position > index and _RECEIVING_NOUNS & {t.low for t in tokens[position + 1 : position + 4]}:
                destinations.append(token)  # "supplied 69 percent of Azerbaijan's major arms imports"
            continue
        if role == "origin_passive":
            # "supplied by Iran", "were supplied to the Houthis by Iran": a sender
            # participle shortly before "by" makes its object the origin.
            role = "origin" if _passive_sender_before(tokens, marker_index) else ""
        if role == "destination" and position < index and kind != "noun":
            continue  # "belong to NATO ... and supply": a "to" before the trigger is another verb's
        if role == "via":
            via.append((position, token))
            continue
        if role == "origin":
            origins.append(token)
            continue
        if role == "destination":
            destinations.append(token)
            continue
        if token.origin_suffix:
            weak_origins.append(token)
            continue
        following = tokens[position + 1].low if position + 1 < len(tokens) else ""
        if token.kind == "country" and token.mention_kind == "demonym":
            if in_subject and kind in ("receiver", "user") and following in _BODY_NOUNS:
                destinations.append(token)  # "Ukrainian troops have begun using Leopard tanks"
            elif _company_follows(tokens, position):
                origins.append(token)  # "two Serbian companies sold"
            elif _weapon_follows(sentence.text, tokens, position):
                weak_origins.append(token)  # "Iranian close-range ballistic missiles"
            continue
        if in_subject and kind == "user":
            destinations.append(token)  # "Russia has used Iranian drones": Russia has them
            continue
        if in_subject and (kind in ("sender", "receiver") or (kind == "noun" and tokens[index].low.startswith("supplier"))):
            # "China is the main supplier of ...": an agent noun's subject sends;
            # "Azerbaijan complained about shipments" names no sender.
            (destinations if kind == "receiver" else origins).append(token)
            continue
        if position > index and kind == "sender" and all(
            _is_transparent(tokens[j]) or tokens[j].kind in ("country", "actor") for j in range(index + 1, position)
        ):
            destinations.append(token)  # "supplied Russia with drones"
    if attribution.country and kind in ("sender", "receiver") and _subject_is_claimant(tokens, index, attribution.verb_index):
        # "it had sent ...", "denied supplying ...": the claimant's own country acts.
        own = Token(attribution.text, attribution.text.lower(), 0, 0, "country", attribution.country, "name")
        if kind == "sender" and not origins:
            origins.append(own)
        elif kind == "receiver" and not destinations:
            destinations.append(own)
    if kind == "user" and not destinations:
        return None  # using arms is a transfer claim only with their foreign origin named
    origins = _unique(origins or weak_origins)
    destinations = _unique(destinations)
    if not origins and not destinations:
        return None

    frame = Frame(sentence)
    frame.trigger_is_verb = kind != "noun"
    frame.kind = kind
    frame.negated = negated
    frame.via = _via_routes(tokens, via)
    frame.route_text = sentence.text
    # "to Y, which then sent them to Z": every destination but the last is an intermediary.
    if len(destinations) > 1 and _has_chain_between(tokens, destinations):
        frame.via = [CHAIN_SEPARATOR.join(t.code for t in destinations[:-1])] + [v for v in frame.via]
        destinations = destinations[-1:]
    frame.origins = origins
    frame.destinations = destinations
    _fill_items(frame, sentence.text, tokens, index)
    _fill_attribution(frame, attribution, sentence, tokens, published, article, index)
    frame.confidence = _confidence(frame, attribution, tokens, index)
    return frame


_AUXILIARIES = frozenset(
    """had has have was were been is are be also already reportedly secretly allegedly
    not never n't did does do 'd itself themselves repeatedly previously once ever""".split()
)


def _subject_is_claimant(tokens: list[Token], trigger: int, verb: int) -> bool:
    """True when the trigger's subject is a pronoun for the claimant or left out after its verb."""
    position = trigger - 1
    while position >= 0 and tokens[position].low in _AUXILIARIES:
        position -= 1
    if position < 0:
        return False
    if position == verb:
        return True  # "denied supplying", "admitted sending"
    if tokens[position].low in ("country", "government") and position > 0 and tokens[position - 1].low in ("his", "her", "its", "their", "our"):
        return True  # "acknowledged that his country had shipped", "her government was arming"
    if tokens[position].low not in _PRONOUNS or tokens[position].low == "i":
        return False
    # "said it had", "said on Saturday it had", "said that it", "saying it"
    between = tokens[verb + 1 : position] if verb < position else [tokens[position - 1]] if position else []
    # ("rejected claims that it had sold": the claim words too)
    return all(
        t.low in _REPORTING_LINKS or t.low in _TIME_WORDS or t.low in _DENIED_THINGS or t.text.isdigit()
        for t in between
    )


_TIME_WORDS = frozenset(
    ("on in last this earlier later yesterday today week month year , " + " ".join(rules.WEEKDAYS) + " " + " ".join(rules.MONTHS)).split()
)


# Words after which a pronoun still stands for the claimant: "said that it had
# sent", "saying it had never exported".
_REPORTING_LINKS = frozenset({"that", "saying", "adding", "insisting", "arguing", "claiming", "stressing", "noting", "and", ":"})


def _token_at(tokens: list[Token], offset: int) -> int:
    for position, token in enumerate(tokens):
        if token.end > offset:
            return position
    return len(tokens)


def _is_negated(tokens: list[Token], index: int) -> bool:
    """"has never sent", "no Iranian drones had been sent", "none have been supplied"."""
    for j in range(index - 1, max(-1, index - 6), -1):
        if tokens[j].low in {",", ";", ":", "that", "but", "while", "although"}:
            return False
        if tokens[j].low in rules.NEGATION_WORDS:
            return True
    return False


def _is_hedged(tokens: list[Token], index: int) -> bool:
    """A plan, pledge, refusal or open question ("will send", "pledged to supply",
    "unclear whether Iran has delivered") is not a transfer."""
    for j in range(max(0, index - 6), index):
        if tokens[j].low in ("whether", "if") and not any(t.low in {",", ";"} for t in tokens[j:index]):
            return True
    for j in range(max(0, index - 4), index):
        if tokens[j].low in rules.MODAL_WORDS:
            between = [t.low for t in tokens[j + 1 : index]]
            if all(
                w in {"to", "be", "have", "not", "also", "soon", "further", "more", "now", "been", "continue", "keep", "start"}
                or w.endswith("ly")  # "planned to secretly supply"
                for w in between
            ):
                return True
    return False


def _unique(tokens: list[Token]) -> list[Token]:
    seen: set[str] = set()
    kept = []
    for token in tokens:
        if token.code and token.code not in seen:
            seen.add(token.code)
            kept.append(token)
    return kept


def _via_routes(tokens: list[Token], via: list[tuple[int, Token]]) -> list[str]:
    """Intermediaries as parallel routes, or one chain when 'then' joins them."""
    codes = [(p, t.code) for p, t in via if countries.is_known_code(t.code)]
    if not codes:
        return []
    routes: list[list[str]] = [[codes[0][1]]]
    for (prev, _), (position, code) in zip(codes, codes[1:]):
        between = {t.low for t in tokens[prev + 1 : position]}
        if between & rules.CHAIN_WORDS:
            routes[-1].append(code)
        elif code not in [c for route in routes for c in route]:
            routes.append([code])
    return [CHAIN_SEPARATOR.join(route) for route in routes]


def _has_chain_between(tokens: list[Token], destinations: list[Token]) -> bool:
    first = tokens.index(destinations[0])
    last = tokens.index(destinations[-1])
    between = {t.low for t in tokens[first + 1 : last]}
    return bool(between & (rules.CHAIN_WORDS | {"which", "who"}))


def _fill_items(frame: Frame, text: str, tokens: list[Token], index: int) -> None:
    matches = _weapon_matches(text)
    if not matches:
        return
    trigger_end = tokens[index].end
    stop = len(text)
    for position in range(index + 1, len(tokens)):
        if tokens[position].kind in ("country", "actor"):
            _, marker = _marker_role(tokens, position)
            stop = tokens[marker if marker > index else position].start
            break
    in_object = [m for m in matches if trigger_end <= m[0] < stop]
    # The object of the verb when it names arms; else the arms word nearest the
    # verb ("weapons sent by Iran"), not a span across the whole sentence.
    chosen = in_object or [min(matches, key=lambda m: min(abs(m[0] - trigger_end), abs(m[1] - tokens[index].start)))]
    start, end = chosen[0][0], chosen[-1][1]
    items = text[start:end].strip(" ,;")
    if len(items) > _MAX_ITEMS_TEXT:
        # A long span holds more than arms: list the arms words instead.
        items = "; ".join(dict.fromkeys(text[s:e] for s, e, _ in chosen))
    frame.items = items
    frame.weapon_categories = [category for _, _, category in chosen]
    frame.quantity = _number_before(text, chosen[0][0])


_MAX_ITEMS_TEXT = 120


def _fill_attribution(
    frame: Frame,
    attribution: Attribution,
    sentence: Sentence,
    tokens: list[Token],
    published: date | None,
    article: Article,
    trigger: int = -1,
) -> None:
    if attribution.claimant:
        frame.claimant = attribution.claimant
        frame.claimant_text = attribution.text
        frame.claimant_country = attribution.country
        frame.claimant_rank = attribution.rank
        stance = attribution.stance
    else:
        frame.claimant = _outlet(article)
        frame.claimant_text = ""
        frame.claimant_rank = -1
        stance = "reported"
    if stance == "said":
        involved = {t.code for t in frame.origins + frame.destinations}
        if frame.claimant_country and frame.claimant_country in involved:
            stance = rules.OWN_FLOW_STANCE
        elif not frame.claimant_country or not countries.is_state(frame.claimant_country):
            stance = "reported"  # outlets, researchers, UN bodies report; they are no party
        else:
            stance = rules.THIRD_PARTY_STANCE
    if frame.negated and stance != "denied":
        stance = "denied"
    frame.stance = stance
    if attribution.claimant:
        claim_date, precision, date_text = _claim_date(sentence.text, tokens, attribution.verb_index, trigger, published)
    else:  # the outlet's own statement is made when it publishes
        claim_date, precision, date_text = (published.isoformat(), "day", "") if published else ("", "", "")
    frame.claim_date, frame.date_precision, frame.date_text = claim_date, precision, date_text


def _outlet(article: Article) -> str:
    for name in (article.agency, article.source):
        if name:
            known = _KNOWN_CLAIMANTS.search(name) or _KNOWN_CLAIMANTS.search(name.title())
            if known:
                return _CLAIMANT_BY_ALIAS[known.group(0)][0]
            return name.title() if name.isupper() else name
    return "article"


def _confidence(frame: Frame, attribution: Attribution, tokens: list[Token], index: int) -> float:
    score = 0.35
    if frame.trigger_is_verb:
        score += 0.15
    if attribution.claimant:
        score += 0.15
    if frame.items:
        score += 0.1
    if any(t.mention_kind == "demonym" and not t.origin_suffix for t in frame.origins):
        score -= 0.05
    if frame.destinations and frame.origins:
        score += 0.15
    return round(min(0.95, max(0.1, score)), 2)


# --------------------------------------------------------------------------- dates


def _parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# Full month names, and the abbreviations wire copy uses ("Sept. 5", "Dec 30").
_FULL_MONTHS = "|".join(rules.MONTHS)
_MONTH_NAMES = _FULL_MONTHS + "|" + "|".join(rf"{short}\.?" for short in rules.MONTH_ABBREVIATIONS)
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("month_day_year", re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)),
    ("day_month_year", re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_NAMES})\s+(\d{{4}})\b", re.IGNORECASE)),
    ("month_day", re.compile(rf"\b(?:on\s+)?({_MONTH_NAMES})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b(?:on\s+)?(\d{{1,2}})\s+({_MONTH_NAMES})\b(?!,?\s*\d{{4}})", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b(?:in\s+)?({_MONTH_NAMES})\s+(?:of\s+)?(\d{{4}})\b", re.IGNORECASE)),
    ("last_weekday", re.compile(r"\blast\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)),
    # "on Monday", and AP style "said Thursday"
    ("weekday", re.compile(r"\b(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\byesterday\b", re.IGNORECASE)),
    ("today", re.compile(r"\btoday\b", re.IGNORECASE)),
    ("last_week", re.compile(r"\blast week\b", re.IGNORECASE)),
    ("this_month", re.compile(r"\b(?:earlier|later) this month\b|\bthis month\b", re.IGNORECASE)),
    ("last_month", re.compile(r"\blast month\b", re.IGNORECASE)),
    ("last_year", re.compile(r"\blast year\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:in|early|late|mid-?)\s+({_MONTH_NAMES})\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in)\s+((?:19|20)\d{2})\b")),
)


# Which kind of word each date pattern needs, so a sentence runs only the
# patterns it can match (most sentences have none of these words).
_DATE_CLASSES: dict[str, re.Pattern[str]] = {
    "digits": re.compile(r"\d{4}"),
    "month": re.compile(rf"\b(?:{_MONTH_NAMES})(?!\w)"),
    "weekday": re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    "relative": re.compile(r"\b(?:yesterday|today|last|this)\b"),
}
_DATE_NEEDS: dict[str, str] = {
    "iso": "digits", "month_day_year": "month", "day_month_year": "month", "month_day": "month",
    "day_month": "month", "month_year": "month", "weekday": "weekday", "last_weekday": "weekday", "yesterday": "relative",
    "today": "relative", "last_week": "relative", "this_month": "relative", "last_month": "relative",
    "last_year": "relative", "month": "month", "year": "digits",
}


def _claim_date(
    text: str, tokens: list[Token], verb_index: int, trigger: int, published: date | None
) -> tuple[str, str, str]:
    """The date the claim was made, else the publication date.

    Only a date phrase that belongs to the attribution counts: at the start of
    the sentence, or on the attribution's side of the transfer ("X said on
    Monday that ..." / "... to Z, X said on Monday"); "reached Russia in
    November" dates the transfer, not the claim.
    """
    anchor = tokens[verb_index].start if 0 <= verb_index < len(tokens) else 0
    verb_end = tokens[verb_index].end if 0 <= verb_index < len(tokens) else len(text)
    low, high = 0, len(text)
    if 0 <= trigger < len(tokens) and 0 <= verb_index < len(tokens):
        if verb_index < trigger:
            high = tokens[trigger].start
        else:
            low = tokens[verb_index].start  # "shipped ... in 2022, the paper said on Wednesday"
    best: tuple[int, str, str, str] | None = None
    lowered = text.lower()
    present = {cls for cls, hint in _DATE_CLASSES.items() if hint.search(lowered)}
    for kind, pattern in _DATE_PATTERNS:
        if _DATE_NEEDS[kind] not in present:
            continue
        for match in pattern.finditer(text):
            resolved = _resolve_date(kind, match, published)
            if resolved is None:
                continue
            distance = min(abs(match.start() - anchor), abs(match.end() - anchor))
            at_start = text[: match.start()].strip(" ,") == "" or match.start() < 4
            if not at_start and (distance > 60 or not low <= match.start() < high):
                continue
            if not at_start and verb_end <= match.start() and match.start() - verb_end > 20:
                continue  # "said ... had been fired on Dec. 30": that date is not the claim's
            rank = 0 if at_start else distance
            if best is None or rank < best[0]:
                best = (rank, resolved[0], resolved[1], match.group(0))
    if best:
        return best[1], best[2], best[3]
    if published:
        return published.isoformat(), "day", ""
    return "", "", ""


def _month_number(name: str) -> int:
    word = name.lower().rstrip(".")
    if word in rules.MONTH_ABBREVIATIONS:
        return rules.MONTH_ABBREVIATIONS[word]
    return rules.MONTHS.index(word) + 1


def _resolve_date(kind: str, match: re.Match[str], published: date | None) -> tuple[str, str] | None:
    try:
        if kind == "iso":
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat(), "day"
        if kind == "month_day_year":
            return date(int(match.group(3)), _month_number(match.group(1)), int(match.group(2))).isoformat(), "day"
        if kind == "day_month_year":
            return date(int(match.group(3)), _month_number(match.group(2)), int(match.group(1))).isoformat(), "day"
        if kind == "month_year":
            return f"{int(match.group(2)):04d}-{_month_number(match.group(1)):02d}", "month"
        if kind == "year":
            return match.group(1), "year"
    except ValueError:
        return None
    if published is None:
        return None
    try:
        if kind in ("month_day", "day_month"):
            month_name, day = (match.group(1), match.group(2)) if kind == "month_day" else (match.group(2), match.group(1))
            candidate = date(published.year, _month_number(month_name), int(day))
            if candidate > published:
                candidate = candidate.replace(year=published.year - 1)
            return candidate.isoformat(), "day"
    except ValueError:
        return None
    if kind in ("weekday", "last_weekday"):
        wanted = rules.WEEKDAYS.index(match.group(1).lower())
        back = (published.weekday() - wanted) % 7
        if kind == "last_weekday" and back == 0:
            back = 7  # "last Thursday", said on a Thursday
        return (published - timedelta(days=back)).isoformat(), "day"
    if kind == "yesterday":
        return (published - timedelta(days=1)).isoformat(), "day"
    if kind == "today":
        return published.isoformat(), "day"
    if kind == "last_week":
        earlier = published - timedelta(days=7)
        return f"{earlier.year:04d}-{earlier.month:02d}", "month"
    if kind == "this_month":
        return f"{published.year:04d}-{published.month:02d}", "month"
    if kind == "last_month":
        earlier = published.replace(day=1) - timedelta(days=1)
        return f"{earlier.year:04d}-{earlier.month:02d}", "month"
    if kind == "last_year":
        return f"{published.year - 1:04d}", "year"
    if kind == "month":
        month = _month_number(match.group(1))
        year = published.year if month <= published.month else published.year - 1
        return f"{year:04d}-{month:02d}", "month"
    return None


# --------------------------------------------------------------------------- merging


def _category(categories: Sequence[str]) -> str:
    specific = [c for c in categories if c != "arms"]
    if not specific:
        return "arms" if categories else ""
    counts = Counter(specific)
    top = max(counts.values())
    return next(c for c in specific if counts[c] == top)


@dataclass
class ClaimGroup:
    """One claim being assembled from the sentences that state it."""

    origin: str
    destination: str
    voice: str  # who speaks: the claimant's country, else the claimant
    claimant: str
    claimant_text: str
    claimant_rank: int
    claimant_country: str
    stance: str
    claim_date: str
    date_precision: str
    date_text: str
    via: list[str]
    items: list[str]
    categories: list[str]
    quantity: float | None
    evidence: list[Sentence]
    confidence: float
    origin_actor: str
    destination_actor: str
    route_text: str
    sentence_index: int

    def take_voice(self, frame: Frame, with_date: bool) -> None:
        """Make this the claim of ``frame``'s claimant (and date)."""
        self.voice = frame.claimant_country or frame.claimant
        self.claimant, self.claimant_text = frame.claimant, frame.claimant_text
        self.claimant_rank, self.claimant_country, self.stance = frame.claimant_rank, frame.claimant_country, frame.stance
        if with_date:
            self.claim_date, self.date_precision, self.date_text = frame.claim_date, frame.date_precision, frame.date_text


def _merge(frames: list[Frame], denials: list[Frame], article: Article, method: str) -> list[Claim]:
    """One claim per (origin, destination, claimant, stance, date); restatements merge."""
    complete: list[ClaimGroup] = []
    partial: list[Frame] = []
    for frame in frames:
        if frame.origins and frame.destinations:
            for origin in frame.origins:
                for destination in frame.destinations:
                    if origin.code == destination.code:
                        continue
                    _absorb(complete, frame, origin, destination)
        elif frame.trigger_is_verb:
            partial.append(frame)
    for frame in partial:
        for group in complete:
            same_end = (
                frame.origins and group.origin == frame.origins[0].code
                or frame.destinations and group.destination == frame.destinations[0].code
                # "The missiles were flown to Poland": the first leg of a route via Poland
                or frame.destinations and frame.destinations[0].code in _route_set(group.via)
            )
            same_voice = group.voice == (frame.claimant_country or frame.claimant) and group.stance == frame.stance
            if same_end and group.claimant_rank == -1 and frame.claimant_rank >= 0 and "denied" not in (group.stance, frame.stance):
                # The outlet's headline restated by a named claimant: the claimant's claim.
                group.take_voice(frame, with_date=False)
                same_voice = True
            if same_end and same_voice:
                _extend(group, frame)
                break
    # "Entities based in Singapore supplied $254 million worth": a supplier named
    # without a recipient in an article about one recipient supplies that one.
    recipients = {t.code for f in frames for t in f.destinations}
    if len(recipients) == 1:
        recipient = next(t for f in frames for t in f.destinations)
        for frame in partial:
            supplier = frame.kind == "sender" or (frame.kind == "noun" and any(w in frame.sentence.text.lower() for w in ("supplier", "exporter")))
            if frame.origins and not frame.destinations and not frame.negated and supplier and frame.claimant_rank >= 0:
                if not any(g.origin == frame.origins[0].code for g in complete):
                    for origin in frame.origins:
                        if origin.code != recipient.code:
                            _absorb(complete, frame, origin, recipient)
    for frame in denials:
        # The flow a bare denial answers: the latest earlier claim that names the
        # denier as origin, else as destination.
        earlier = [g for g in complete if g.stance != "denied" and g.sentence_index < frame.sentence.index]
        denier = frame.claimant_country
        for end in ("origin", "via", "destination"):
            if end == "via":
                # An intermediary denies passing the arms on: its own leg onwards.
                answered = [
                    replace(g, origin=denier, via=[])
                    for g in earlier
                    if denier and any(denier in route.split(CHAIN_SEPARATOR) for route in g.via)
                ]
            else:
                answered = [g for g in earlier if denier and getattr(g, end) == denier]
            if answered:
                _absorb_denial(complete, frame, answered[-1])
                break
    complete = _fold_legs(complete)
    article_id = article.article_id if complete else ""
    return [_to_claim(group, article, method, article_id) for group in complete]


def _fold_legs(groups: list[ClaimGroup]) -> list[ClaimGroup]:
    """Israel -> Poland is the first leg of Israel -> Poland -> Ukraine told elsewhere:
    one claim, under the more specific claimant."""
    kept = []
    for group in groups:
        longer = next(
            (
                other for other in groups
                if other is not group
                and other.origin == group.origin
                and "denied" not in (other.stance, group.stance)
                and group.destination in _route_set(other.via)
            ),
            None,
        )
        if longer is None:
            kept.append(group)
            continue
        for sentence in group.evidence:
            if sentence not in longer.evidence:
                longer.evidence.append(sentence)
        if group.claimant_rank > longer.claimant_rank:
            longer.voice, longer.claimant, longer.claimant_text = group.voice, group.claimant, group.claimant_text
            longer.claimant_rank, longer.claimant_country, longer.stance = group.claimant_rank, group.claimant_country, group.stance
            longer.claim_date, longer.date_precision, longer.date_text = group.claim_date, group.date_precision, group.date_text
    return kept


def _absorb(groups: list[ClaimGroup], frame: Frame, origin: Token, destination: Token) -> None:
    key_voice = frame.claimant_country or frame.claimant
    for group in groups:
        if (
            group.origin == origin.code
            and group.destination == destination.code
            and group.voice == key_voice
            and group.stance == frame.stance
            and (
                group.claim_date == frame.claim_date
                # A sentence with no date phrase (a headline) restates a dated claim.
                or not frame.date_text
                or not group.date_text
            )
            # Two different routes between the same ends are two claims.
            and (not frame.via or not group.via or _route_set(frame.via) == _route_set(group.via))
        ):
            if not group.date_text and frame.date_text:
                group.claim_date, group.date_precision, group.date_text = (
                    frame.claim_date, frame.date_precision, frame.date_text,
                )
            _extend(group, frame)
            return
    # A headline or background line with no attribution restates an attributed
    # claim of the same route: one claim, under the named claimant.
    for group in groups:
        if (group.origin, group.destination) != (origin.code, destination.code) or "denied" in (group.stance, frame.stance):
            continue
        if frame.claimant_rank == -1:
            _extend(group, frame)
            return
        if group.claimant_rank == -1:
            group.take_voice(frame, with_date=True)
            _extend(group, frame)
            return
    groups.append(
        ClaimGroup(
            origin=origin.code,
            destination=destination.code,
            voice=key_voice,
            claimant=frame.claimant,
            claimant_text=frame.claimant_text,
            claimant_rank=frame.claimant_rank,
            claimant_country=frame.claimant_country,
            stance=frame.stance,
            claim_date=frame.claim_date,
            date_precision=frame.date_precision,
            date_text=frame.date_text,
            via=list(frame.via),
            items=[frame.items] if frame.items else [],
            categories=list(frame.weapon_categories),
            quantity=frame.quantity,
            evidence=[frame.sentence],
            confidence=frame.confidence,
            origin_actor=_actor_phrase(frame, origin),
            destination_actor=destination.actor,
            route_text=frame.route_text,
            sentence_index=frame.sentence.index,
        )
    )


def _route_set(via: Iterable[str]) -> frozenset[str]:
    return frozenset(code for route in via for code in route.split(CHAIN_SEPARATOR))


def _extend(group: ClaimGroup, frame: Frame) -> None:
    """Add a restating sentence to a claim: its evidence, route, items and claimant."""
    if frame.sentence not in group.evidence:
        group.evidence.append(frame.sentence)
    for route in frame.via:
        if route not in group.via:
            group.via.append(route)
    if frame.items and not any(frame.items.lower() in i.lower() for i in group.items):
        group.items = [i for i in group.items if i.lower() not in frame.items.lower()] + [frame.items]
    group.categories = group.categories + frame.weapon_categories
    if frame.claimant_rank > group.claimant_rank:
        group.claimant, group.claimant_text, group.claimant_rank = frame.claimant, frame.claimant_text, frame.claimant_rank
    if group.quantity is None and frame.quantity is not None:
        group.quantity = frame.quantity
    if not group.origin_actor and frame.origins:
        group.origin_actor = _actor_phrase(frame, frame.origins[0])
    group.confidence = min(0.98, max(group.confidence, frame.confidence) + 0.03)


def _absorb_denial(groups: list[ClaimGroup], frame: Frame, target: ClaimGroup) -> None:
    voice = frame.claimant_country or frame.claimant
    for group in groups:
        if (
            group.stance == "denied"
            and group.voice == voice
            and (group.origin, group.destination) == (target.origin, target.destination)
        ):
            _extend(group, frame)  # "Tehran denies" in the headline, "Tehran rejected" in the body
            return
    denial = replace(
        target,
        via=[],  # a denial denies the transfer, whatever its route
        items=list(target.items),
        categories=list(target.categories),
        evidence=[frame.sentence],
        confidence=0.5,
        sentence_index=frame.sentence.index,
    )
    denial.take_voice(frame, with_date=True)
    denial.stance = "denied"
    groups.append(denial)


def _actor_phrase(frame: Frame, origin: Token) -> str:
    """'two Serbian companies' when the origin is a demonym on a company noun."""
    if origin.actor:
        return origin.actor
    if origin.kind == "country" and origin.mention_kind == "demonym":
        text = frame.sentence.text
        match = re.search(
            r"((?:\b(?:two|three|four|several|some|a|an|the|one|many)\s+)?%s\s+(?:state-owned\s+|private\s+|arms\s+|defen[cs]e\s+)?(?:%s))"
            % (re.escape(origin.text), "|".join(sorted(_COMPANY_WORDS))),
            text,
        )
        if match:
            return match.group(1)
    return ""


def _to_claim(group: ClaimGroup, article: Article, method: str, article_id: str) -> Claim:
    text = article.full_text
    ends = {group.origin, group.destination}
    return Claim(
        claimant=group.claimant,
        stance=group.stance,
        origin=group.origin,
        destination=group.destination,
        via=tuple(route for route in group.via if not ends & set(route.split(CHAIN_SEPARATOR))),
        claimant_country=group.claimant_country,
        claim_date=group.claim_date,
        date_precision=group.date_precision,
        origin_actor=group.origin_actor,
        destination_actor=group.destination_actor,
        items="; ".join(group.items),
        category=_category(group.categories),
        quantity=group.quantity,
        evidence=tuple(Evidence(text[s.start : s.end], s.start, s.end) for s in group.evidence),
        source=article.source,
        url=article.url,
        published=article.published,
        article_id=article_id,
        method=method,
        confidence=round(group.confidence, 2),
        claimant_text=group.claimant_text,
        date_text=group.date_text,
        route_text=group.route_text,
    )


# --------------------------------------------------------------------------- registry


EXTRACTORS: dict[str, Callable[[], Extractor]] = {NAME: RuleExtractor}


def get_extractor(name: str = NAME) -> Extractor:
    """An extractor by name; raises ``KeyError`` naming the known ones."""
    try:
        return EXTRACTORS[name]()
    except KeyError:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}") from None


def extract_articles(
    articles: Iterable[Article],
    extractor: Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Claim]:
    """Claims from many articles; ``progress(done, total)`` after each article."""
    chosen = extractor or get_extractor()
    batch = list(articles)
    claims: list[Claim] = []
    seen: set[str] = set()
    for done, article in enumerate(batch, start=1):
        for claim in chosen.extract(article):
            if claim.claim_id not in seen:
                seen.add(claim.claim_id)
                claims.append(claim)
        if progress is not None:
            progress(done, len(batch))
    return claims


__all__ = [
    "EXTRACTORS",
    "Extractor",
    "RuleExtractor",
    "extract_articles",
    "get_extractor",
    "split_sentences",
    "tokenize",
]
