"""Stage 5: one claim per claim.

Restatements (headline, lead, body) of one claim merge into one claim with all
their evidence; a later sentence that adds the route joins the claim it
continues; a bare denial ("Sofia rejected the accusation") denies the flow
that names the denier.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Protocol

from flows.extract.attribution import RANK_BODY, RANK_PERSON, RANK_PHRASE
from flows.extract.context import ArticleContext
from flows.extract.grammar import Grammar
from flows.extract.lexicon import Lexicon
from flows.extract.roles import Frame, route_set
from flows.extract.text import Sentence, Token, lowered
from flows.models import Article, Claim, Evidence
from flows.route import Route
from flows.vocabulary import is_date_precision, is_stance

# The rules of this stage, by the name a trace and the golden examples use.
RULES: dict[str, str] = {
    "merge.restatement": "sentences stating the same flow for the same voice and stance are one claim",
    "merge.headline": "an unattributed headline or lead restating an attributed claim joins it, under the claimant",
    "merge.partial_route": "a sentence naming one end and the route ('through firms in Bulgaria') joins the claim it continues",
    "merge.route_later": "'The shipments went through Slovakia': a route alone joins the speaker's latest claim",
    "merge.items_told_before": "a speaker names arms another sentence already tied to a sender, for the same recipient: that sender's",
    "merge.single_recipient": "a supplier named without a recipient, in an article about one recipient, supplies that one",
    "merge.denial_of_origin": "a bare denial by the origin denies the flow it answers",
    "merge.denial_of_via": "a bare denial by an intermediary denies the transit: the route stays",
    "merge.denial_of_destination": "a bare denial by the recipient denies the flow it answers",
    "merge.confirmation_by_party": "a bare confirmation ('confirmed the transfer') by a party to an earlier flow confirms it",
    "merge.fold_legs": "a first or last leg told apart (Israel -> Poland, Syria -> Hezbollah) folds into the route it is part of",
    "merge.headline_phrase": "a headline or lead claim by a phrase of no state ('Monitoring group says') joins a named claimant's of the same flow and stance",
    "merge.headline_of_unnamed": "an unattributed headline that sums up an unnamed source's claim is no claim (D1)",
    "merge.denial_of_mention": "a denial answers a flow only unnamed sources claimed before",
}


# What one claim keeps of its restatements: the distinct item phrases, and enough
# weapon categories to pick the claim's main one.
_MAX_ITEMS, _MAX_CATEGORIES = 20, 200


def carry_dates(frames: list[Frame], doc: ArticleContext) -> None:
    """A claimant's later sentences ("The report also said ...") keep the date it was dated by."""
    dated: dict[str, tuple[str, str, str]] = {}
    for frame in frames:
        if frame.claimant_rank < 0:
            continue
        if frame.date_text:
            dated[frame.claimant] = (frame.claim_date, frame.date_precision, frame.date_text)
        elif frame.claimant in dated:
            frame.claim_date, frame.date_precision, frame.date_text = dated[frame.claimant]
            doc.fired("dating.carried")


def _category(categories: Sequence[str]) -> str:
    specific = [c for c in categories if c != "arms"]
    if not specific:
        return "arms" if categories else ""
    counts = Counter(specific)
    top = max(counts.values())
    return next(c for c in specific if counts[c] == top)


class _Speaker(Protocol):
    claimant: str
    claimant_text: str


def _member_of(person: _Speaker, body: _Speaker, lex: Lexicon) -> bool:
    """``person`` speaks for ``body``: it names the body, or holds one of its titles
    ("Deputy minister Pawel Nowak" for the defence ministry)."""
    person_text, body_words = (person.claimant_text or person.claimant).lower(), body.claimant.lower().split()
    return body.claimant.lower() in person_text or any(
        title in person_text for word in body_words for title in lex.member_titles.get(word, ())
    )


