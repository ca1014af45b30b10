"""What a language gives the rule extractor: its words, as one typed, checked table.

The stage modules (:mod:`~flows.extract.text`, :mod:`~flows.extract.attribution`,
:mod:`~flows.extract.roles`, :mod:`~flows.extract.dating`, :mod:`~flows.extract.merge`)
hold the logic and no English; every word they look for is a field of a
:class:`Lexicon`. :mod:`flows.extract.english` is the one instance today;
another language is another module that builds a ``Lexicon``, handed to
``RuleExtractor(lexicon=...)``.

Word lists are lower-case; a trailing ``*`` means "any ending" (``suppl*``
covers supply, supplies, supplied). Ordered tables are read top to bottom and
the first entry that fits wins, so specific entries come first.

:func:`validate` runs when a lexicon is built: every stance is known, no list
repeats a word, and no word is in two of the *word classes* (the lists that
decide what a token is: a sender verb or a noun, an attribution verb or an
accusation) unless the lexicon's ``ambiguous`` table names the word, the
lists, and how the rules tell the uses apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from itertools import combinations

from flows.vocabulary import STANCES

# What an attribution verb says before the rules know who speaks: "said" is a
# statement whose stance depends on the speaker (party or third party).
SAID = "said"
ATTRIBUTION_STANCES: frozenset[str] = frozenset((*STANCES, SAID))

Words = frozenset[str]


class LexiconError(ValueError):
    """A lexicon that contradicts itself (unknown stance, a word in two classes...)."""


@dataclass(frozen=True)
class Ambiguity:
    """A word that is in two word classes on purpose, and how the rules decide."""

    word: str  # as written in the lists, stems with their "*"
    lists: tuple[str, ...]  # the Lexicon fields it appears in
    resolution: str  # the rule that tells the uses apart


@dataclass(frozen=True)
class KnownClaimant:
    """A body the news quotes: ``alias`` as written, its short name, its country.

    ``{country}`` in a name is filled with the country named beside the alias
    ("Ukraine's defence ministry" -> "Ukraine Defence Ministry").
    """

    alias: str
    name: str
    country: str
    kind: str  # a kind of flows.claimants.KINDS: it settles the stance of what the body says


@dataclass(frozen=True)
class NamedActor:
    """A non-state actor: as written, its short name, the country it operates in."""

    alias: str
    name: str
    country: str


@dataclass(frozen=True)
class PublicFigure:
    """An office holder named with a title but not a country ("President Zelenskiy")."""

    surname: str
    name: str
    country: str
    office: str = ""


# eq=False: a lexicon is compared and hashed by identity (one compiled grammar each).
@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word the rules use, by what it does. Field comments live in the language module."""

    language: str

    # -- transfer cues: what makes a sentence about arms moving, and who is who
    sender_verbs: tuple[str, ...]
    receiver_verbs: tuple[str, ...]
    goods_verbs: tuple[str, ...]
    departure_verbs: Words
    stepping_verbs: Words
    relation_nouns: Words
    message_nouns: Words
    message_modifiers: Words
    seizure_verbs: tuple[str, ...]
    destroying_verbs: Words
    moving_cues: Words
    user_verbs: tuple[str, ...]
    transfer_nouns: tuple[str, ...]
    noun_before: Words
    take_delivery_verbs: Words
    delivery_nouns: Words
    downing_verbs: Words
    downing_particles: Words
    carrier_nouns: Words
    carrier_kinds: Words
    goods_way_nouns: Words
    goods_way_owners: Words
    supplier_agent_nouns: tuple[str, ...]
    supplier_list_verbs: Words
    publishing_participles: Words
    supplier_list_ends: Words
    supplier_words: tuple[str, ...]
    generic_item_words: Words
    domestic_offices: Words
    speaking_state_pronouns: Words
    description_openers: Words
    illicit_stems: tuple[str, ...]
    home_seizers: Words
    weapons: tuple[tuple[str, str], ...]

    # -- routes
    role_markers: tuple[tuple[tuple[str, ...], str], ...]
    transparent_words: Words
    place_adjective_suffixes: tuple[str, ...]
    chain_words: Words
    relative_pronouns: Words
    supply_suffixes: tuple[str, ...]
    leading_suffixes: Words
    manufacture_suffixes: tuple[str, ...]
    reexport_stems: tuple[str, ...]
    coordination: Words
    verb_joiners: Words
    passive_links: Words
    company_words: Words
    company_modifiers: tuple[str, ...]
    actor_quantifiers: tuple[str, ...]
    supporter_nouns: Words
    receiving_nouns: Words
    owner_verbs: Words
    transit_nouns: Words
    purpose_markers: Words
    final_destination_markers: tuple[tuple[str, ...], ...]
    body_nouns: Words
    body_modifiers: Words
    actor_locatives: Words
    auxiliaries: Words
    clause_verbs: Words
    passive_auxiliaries: Words
    admission_verbs: Words
    own_country_nouns: Words
    own_country_owners: Words
    third_person_owners: Words

    # -- who says so
    attribution_verbs: tuple[tuple[str, str], ...]
    attribution_phrases: tuple[tuple[tuple[str, ...], str], ...]
    phrase_stops: Words
    telling_verbs: Words
    reproach_verbs: Words
    evidence_verbs: Words
    evidence_nouns: Words
    evidence_agent_links: Words
    quoting_verbs: Words
    quote_links: Words
    accusation_nouns: Words
    accusation_agent_links: Words
    accusing_verbs: Words
    before_verb: Words
    clause_breaks: Words
    segment_punctuation: Words
    determiners: Words
    pronouns: Words
    first_person: Words
    agent_links: Words
    person_pronouns: Words
    statement_links: Words
    speaking_bodies: Words
    plural_pronouns: Words
    possessive_words: Words
    possessive_pronouns: Words
    generic_claimants: Words
    media_heads: Words
    source_nouns: Words
    unnamed_heads: Words
    official_heads: Words
    topic_prepositions: Words
    reference_stops: Words
    definite_article: str
    adverb_suffix: str
    participle_suffix: str
    gerund_links: Words
    office_titles: Words
    spokes_titles: Words
    definite_own_nouns: Words
    definite_own_bodies: Words
    definite_own_states: Words
    short_state_names: tuple[tuple[str, str], ...]
    approval_words: Words
    monitor_heads: Words
    non_arms_goods: tuple[str, ...]
    denial_phrases: tuple[str, ...]
    arms_verbs: tuple[str, ...]
    arming_participles: Words
    arming_auxiliaries: Words
    contrast_words: Words
    credit_dashes: Words
    seizure_places: Words
    place_words: Words
    thanking_verbs: Words
    thanks_link: str
    credit_subjects: Words
    credit_verbs: Words
    credit_links: Words
    credit_denials: Words
    credit_outlet_verbs: Words
    denial_nouns: Words
    relay_opener: str
    hostile_nouns: Words
    hypothetical_words: Words
    infinitive_marker: str
    infinitive_be: str
    concern_words: Words
    past_participle_suffix: str
    same_subject_joiners: Words
    locative_preposition: str
    claimant_lead_noise: Words
    claimant_trailing_noise: Words
    relative_cut_words: Words
    name_articles: Words
    acronyms_not_claimants: Words
    titles: Words
    member_titles: Mapping[str, tuple[str, ...]]
    known_claimants: tuple[KnownClaimant, ...]
    mission_prepositions: tuple[str, ...]
    mission_words: tuple[str, ...]
    organisation_words: Words
    public_figures: tuple[PublicFigure, ...]
    non_state_actors: tuple[NamedActor, ...]
    own_flow_stance: str
    third_party_stance: str

    # -- what is not a transfer
    modal_words: Words
    modal_links: Words
    ongoing_words: Words
    conditional_words: Words
    negation_words: Words
    negation_stops: Words
    negation_cancellers: Words
    negative_objects: Words
    non_transfer_cues: tuple[str, ...]
    denied_things: Words
    relative_that: str
    denial_qualifiers: Words
    hearsay_words: Words
    reporting_links: Words

    # -- dates and numbers
    months: tuple[str, ...]
    month_abbreviations: Mapping[str, int]
    weekdays: tuple[str, ...]
    date_phrases: Mapping[str, str]
    date_prepositions: Mapping[str, str]
    time_words: Words
    background_adverbs: Words
    number_words: Mapping[str, float]
    multipliers: Mapping[str, float]
    quantity_modifiers: tuple[str, ...]

    # -- sentences
    abbreviations: tuple[str, ...]
    wrap_words: Words

    # -- words in two classes on purpose
    ambiguous: tuple[Ambiguity, ...]
    word_classes: tuple[str, ...]

    def __post_init__(self) -> None:
        validate(self)


