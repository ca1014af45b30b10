"""Stage 1: sentences and tokens.

Sentences keep their offsets into ``Article.full_text`` (evidence points back
into the article). The cheap gate comes first: one compiled scan of the
lower-cased article finds every transfer and denial word, and paragraphs
without one are never split into sentences. Tokens are words, punctuation,
and countries or non-state actors as single tokens with their codes.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from flows import countries
from flows.extract.grammar import Grammar
from flows.extract.lexicon import Lexicon
from flows.ingest.datelines import DATELINE

# A semicolon ends a sentence too: "Blinken says ...; Tehran denies" holds two claims.
# Scraped pages glue sentences where a paragraph ended ("to Ukraine.The ministry"):
# a full stop between a lower-case word and a capitalised one ends a sentence too.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])[\"”’')]*\s+(?=[\"“‘'(]*[A-Z0-9])|(?<=;)\s+)")
_GLUED_END = re.compile(r"(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]{2})")
# An abbreviation ends right before a sentence end it cancels ("Dec.", "U.S."): a
# short look back finds it, not a scan of the whole sentence.
_ABBREVIATION_REACH = 16
_GLUED_HINT = re.compile(r"[a-z][.!?][A-Z]")  # (searched first: most lines have none)
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")

# Real sentences stay well under this; the rules are linear-ish up to it.
MAX_SENTENCE_CHARS = 1_000

TRIGGER_CUE, DENIAL_CUE, CREDIT_CUE = 1, 2, 4

# The marks news text writes an apostrophe with ("Russia's", "Russia’s", "Serbiaʼs").
APOSTROPHES = "'’ʼ"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int  # orders sentences within the article: the start offset does


@dataclass(slots=True)
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
    origin_suffix: bool = False  # "US-supplied": the supplier
    made_in: bool = False  # "China-made": where it was made, no supplier
    hyphenated: bool = False  # "Soviet-calibre"


def lowered(text: str) -> str:
    """Lower-cased text with the same offsets (a few characters change length when lowered)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# A line that ends like this ends its sentence (or is a heading).
_LINE_END = re.compile(r"[.!?:;\"”’')\]»]\s*$")
_WRAP_END = re.compile(r"(?:[,\-–—(\[]|(?<![\w'’])(\w+))\s*$")


def _name_across(line: str, ahead: str) -> bool:
    """A country's name broken across the line end ("Central African / Republic")."""
    tail, head = line.rstrip().rsplit(" ", 2)[-2:], ahead.split(" ", 2)[:2]
    joined = " ".join([*tail, *head])
    cut = len(" ".join(tail))
    return any(m.start < cut < m.end for m in countries.mentions(joined))