@dataclass
class ClaimGroup:
    """One claim being assembled from the sentences that state it."""

    origin: str
    destination: str
    claimant: str
    claimant_text: str
    claimant_rank: int
    claimant_office: str
    claimant_country: str
    stance: str
    claim_date: str
    date_precision: str
    date_text: str
    via: list[str]
    items: list[str]
    categories: list[str]
    quantity: float | None
    evidence: dict[int, Sentence]  # by start offset: a sentence counts once, in reading order
    confidence: float
    origin_actor: str
    destination_actor: str
    route_text: str
    sentence_index: int
    lead: bool  # first told in the headline or lead

    def speaks_as(self, frame: Frame, lex: Lexicon) -> bool:
        """``frame``'s claimant is this claim's: the same name, a generic voice of the
        same state, or a person and their own body.

        "Slovakia has confirmed" and Prime Minister Heger, "the government said" and
        the foreign minister, the defence ministry and its deputy minister: one claim
        (ANNOTATION.md D5). Two named speakers of one state (the president and the
        foreign ministry) make two claims.
        """
        if self.claimant == frame.claimant:
            return True
        if not self.claimant_country or self.claimant_country != frame.claimant_country:
            return False
        ranks = {self.claimant_rank, frame.claimant_rank}
        if min(ranks) < RANK_PHRASE:
            return True  # "Slovakia has confirmed": the state itself
        if min(ranks) == RANK_PHRASE:
            phrase, other = (self, frame) if self.claimant_rank == RANK_PHRASE else (frame, self)
            if other.claimant_rank != RANK_PERSON or not lex.office_titles & set(phrase.claimant.lower().split()):
                return True  # "the government said", "Russian intelligence" and the SVR
            # "Serbia's defence minister" is a person of their own beside the
            # president, though the same as "Defence Minister Milos Vucevic".
            return (
                _member_of(other, phrase, lex)
                or phrase.claimant.lower().split()[-1] in other.claimant_text.lower()
                # "Iran's foreign minister" and Hossein Amir-Abdollahian, its Foreign Minister
                or bool(other.claimant_office and other.claimant_office.lower() in phrase.claimant.lower())
            )
        if ranks != {RANK_PERSON, RANK_BODY}:
            return False
        person, body = (self, frame) if self.claimant_rank == RANK_PERSON else (frame, self)
        return _member_of(person, body, lex)

    def take_voice(self, frame: Frame, with_date: bool) -> None:
        """Make this the claim of ``frame``'s claimant (and date)."""
        self.claimant, self.claimant_text = frame.claimant, frame.claimant_text
        self.claimant_rank, self.claimant_country, self.stance = (
            frame.claimant_rank,
            frame.claimant_country,
            frame.stance,
        )
        self.claimant_office = frame.claimant_office
        if with_date:
            self.claim_date, self.date_precision, self.date_text = (
                frame.claim_date,
                frame.date_precision,
                frame.date_text,
            )