def _entries(value: object) -> list[str]:
    """The words of a list-valued lexicon field (keys of a table of pairs)."""
    if isinstance(value, Mapping):
        return [str(key) for key in value]
    if isinstance(value, (tuple, list, frozenset, set)):
        return [str(item[0]) if isinstance(item, tuple) else str(item) for item in value]
    return []


def _overlap(one: str, other: str) -> bool:
    """Two list entries cover a common word ("suppl*" and "supplies")."""
    if one.endswith("*") and other.endswith("*"):
        a, b = one[:-1], other[:-1]
        return a.startswith(b) or b.startswith(a)
    if one.endswith("*"):
        return other.startswith(one[:-1])
    if other.endswith("*"):
        return one.startswith(other[:-1])
    return one == other


def class_overlaps(lexicon: Lexicon) -> list[tuple[str, str, str, str]]:
    """(word, word, list, list) for every pair of entries two word classes share."""
    found = []
    for first, second in combinations(lexicon.word_classes, 2):
        for a in _entries(getattr(lexicon, first)):
            for b in _entries(getattr(lexicon, second)):
                if _overlap(a, b):
                    found.append((a, b, first, second))
    return found


def validate(lexicon: Lexicon) -> None:
    """Raise :class:`LexiconError` where the lexicon contradicts itself."""
    problems: list[str] = []
    names = {f.name for f in fields(lexicon)}
    for verb, stance in lexicon.attribution_verbs:
        if stance not in ATTRIBUTION_STANCES:
            problems.append(f"attribution verb {verb!r}: unknown stance {stance!r}")
    for phrase, stance in lexicon.attribution_phrases:
        if stance not in ATTRIBUTION_STANCES:
            problems.append(f"attribution phrase {' '.join(phrase)!r}: unknown stance {stance!r}")
    for name in ("own_flow_stance", "third_party_stance"):
        if getattr(lexicon, name) not in STANCES:
            problems.append(f"{name}: unknown stance {getattr(lexicon, name)!r}")
    for name in lexicon.word_classes:
        if name not in names:
            problems.append(f"word class {name!r} is not a lexicon field")
    for field in fields(lexicon):
        value = getattr(lexicon, field.name)
        if isinstance(value, tuple) and value and isinstance(value[0], str):
            repeated = sorted({w for w in value if value.count(w) > 1})
            if repeated:
                problems.append(f"{field.name} lists {', '.join(repeated)} twice")
    declared = {(a.word, frozenset(a.lists)) for a in lexicon.ambiguous}
    for ambiguity in lexicon.ambiguous:
        unknown = [name for name in ambiguity.lists if name not in names]
        if unknown:
            problems.append(f"ambiguous {ambiguity.word!r}: no lexicon field {', '.join(unknown)}")
    overlaps = class_overlaps(lexicon)
    for ambiguity in lexicon.ambiguous:
        if not any(
            ambiguity.word in (a, b) and {first, second} <= set(ambiguity.lists) for a, b, first, second in overlaps
        ):
            problems.append(f"ambiguous {ambiguity.word!r} is not in two of {', '.join(ambiguity.lists)}: drop it")
    for a, b, first, second in overlaps:
        if not any(word in (a, b) and {first, second} <= lists for word, lists in declared):
            problems.append(
                f"{a!r} ({first}) and {b!r} ({second}) overlap; list the word in `ambiguous` with how the rules decide"
            )
    if problems:
        raise LexiconError(f"lexicon {lexicon.language!r}: " + "; ".join(problems))


def words(text: str) -> Words:
    """A word set from a whitespace-separated string (how the lexicon writes long lists)."""
    return frozenset(text.split())