def unwrap(text: str, grammar: Grammar) -> str:
    """``text`` with the line breaks inside sentences turned into spaces (same offsets).

    Text pasted from e-mail or PDF breaks lines mid-sentence. A line break ends a
    sentence unless the line runs on: it does not end with closing punctuation,
    and the next line starts in lower case, or the line ends on a comma, a dash or
    a word that cannot end a sentence ("to", "the", "and").
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    wrap_words = grammar.lexicon.wrap_words
    breaks = []
    offset = 0
    for line, following in itertools.pairwise(lines):
        offset += len(line)
        ahead = following.lstrip()
        if line.strip() and ahead and not _LINE_END.search(line):
            ending = _WRAP_END.search(line)
            runs_on = (
                ahead[0].islower()
                or (ending is not None and (ending.group(1) is None or ending.group(1).lower() in wrap_words))
                or _name_across(line, ahead)
            )
            if runs_on:
                breaks.append(offset)
        offset += 1
    if not breaks:
        return text
    chars = list(text)
    for position in breaks:
        chars[position] = " "
    return "".join(chars)


def split_sentences(text: str, grammar: Grammar) -> list[Sentence]:
    """Sentences with offsets; a line break ends a sentence unless the sentence runs on."""
    found: list[Sentence] = []
    offset = 0
    for line in unwrap(text, grammar).split("\n"):
        _split_line(line, offset, found, grammar)
        offset += len(line) + 1
    return found


def first_sentences(text: str, count: int, grammar: Grammar) -> list[Sentence]:
    """The first ``count`` sentences of ``text``, as :func:`split_sentences` finds them."""
    found: list[Sentence] = []
    offset = 0
    for line in unwrap(text, grammar).split("\n"):
        _split_line(line, offset, found, grammar)
        if len(found) >= count:
            return found[:count]
        offset += len(line) + 1
    return found


def _split_line(line: str, offset: int, found: list[Sentence], grammar: Grammar) -> None:
    cursor = 0
    ends = list(_SENTENCE_END.finditer(line))
    if _GLUED_HINT.search(line):
        ends = sorted([*ends, *_GLUED_END.finditer(line)], key=lambda m: m.start())
    for match in ends:
        if grammar.abbreviations.search(line, max(cursor, match.start() - _ABBREVIATION_REACH), match.start()):
            continue
        _add_sentence(found, line, cursor, match.start(), offset)
        cursor = match.end()
    _add_sentence(found, line, cursor, len(line), offset)


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
        found.append(Sentence(stripped, begin, begin + len(stripped), begin))


_CUES = {"t": TRIGGER_CUE, "d": DENIAL_CUE, "c": CREDIT_CUE}


def candidate_sentences(text: str, grammar: Grammar) -> Iterator[tuple[Sentence, int]]:
    """Sentences with a transfer or denial word, and their cue flags (TRIGGER_CUE | DENIAL_CUE).

    ``text`` is already :func:`unwrap`-ped.

    Paragraphs without a cue are never split into sentences: for most of a
    news feed the whole cost is one compiled scan.
    """
    denials = grammar.lexicon.credit_denials
    cues = [
        (
            m.start(),
            _CUES[m.lastgroup or "t"] | (DENIAL_CUE if m.lastgroup == "c" and m[0].split()[0] in denials else 0),
        )
        for m in grammar.cue_scan.finditer(lowered(text))
    ]
    if not cues:
        return
    starts = [position for position, _ in cues]
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        first = bisect_left(starts, offset)
        if first < len(starts) and starts[first] < end:
            found: list[Sentence] = []
            _split_line(line, offset, found, grammar)
            for sentence in found:
                low, high = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
                flags = 0
                for _, flag in cues[low:high]:
                    flags |= flag
                if flags:
                    yield sentence, flags
        offset = end + 1


def tokenize(text: str, grammar: Grammar) -> list[Token]:
    """Words, punctuation, and countries / non-state actors as single tokens."""
    # A dateline names where the story was filed, no party ("KYIV (AP) —"); a known
    # body before a headline's colon is its source ("U.N.: Eritrea has armed ...").
    analysed = DATELINE.sub(
        lambda m: m.group(0) if grammar.known_claimants.fullmatch(m.group(0).strip(" :-–—")) else " " * len(m.group(0)),
        text,
        count=1,
    )
    # A modifier-letter apostrophe ("Serbiaʼs") is a letter to regular expressions.
    analysed = analysed.replace("ʼ", "’")
    # "Serbia-made": let the country match by hiding the hyphen (same length).
    analysed = grammar.origin_suffix.sub(" ", analysed)
    spans: list[tuple[int, int, Token]] = []
    for match in grammar.actors.finditer(analysed):
        actor = grammar.actor_by_name[match.group(0)]
        spans.append(
            (
                match.start(),
                match.end(),
                Token(
                    match.group(0),
                    match.group(0).lower(),
                    match.start(),
                    match.end(),
                    "actor",
                    actor.country,
                    "actor",
                    actor.name,
                ),
            )
        )
    taken = [(s, e) for s, e, _ in spans]
    for mention in countries.mentions(analysed):
        if any(s < mention.end and mention.start < e for s, e in taken):
            continue
        spans.append(
            (
                mention.start,
                mention.end,
                Token(
                    mention.text,
                    mention.text.lower(),
                    mention.start,
                    mention.end,
                    "country",
                    mention.code,
                    mention.kind,
                ),
            )
        )
    spans.sort(key=lambda item: item[0])
    tokens: list[Token] = []
    cursor = 0
    for start, end, token in spans:
        if start < cursor:
            continue
        _word_tokens(analysed, cursor, start, tokens)
        tail = analysed[end : end + 2]
        if tail[:1] in APOSTROPHES and (tail[1:2] == "s" or not tail[1:2].isalnum()):
            token.possessive = True
            end += 2 if tail[1:2] == "s" else 1
        if text[token.end : token.end + 1] == "-":
            suffix_match = grammar.origin_suffix.match(text, token.end)
            suffix = re.match(r"-(\w+)", text[token.end :])
            if suffix_match and suffix_match.group(1).lower() in grammar.lexicon.supply_suffixes:
                token.origin_suffix = True  # "US-supplied": the supplier
            elif suffix and suffix.group(1).lower() in grammar.lexicon.leading_suffixes:
                # "A Saudi-led coalition dropped arms": the leader acts, a party like any
                end = token.end + suffix.end()
            else:
                token.made_in = suffix_match is not None
                # "Serbia-made", "Soviet-calibre": describes, names no party
                # (where arms were made is no sender of them: ANNOTATION.md section 5)
                token.hyphenated = True
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


def weapon_matches(text: str, grammar: Grammar) -> list[tuple[int, int, str]]:
    """(start, end, category) of every weapon term in ``text``."""
    return [
        (m.start(), m.end(), grammar.weapon_category[m.lastgroup or ""])
        for m in grammar.weapon_scan.finditer(lowered(text))
    ]


def token_at(tokens: list[Token], offset: int) -> int:
    """Index of the token at or after character ``offset``."""
    for position, token in enumerate(tokens):
        if token.end > offset:
            return position
    return len(tokens)


# The kind of each lower-cased word, per grammar (the matchers are tried once a word).
_word_kinds: dict[int, dict[str, str]] = {}
_MAX_CACHED_WORDS = 200_000


def word_kind(low: str, grammar: Grammar) -> str:
    """The transfer-word kind of the lower-cased word ``low`` alone ("" for none)."""
    kinds = _word_kinds.setdefault(id(grammar), {})
    kind = kinds.get(low)
    if kind is None:
        kind = next((name for name, pattern in grammar.trigger_matchers if pattern.match(low)), "")
        if len(kinds) < _MAX_CACHED_WORDS:
            kinds[low] = kind
    return kind


def trigger_kind(token: Token, before: str, grammar: Grammar) -> str:
    """What kind of transfer word ``token`` is ("" for none), given the word before it."""
    if token.kind != "word":
        return ""
    lex = grammar.lexicon
    if token.low in lex.delivery_nouns and before in lex.take_delivery_verbs:
        return "receiver"  # "Moscow had taken delivery of missiles"
    if token.low in lex.goods_way_nouns and before in lex.goods_way_owners:
        return "goods"  # "weapons were making their way to ..."
    if token.low in lex.downing_particles and before in lex.downing_verbs:
        return "seizure"  # "shot down a drone carrying weapons from Syria"
    if token.low in lex.arming_participles and before in lex.arming_auxiliaries:
        return "sender"  # "Eritrea has armed Islamic fighters" ("armed groups" send nothing)
    kind = word_kind(token.low, grammar)
    if kind == "sender" and before in lex.noun_before and _can_be_noun(token.low, grammar):
        return "noun"  # "the arms transfer", "weapons supplies": a noun, not a verb
    return kind


def _can_be_noun(low: str, grammar: Grammar) -> bool:
    """A transfer noun's form, not a participle: "weapons provided by", "arms sent to" are verbs."""
    return not low.endswith(grammar.lexicon.past_participle_suffix) and any(
        name == "noun" and pattern.match(low) for name, pattern in grammar.trigger_matchers
    )