def merge(
    frames: list[Frame],
    mentions: list[Frame],
    denials: list[Frame],
    doc: ArticleContext,
    method: str,
    confirmations: Sequence[Frame] = (),
) -> list[Claim]:
    """One claim per (origin, destination, claimant, stance, date); restatements merge.

    ``mentions`` are flows named but not claimed (plans, unnamed sources): no
    claim of their own, but a bare denial may answer one, and an unattributed
    headline that only sums up an unnamed source's claim is no claim either.
    ``confirmations`` are bare confirmations ("Denmark's prime minister confirmed
    the transfer"): each confirms the latest earlier flow its speaker's state is a
    party to, as a claim of its own.
    """
    carry_dates(frames, doc)
    lex = doc.g.lexicon
    complete: list[ClaimGroup] = []
    partial: list[Frame] = []
    told_names: dict[int, set[str]] = {}  # a claim's model names, read once (linear time on restatements)
    for frame in frames:
        if frame.origins and frame.destinations:
            for origin in frame.origins:
                for destination in frame.destinations:
                    if origin.code == destination.code:
                        continue
                    _absorb(complete, frame, origin, destination, doc)
        elif frame.trigger_is_verb or (frame.via and not frame.origins and not frame.destinations):
            partial.append(frame)
    for frame in partial:
        if frame.via and not frame.origins and not frame.destinations:
            # "The shipments went through Slovakia, the SVR said": the route of that
            # speaker's latest claim before it.
            spoken = [
                g
                for g in complete
                if g.sentence_index < frame.sentence.index and g.speaks_as(frame, lex) and g.stance == frame.stance
            ]
            if spoken:
                _extend(max(spoken, key=lambda g: g.sentence_index), frame, doc)
                doc.fired("merge.route_later")
            continue
        for group in complete:
            same_end = (
                (frame.origins and group.origin == frame.origins[0].code)
                or (frame.destinations and group.destination == frame.destinations[0].code)
                # "The missiles were flown to Poland": the first leg of a route via Poland
                or (frame.destinations and frame.destinations[0].code in route_set(group.via))
            )
            same_voice = group.speaks_as(frame, lex) and group.stance == frame.stance
            # A sentence dated apart ("In May, ...") tells an earlier statement, not this one.
            dated_apart = bool(frame.date_text) and not group.claim_date.startswith(frame.claim_date)
            if (
                same_end
                and not dated_apart
                and group.claimant_rank == -1
                and frame.claimant_rank >= 0
                and "denied" not in (group.stance, frame.stance)
            ):
                # The outlet's headline restated by a named claimant: the claimant's claim.
                group.take_voice(frame, with_date=False)
                same_voice = True
                doc.fired("merge.headline")
            if same_end and same_voice and not dated_apart:
                _extend(group, frame, doc)
                doc.fired("merge.partial_route")
                break
        else:
            # "Reznikov said the Patriot systems arrived in Ukraine", after a sentence
            # that told where those Patriots came from: another speaker's claim of them.
            for group in _told_before(complete, frame, doc.g, told_names):
                origin = Token(group.origin, "", 0, 0, "country", group.origin)
                restated = frame
                if frame.stance == lex.third_party_stance and frame.claimant_country == group.origin:
                    restated = replace(frame, stance=lex.own_flow_stance)  # the sender's own speaker
                _absorb(complete, restated, origin, frame.destinations[0], doc)
                doc.fired("merge.items_told_before")
    # "Entities based in Singapore supplied $254 million worth": a supplier named
    # without a recipient in an article about one recipient supplies that one.
    recipients = {t.code for f in frames for t in f.destinations}
    if len(recipients) == 1:
        recipient = next(t for f in frames for t in f.destinations)
        for frame in partial:
            lowered = frame.sentence.text.lower()
            supplier = frame.kind == "sender" or (
                frame.kind == "noun" and any(w in lowered for w in lex.supplier_words)
            )
            if (
                frame.origins
                and not frame.destinations
                and not frame.negated
                and supplier
                and frame.claimant_rank >= 0
                and not any(g.origin == frame.origins[0].code for g in complete)
            ):
                for origin in frame.origins:
                    if origin.code != recipient.code:
                        _absorb(complete, frame, origin, recipient, doc)
                        doc.fired("merge.single_recipient")
    unnamed_routes = {(t.code, d.code) for m in mentions if m.unnamed for t in m.origins for d in m.destinations}
    if unnamed_routes:
        kept = [g for g in complete if not (g.claimant_rank == -1 and (g.origin, g.destination) in unnamed_routes)]
        if len(kept) < len(complete):
            doc.fired("merge.headline_of_unnamed")
        complete = kept
    # Unnamed sources' claims can be denied; a plan cannot (a denial of a plan claims no transfer).
    named = [
        _group_of(m, o, d, doc)
        for m in mentions
        if m.unnamed and not m.hedged
        for o in m.origins
        for d in m.destinations
        if o.code != d.code
    ]
    told_at: dict[int, tuple[int, list[int]]] = {}  # per group: its evidence count and sentence indexes, sorted
    answers = [*((frame, "denied") for frame in denials), *((frame, "confirmed") for frame in confirmations)]
    for frame, stance in answers:
        # The flow a bare denial (or confirmation) answers: the latest earlier flow
        # named (claimed, denied already, or only mentioned) with the speaker's state
        # as origin, else as intermediary, else as destination.
        before = [g for g in [*complete, *named] if g.sentence_index < frame.sentence.index]
        # The flow told last before the denial; of flows told as late ("to Ukraine
        # or Russia"), the one the article tells most often is the story denied.
        told: Counter[tuple[str, str]] = Counter()
        for g in before:
            told[g.origin, g.destination] += len(g.evidence)
        index = frame.sentence.index
        earlier = sorted(before, key=lambda g: (_last_told_before(g, index, told_at), told[g.origin, g.destination]))
        denier = frame.claimant_country
        for end in ("origin", "via", "destination"):
            if end == "via":
                # A transit country denies the transit: the route stays, through it (ANNOTATION.md section 3).
                answered = [g for g in earlier if denier and denier in route_set(g.via)]
            else:
                answered = [g for g in earlier if denier and getattr(g, end) == denier]
            if answered:
                # A party's own word covers the transfer, whatever its route (as the annotation codes it).
                _absorb_answer(complete, frame, answered[-1], doc, keep_via=end == "via", stance=stance)
                doc.fired(f"merge.denial_of_{end}" if stance == "denied" else "merge.confirmation_by_party")
                if any(answered[-1] is g or answered[-1].sentence_index == g.sentence_index for g in named):
                    doc.fired("merge.denial_of_mention")
                break
    complete = _fold_legs(complete, doc)
    article_id = doc.article.article_id if complete else ""
    return [_to_claim(group, doc.article, method, article_id) for group in complete]


