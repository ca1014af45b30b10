"""A lexicon compiled for matching: regular expressions, lookup tables and word sets.

Built once per lexicon (:func:`grammar_for`) and handed to every stage through
the sentence context, so the stages never read a word list directly and a
lexicon of another language drops in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from flows.extract.lexicon import KnownClaimant, Lexicon, NamedActor, PublicFigure
from flows.patterns import trie_pattern

# The kinds of transfer word, in the order a word is tried against them.
TRIGGER_KINDS: tuple[str, ...] = ("seizure", "goods", "user", "sender", "receiver", "noun")


def _word_pattern(words: Iterable[str]) -> str:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word.rstrip("*"))
        parts.append(escaped + r"\w*" if word.endswith("*") else escaped)
    return "|".join(parts)


def _word_matcher(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{_word_pattern(words)})$")


def cue_pattern(words: Iterable[str]) -> str:
    """A scanning pattern for words and stems ("suppl*"), as a trie."""
    listed = list(words)
    exact = [w for w in listed if not w.endswith("*")]
    stems = [w.rstrip("*") for w in listed if w.endswith("*")]
    parts = [f"(?:{trie_pattern(exact)})(?![\\w'’-])"] if exact else []
    if stems:
        parts.append(f"(?:{trie_pattern(stems)})[\\w'’-]*")
    return "|".join(parts)


@dataclass(frozen=True)
class Grammar:
    """What the stages match with; see :class:`~flows.extract.lexicon.Lexicon` for the words."""

    lexicon: Lexicon
    trigger_matchers: tuple[tuple[str, re.Pattern[str]], ...]
    weapon_scan: re.Pattern[str]
    weapon_category: dict[str, str]
    non_transfer: re.Pattern[str]  # on lower-cased text
    illicit_scan: re.Pattern[str]  # a word that starts like smuggling or trafficking
    non_arms_goods: re.Pattern[str]
    denial_phrases: re.Pattern[str]  # on lower-cased text
    arms_verb_scan: re.Pattern[str]
    attribution: dict[str, str]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> phrases
    markers: dict[tuple[str, ...], str]
    marker_last_words: frozenset[str]
    marker_size: int
    origin_suffix: re.Pattern[str]
    place_adjective: re.Pattern[str]
    actors: re.Pattern[str]
    actor_by_name: dict[str, NamedActor]
    known_claimants: re.Pattern[str]
    claimant_by_alias: dict[str, KnownClaimant]
    public_figures: dict[str, PublicFigure]  # by surname, where one names one state's person
    public_figures_by_name: dict[str, PublicFigure]
    cue_scan: re.Pattern[str]
    abbreviations: re.Pattern[str]
    segment_breaks: frozenset[str]
    time_words: frozenset[str]
    mission_before: re.Pattern[str]
    number_before: re.Pattern[str]
    actor_phrase: str  # a format string: the demonym goes in {demonym}
    date_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    date_classes: dict[str, re.Pattern[str]]
    date_hint: re.Pattern[str]  # any of date_classes: most sentences have none
    context_trigger_words: frozenset[str]  # words whose trigger kind depends on the word before
    date_needs: dict[str, str]
    topic_prepositions_not_locative: frozenset[str]


@cache
def grammar_for(lexicon: Lexicon) -> Grammar:
    """Compile ``lexicon`` (once; lexicons are frozen and hashable by identity)."""
    lex = lexicon
    matchers = {
        "seizure": _word_matcher(lex.seizure_verbs),
        "goods": _word_matcher(lex.goods_verbs),
        "user": _word_matcher(lex.user_verbs),
        "sender": _word_matcher(lex.sender_verbs),
        "receiver": _word_matcher(lex.receiver_verbs),
        "noun": _word_matcher(lex.transfer_nouns),
    }
    # One pass over a sentence finds every weapon term; at one place the first
    # (most specific) term wins, and the group name gives its category. Scanned
    # on lower-cased text: several times faster than re.IGNORECASE.
    weapon_scan = re.compile(
        r"(?<![\w-])(?:{})(?![\w-])".format("|".join(f"(?P<w{n}>{term})" for n, (term, _) in enumerate(lex.weapons)))
    )
    markers: dict[tuple[str, ...], str] = {}
    for marker_words, role in lex.role_markers:
        markers.setdefault(marker_words, role)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, stance in lex.attribution_phrases:
        phrases.setdefault(phrase[0], []).append((phrase, stance))
    trigger_words = (
        *lex.sender_verbs,
        *lex.receiver_verbs,
        *lex.transfer_nouns,
        *lex.seizure_verbs,
        *lex.goods_verbs,
        *lex.user_verbs,
        *lex.goods_way_nouns,
        *(f"{verb} {particle}" for verb in sorted(lex.downing_verbs) for particle in sorted(lex.downing_particles)),
        *lex.thanking_verbs,  # "Chavez thanks Russia for tanks"
        *(f"{aux} {verb}" for aux in sorted(lex.arming_auxiliaries) for verb in sorted(lex.arming_participles)),
    )
    denial_words = tuple(verb for verb, stance in lex.attribution_verbs if stance == "denied")
    months = "|".join(lex.months)
    month_names = months + "|" + "|".join(rf"{short}\.?" for short in lex.month_abbreviations)
    weekdays = "|".join(lex.weekdays)
    on, period, of, last, month_lead = (lex.date_prepositions[key] for key in ("day", "period", "of", "last", "month"))
    date_patterns: list[tuple[str, re.Pattern[str]]] = [
        ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
        ("month_day_year", re.compile(rf"\b({month_names})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)),
        ("day_month_year", re.compile(rf"\b(\d{{1,2}})\s+({month_names})\s+(\d{{4}})\b", re.IGNORECASE)),
        ("month_day", re.compile(rf"\b(?:{on}\s+)?({month_names})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})", re.IGNORECASE)),
        ("day_month", re.compile(rf"\b(?:{on}\s+)?(\d{{1,2}})\s+({month_names})\b(?!,?\s*\d{{4}})", re.IGNORECASE)),
        ("month_year", re.compile(rf"\b(?:{period}\s+)?({month_names})\s+(?:{of}\s+)?(\d{{4}})\b", re.IGNORECASE)),
        ("last_weekday", re.compile(rf"\b{last}\s+({weekdays})\b", re.IGNORECASE)),
        # "on Monday", and AP style "said Thursday"
        ("weekday", re.compile(rf"\b(?:{on}\s+)?({weekdays})\b", re.IGNORECASE)),
    ]
    relative = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in lex.date_phrases.items()]
    date_patterns += relative
    date_patterns += [
        ("month", re.compile(rf"\b(?:{month_lead})\s+({month_names})\b", re.IGNORECASE)),
        ("year", re.compile(rf"\b(?:{period})\s+((?:19|20)\d{{2}})\b")),
    ]
    # Which kind of word each date pattern needs, so a sentence runs only the
    # patterns it can match (most sentences have none of these words).
    date_classes = {
        "digits": re.compile(r"\d{4}"),
        "month": re.compile(rf"\b(?:{month_names})(?!\w)"),
        "weekday": re.compile(rf"\b(?:{weekdays})\b"),
        "relative": re.compile("|".join(f"(?:{pattern})" for pattern in lex.date_phrases.values())),
    }
    date_needs = {
        "iso": "digits",
        "month_day_year": "month",
        "day_month_year": "month",
        "month_day": "month",
        "day_month": "month",
        "month_year": "month",
        "weekday": "weekday",
        "last_weekday": "weekday",
        "month": "month",
        "year": "digits",
        **dict.fromkeys(lex.date_phrases, "relative"),
    }
    numbers = "|".join(sorted(lex.number_words, key=len, reverse=True))
    multipliers = "|".join(lex.multipliers)
    modifiers = "|".join(lex.quantity_modifiers)
    number_before = re.compile(
        rf"(?:(?<![\w.-])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)|\b({numbers}))"
        rf"(?:\s+({multipliers}))?(?:\s+(?:{modifiers})){{0,3}}\s*$"
    )
    actor_phrase = r"((?:\b(?:{})\s+)?{{demonym}}\s+(?:(?:{})\s+)?(?:{}))".format(
        "|".join(lex.actor_quantifiers), "|".join(lex.company_modifiers), "|".join(sorted(lex.company_words))
    )
    abbreviation_words = "|".join(lex.abbreviations)
    # "The Intercept" is written "the Intercept" inside a sentence too.
    known = {k.alias: k for k in lex.known_claimants}
    for alias, body in list(known.items()):
        if alias.startswith("The "):
            known.setdefault("the " + alias[4:], body)
    return Grammar(
        lexicon=lex,
        trigger_matchers=tuple((kind, matchers[kind]) for kind in TRIGGER_KINDS),
        weapon_scan=weapon_scan,
        weapon_category={f"w{n}": category for n, (_, category) in enumerate(lex.weapons)},
        arms_verb_scan=re.compile(rf"(?<![\w'’-])(?:{cue_pattern(lex.arms_verbs)})"),
        denial_phrases=re.compile(r"\b(?:{})\b".format("|".join(lex.denial_phrases))),
        non_arms_goods=re.compile(r"\b(?:{})\b".format("|".join(lex.non_arms_goods))),
        # (scanned on lower-cased text: several times faster than re.IGNORECASE)
        non_transfer=re.compile(r"\b(?:{})\b".format("|".join(lex.non_transfer_cues))),
        illicit_scan=re.compile(r"(?<![\w'’-])(?:{})".format("|".join(re.escape(stem) for stem in lex.illicit_stems))),
        attribution=dict(lex.attribution_verbs),
        phrases={first: tuple(found) for first, found in phrases.items()},
        markers=markers,
        marker_last_words=frozenset(marker[-1] for marker in markers),
        marker_size=max(len(marker) for marker in markers),
        origin_suffix=re.compile(
            r"-(?=({})\b)".format("|".join((*lex.supply_suffixes, *lex.manufacture_suffixes))), re.IGNORECASE
        ),
        place_adjective=re.compile(r"^[a-z]+-(?:{})$".format("|".join(lex.place_adjective_suffixes))),
        actors=re.compile(rf"(?<![\w-])(?:{trie_pattern(a.alias for a in lex.non_state_actors)})(?![\w-])"),
        actor_by_name={a.alias: a for a in lex.non_state_actors},
        known_claimants=re.compile(rf"(?<![\w-])(?:{trie_pattern(known)})(?![\w-])"),
        claimant_by_alias=known,
        public_figures={p.surname: p for p in lex.public_figures if p.surname},
        public_figures_by_name={p.name: p for p in lex.public_figures},
        # One scan of the lower-cased article finds every credit ("reported by", group c,
        # first: "denied by" is a credit too), transfer word (group t) and denial word (group d).
        cue_scan=re.compile(
            rf"(?<![\w'’-])(?:(?P<c>{cue_pattern(f'{verb} {link}' for verb in lex.credit_verbs for link in lex.credit_links)})"
            rf"|(?P<t>{cue_pattern(trigger_words)})|(?P<d>{cue_pattern(denial_words)}))"
        ),
        abbreviations=re.compile(rf"(?:\b(?:{abbreviation_words})\.|\b(?:[A-Z]\.){{1,3}})$"),
        segment_breaks=lex.clause_breaks | lex.segment_punctuation,
        time_words=lex.time_words | frozenset(lex.weekdays) | frozenset(lex.months),
        mission_before=re.compile(
            r"\b(?:{})s?\s+(?:{})\s*$".format("|".join(lex.mission_words), "|".join(lex.mission_prepositions)),
            re.IGNORECASE,
        ),
        number_before=number_before,
        actor_phrase=actor_phrase,
        date_patterns=tuple(date_patterns),
        date_classes=date_classes,
        context_trigger_words=lex.delivery_nouns | lex.goods_way_nouns | lex.downing_particles | lex.arming_participles,
        date_hint=re.compile("|".join(f"(?:{hint.pattern})" for hint in date_classes.values())),
        date_needs=date_needs,
        topic_prepositions_not_locative=lex.topic_prepositions - {lex.locative_preposition},
    )