def _names_a_carrier(before: Token, low: str, lex: Lexicon) -> bool:
    """Whether the word before "ship"/"trucks" makes it a noun: a determiner, a demonym, a possessive, "cargo"."""
    demonym = before.kind == "country" and before.mention_kind == "demonym"
    return demonym or before.possessive or low in lex.noun_before or low in lex.carrier_kinds


def trigger_kinds(tokens: list[Token], grammar: Grammar) -> list[str]:
    """:func:`trigger_kind` of every token, each given the word before it."""
    # Most words are no transfer word and follow none of the context rules:
    # one dictionary lookup settles them.
    lex = grammar.lexicon
    context_words = grammar.context_trigger_words
    kinds = _word_kinds.setdefault(id(grammar), {})
    lows = [token.low for token in tokens]
    settled = [kinds.get(low) == "" and low not in context_words for low in lows]
    found = [""] * len(tokens)
    for i, done in enumerate(settled):
        if done:
            continue
        found[i] = trigger_kind(tokens[i], lows[i - 1] if i else "", grammar)
        if found[i] and i and lows[i] in lex.downing_particles:
            found[i - 1], found[i] = found[i], ""  # "shot down": the verb is the trigger
        if found[i] and i and tokens[i - 1].origin_suffix and tokens[i - 1].end == tokens[i].start - 1:
            found[i] = ""  # "US-provided missiles were transported": the suffix names the supplier
            continue
        if found[i] in ("noun", "sender") and i + 1 < len(lows) and lows[i + 1] in lex.carrier_nouns:
            if found[i] == "noun" or (i and (lows[i - 1] in lex.noun_before or lows[i - 1] in lex.number_words)):
                found[i] = ""  # "a cargo ship", "two supply trucks": the carrier's kind
        elif (
            found[i] == "sender"
            and i
            and lows[i] in lex.carrier_nouns
            and _names_a_carrier(tokens[i - 1], lows[i - 1], lex)
        ):
            # "an Egyptian ship docked", "a container ship from Turkey to Libya": the vehicle,
            # not "to ship"; with arms in the sentence it carries them, as a shipment does.
            found[i] = "noun"
    return found