def _told_before(groups: list[ClaimGroup], frame: Frame, g: Grammar, names_of: dict[int, set[str]]) -> list[ClaimGroup]:
    """The earlier claims of the arms a speaker's frame names without a sender: the same
    recipient and a model name in common ("Patriot air defence systems", "T-72 tanks")."""
    lex = g.lexicon
    if (
        frame.origins
        # arms that arrive or are received: a sender verb's subject is its own sender ("We gave")
        or frame.kind not in ("goods", "receiver")
        or len(frame.destinations) != 1
        or frame.negated
        or frame.claimant_rank < 0
        or not frame.claimant
    ):
        return []
    named = _model_names(frame.sentence.text, g)
    if not named:
        return []
    destination = frame.destinations[0].code
    told = [
        group
        for group in groups
        if group.destination == destination
        and group.sentence_index < frame.sentence.index
        and group.stance != "denied"
        and not group.speaks_as(frame, lex)
        and named & _names_told(group, g, names_of)
    ]
    first = {group.origin: group for group in reversed(told)}  # one claim per sender, its first telling
    return sorted(first.values(), key=told.index)


def _names_told(group: ClaimGroup, g: Grammar, names_of: dict[int, set[str]]) -> set[str]:
    """The model names of a claim's evidence, read the first time they are asked for."""
    key = id(group)
    if key not in names_of:
        names_of[key] = set().union(*(_model_names(s.text, g) for s in group.evidence.values()))
    return names_of[key]


def _model_names(text: str, g: Grammar) -> set[str]:
    """Names written before a weapon word ("Patriot air defence", "T-72 tanks", "Gepard guns"):
    what tells which arms these are, not only what kind."""
    low = lowered(text)
    return {
        m.group(1).lower()
        for m in _MODEL_NAME.finditer(text)
        if m.group(1).lower() not in g.lexicon.generic_item_words and g.weapon_scan.match(low, m.end())
    }


_MODEL_NAME = re.compile(r"\b([A-Z][\w-]+|[\w-]*\d[\w-]*)\s+")


def _fold_legs(groups: list[ClaimGroup], doc: ArticleContext) -> list[ClaimGroup]:
    """Israel -> Poland is the first leg of Israel -> Poland -> Ukraine told elsewhere:
    one claim, under the more specific claimant."""
    kept = []
    for group in groups:
        longer = next(
            (
                other
                for other in groups
                if other is not group
                and "denied" not in (other.stance, group.stance)
                and (
                    (other.origin == group.origin and group.destination in route_set(other.via))
                    # "to Syria and then from Syria to Hezbollah": the last leg, by the same
                    # voice in the same sentence (told apart, a leg is a claim of its own)
                    or (
                        other.destination == group.destination
                        and group.origin in route_set(other.via)
                        and (group.claimant == other.claimant or group.claimant_rank == -1)
                        and set(group.evidence) <= set(other.evidence)
                    )
                )
            ),
            None,
        )
        if longer is None:
            kept.append(group)
            continue
        doc.fired("merge.fold_legs")
        for start, sentence in group.evidence.items():
            longer.evidence.setdefault(start, sentence)
        if group.claimant_rank > longer.claimant_rank:
            longer.claimant, longer.claimant_text = group.claimant, group.claimant_text
            longer.claimant_rank, longer.claimant_country, longer.stance = (
                group.claimant_rank,
                group.claimant_country,
                group.stance,
            )
            longer.claim_date, longer.date_precision, longer.date_text = (
                group.claim_date,
                group.date_precision,
                group.date_text,
            )
    return kept


def _absorb(groups: list[ClaimGroup], frame: Frame, origin: Token, destination: Token, doc: ArticleContext) -> None:
    for group in groups:
        if (
            group.origin == origin.code
            and group.destination == destination.code
            and group.speaks_as(frame, doc.g.lexicon)
            and group.stance == frame.stance
            and (
                group.claim_date == frame.claim_date
                # A sentence with no date phrase (a headline) restates a dated claim.
                or not frame.date_text
                or not group.date_text
            )
            # Two different routes between the same ends are two claims.
            and (not frame.via or not group.via or route_set(frame.via) == route_set(group.via))
        ):
            if not group.date_text and frame.date_text:
                group.claim_date, group.date_precision, group.date_text = (
                    frame.claim_date,
                    frame.date_precision,
                    frame.date_text,
                )
            _extend(group, frame, doc)
            doc.fired("merge.restatement")
            return
    # A headline or lead with no attribution sums up an attributed claim of the same
    # route: one claim, under the named claimant (ANNOTATION.md section 4). A line
    # further down in the outlet's own voice is the outlet's own claim.
    for group in groups:
        if (group.origin, group.destination) != (origin.code, destination.code) or "denied" in (
            group.stance,
            frame.stance,
        ):
            continue
        if (frame.claimant_rank == -1 and frame.lead) or (group.claimant_rank == -1 and group.lead):
            if group.claimant_rank == -1 and frame.claimant_rank != -1:
                group.take_voice(frame, with_date=True)
            _extend(group, frame, doc)
            doc.fired("merge.headline")
            return
        if group.stance == frame.stance and (
            _sums_up(group, frame.claimant_rank) or _sums_up(frame, group.claimant_rank)
        ):
            # "Monitoring group says Belarus is sending tanks" above "..., the Belarusian
            # Hajun monitoring project said": the headline's phrase names the lead's body.
            if group.claimant_rank == RANK_PHRASE and not group.claimant_country:
                group.take_voice(frame, with_date=True)
            _extend(group, frame, doc)
            doc.fired("merge.headline_phrase")
            return
    groups.append(_group_of(frame, origin, destination, doc))


def _sums_up(headline: ClaimGroup | Frame, other_rank: int) -> bool:
    """A headline or lead claim by a phrase of no state ("Monitoring group says"), beside a named claimant."""
    return (
        headline.lead
        and headline.claimant_rank == RANK_PHRASE
        and not headline.claimant_country
        and other_rank in (RANK_BODY, RANK_PERSON)
    )


def _group_of(frame: Frame, origin: Token, destination: Token, doc: ArticleContext) -> ClaimGroup:
    """A new claim from one frame's flow from ``origin`` to ``destination``."""
    return ClaimGroup(
        origin=origin.code,
        destination=destination.code,
        claimant=frame.claimant,
        claimant_text=frame.claimant_text,
        claimant_rank=frame.claimant_rank,
        claimant_office=frame.claimant_office,
        claimant_country=frame.claimant_country,
        stance=frame.stance,
        claim_date=frame.claim_date,
        date_precision=frame.date_precision,
        date_text=frame.date_text,
        via=list(frame.via),
        items=[frame.items] if frame.items else [],
        categories=list(frame.weapon_categories),
        quantity=frame.quantity,
        evidence={frame.sentence.start: frame.sentence},
        confidence=frame.confidence,
        origin_actor=_actor_phrase(frame, origin, doc),
        destination_actor=destination.actor,
        route_text=frame.route_text,
        sentence_index=frame.sentence.index,
        lead=frame.lead,
    )


def _extend(group: ClaimGroup, frame: Frame, doc: ArticleContext) -> None:
    """Add a restating sentence to a claim: its evidence, route, items and claimant.

    Constant work per sentence (sets and capped lists), so an article that restates
    one claim thousands of times still takes linear time.
    """
    group.evidence.setdefault(frame.sentence.start, frame.sentence)
    for route in frame.via:
        if route not in group.via:
            group.via.append(route)
    if frame.items and len(group.items) < _MAX_ITEMS and not any(frame.items.lower() in i.lower() for i in group.items):
        group.items = [i for i in group.items if i.lower() not in frame.items.lower()] + [frame.items]
    if len(group.categories) < _MAX_CATEGORIES:
        group.categories.extend(frame.weapon_categories)
    if frame.claimant_rank > group.claimant_rank:
        group.claimant, group.claimant_text, group.claimant_rank = (
            frame.claimant,
            frame.claimant_text,
            frame.claimant_rank,
        )
        group.claimant_office = frame.claimant_office
    if group.quantity is None and frame.quantity is not None:
        group.quantity = frame.quantity
    if not group.origin_actor and frame.origins:
        group.origin_actor = _actor_phrase(frame, frame.origins[0], doc)
    group.confidence = min(0.98, max(group.confidence, frame.confidence) + 0.03)


def _absorb_answer(
    groups: list[ClaimGroup],
    frame: Frame,
    target: ClaimGroup,
    doc: ArticleContext,
    keep_via: bool,
    stance: str = "denied",
) -> None:
    """The bare answer (or, with ``stance`` "confirmed", the bare confirmation) ``frame`` of ``target``:
    a claim of the speaker's own, or more evidence of the one it already has."""
    for group in groups:
        if (
            group.stance == stance
            and group.speaks_as(frame, doc.g.lexicon)
            and (group.origin, group.destination) == (target.origin, target.destination)
        ):
            _extend(group, frame, doc)  # "Tehran denies" in the headline, "Tehran rejected" in the body
            return
    answer = replace(
        target,
        # A party's word covers the transfer, whatever its route; a transit country's, the transit.
        via=list(target.via) if keep_via else [],
        items=list(target.items),
        categories=list(target.categories),
        evidence={frame.sentence.start: frame.sentence},
        confidence=0.5,
        sentence_index=frame.sentence.index,
    )
    # A confirmation that gives no date of its own is told with the story it confirms
    # ("confirmed the account in an interview with the paper"); a denial has its own day.
    answer.take_voice(frame, with_date=stance == "denied" or bool(frame.date_text))
    answer.stance = stance
    groups.append(answer)


def _actor_phrase(frame: Frame, origin: Token, doc: ArticleContext) -> str:
    """'two Serbian companies' when the origin is a demonym on a company noun."""
    if origin.actor:
        return origin.actor
    if origin.kind == "country" and origin.mention_kind == "demonym":
        pattern = doc.g.actor_phrase.replace("{demonym}", re.escape(origin.text))
        match = re.search(pattern, frame.sentence.text)
        if match:
            return match.group(1)
    return ""


def _to_claim(group: ClaimGroup, article: Article, method: str, article_id: str) -> Claim:
    text = article.full_text
    stance, precision = group.stance, group.date_precision
    if not is_stance(stance) or not is_date_precision(precision):
        raise ValueError(f"the rules made a claim with stance {stance!r} and date precision {precision!r}")
    return Claim(
        claimant=group.claimant,
        stance=stance,
        origin=group.origin,
        destination=group.destination,
        via=Route(group.via).avoiding({group.origin, group.destination}),
        claimant_country=group.claimant_country,
        claim_date=group.claim_date,
        date_precision=precision,
        origin_actor=group.origin_actor,
        destination_actor=group.destination_actor,
        items="; ".join(group.items),
        category=_category(group.categories),
        quantity=group.quantity,
        evidence=tuple(Evidence(text[s.start : s.end], s.start, s.end) for s in group.evidence.values()),
        source=article.source,
        url=article.url,
        published=article.published,
        published_from=article.published_from,
        article_id=article_id,
        method=method,
        confidence=round(group.confidence, 2),
        claimant_text=group.claimant_text,
        date_text=group.date_text,
        route_text=group.route_text,
    )


def _last_told_before(group: ClaimGroup, index: int, told_at: dict[int, tuple[int, list[int]]]) -> int:
    """The last sentence before ``index`` that tells ``group``.

    Its sentence indexes are kept sorted per group and only the evidence added since the
    last call is inserted (evidence only grows, newest last): an article restating a flow
    thousands of times has as many denials to answer, and a scan of every evidence
    sentence for each of them grew with the square of the article's length.
    """
    count, indexes = told_at.get(id(group), (0, []))
    if count != len(group.evidence):
        for sentence in islice(reversed(group.evidence.values()), len(group.evidence) - count):
            insort(indexes, sentence.index)
        told_at[id(group)] = (len(group.evidence), indexes)
    return indexes[bisect_left(indexes, index) - 1]
