"""Stage 5: one claim per claim.

Restatements (headline, lead, body) of one claim merge into one claim with all
their evidence; a later sentence that adds the route joins the claim it
continues; a bare denial ("Sofia rejected the accusation") denies the flow
that names the denier.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from flows.extract.context import ArticleContext
from flows.extract.roles import Frame
from flows.extract.text import Sentence, Token
from flows.models import Article, Claim, Evidence
from flows.route import CHAIN_SEPARATOR, Route

# The rules of this stage, by the name a trace and the golden examples use.
RULES: dict[str, str] = {
    "merge.restatement": "sentences stating the same flow for the same voice and stance are one claim",
    "merge.headline": "an unattributed headline or lead restating an attributed claim joins it, under the claimant",
    "merge.partial_route": "a sentence naming one end and the route ('through firms in Bulgaria') joins the claim it continues",
    "merge.single_recipient": "a supplier named without a recipient, in an article about one recipient, supplies that one",
    "merge.denial_of_origin": "a bare denial by the origin denies the flow it answers",
    "merge.denial_of_via": "a bare denial by an intermediary denies its own leg onwards",
    "merge.denial_of_destination": "a bare denial by the recipient denies the flow it answers",
    "merge.fold_legs": "a first leg told apart (Israel -> Poland) folds into the route it begins",
}


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


def merge(frames: list[Frame], denials: list[Frame], doc: ArticleContext, method: str) -> list[Claim]:
    """One claim per (origin, destination, claimant, stance, date); restatements merge."""
    carry_dates(frames, doc)
    lex = doc.g.lexicon
    complete: list[ClaimGroup] = []
    partial: list[Frame] = []
    for frame in frames:
        if frame.origins and frame.destinations:
            for origin in frame.origins:
                for destination in frame.destinations:
                    if origin.code == destination.code:
                        continue
                    _absorb(complete, frame, origin, destination, doc)
        elif frame.trigger_is_verb:
            partial.append(frame)
    for frame in partial:
        for group in complete:
            same_end = (
                frame.origins and group.origin == frame.origins[0].code
                or frame.destinations and group.destination == frame.destinations[0].code
                # "The missiles were flown to Poland": the first leg of a route via Poland
                or frame.destinations and frame.destinations[0].code in route_set(group.via)
            )
            same_voice = group.voice == (frame.claimant_country or frame.claimant) and group.stance == frame.stance
            if same_end and group.claimant_rank == -1 and frame.claimant_rank >= 0 and "denied" not in (group.stance, frame.stance):
                # The outlet's headline restated by a named claimant: the claimant's claim.
                group.take_voice(frame, with_date=False)
                same_voice = True
                doc.fired("merge.headline")
            if same_end and same_voice:
                _extend(group, frame, doc)
                doc.fired("merge.partial_route")
                break
    # "Entities based in Singapore supplied $254 million worth": a supplier named
    # without a recipient in an article about one recipient supplies that one.
    recipients = {t.code for f in frames for t in f.destinations}
    if len(recipients) == 1:
        recipient = next(t for f in frames for t in f.destinations)
        for frame in partial:
            lowered = frame.sentence.text.lower()
            supplier = frame.kind == "sender" or (frame.kind == "noun" and any(w in lowered for w in lex.supplier_words))
            if frame.origins and not frame.destinations and not frame.negated and supplier and frame.claimant_rank >= 0:
                if not any(g.origin == frame.origins[0].code for g in complete):
                    for origin in frame.origins:
                        if origin.code != recipient.code:
                            _absorb(complete, frame, origin, recipient, doc)
                            doc.fired("merge.single_recipient")
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
                _absorb_denial(complete, frame, answered[-1], doc)
                doc.fired(f"merge.denial_of_{end}")
                break
    complete = _fold_legs(complete, doc)
    article_id = doc.article.article_id if complete else ""
    return [_to_claim(group, doc.article, method, article_id) for group in complete]


def _fold_legs(groups: list[ClaimGroup], doc: ArticleContext) -> list[ClaimGroup]:
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
                and group.destination in route_set(other.via)
            ),
            None,
        )
        if longer is None:
            kept.append(group)
            continue
        doc.fired("merge.fold_legs")
        for sentence in group.evidence:
            if sentence not in longer.evidence:
                longer.evidence.append(sentence)
        if group.claimant_rank > longer.claimant_rank:
            longer.voice, longer.claimant, longer.claimant_text = group.voice, group.claimant, group.claimant_text
            longer.claimant_rank, longer.claimant_country, longer.stance = group.claimant_rank, group.claimant_country, group.stance
            longer.claim_date, longer.date_precision, longer.date_text = group.claim_date, group.date_precision, group.date_text
    return kept


def _absorb(groups: list[ClaimGroup], frame: Frame, origin: Token, destination: Token, doc: ArticleContext) -> None:
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
            and (not frame.via or not group.via or route_set(frame.via) == route_set(group.via))
        ):
            if not group.date_text and frame.date_text:
                group.claim_date, group.date_precision, group.date_text = (
                    frame.claim_date, frame.date_precision, frame.date_text,
                )
            _extend(group, frame, doc)
            doc.fired("merge.restatement")
            return
    # A headline or background line with no attribution restates an attributed
    # claim of the same route: one claim, under the named claimant.
    for group in groups:
        if (group.origin, group.destination) != (origin.code, destination.code) or "denied" in (group.stance, frame.stance):
            continue
        if frame.claimant_rank == -1 or group.claimant_rank == -1:
            if group.claimant_rank == -1 and frame.claimant_rank != -1:
                group.take_voice(frame, with_date=True)
            _extend(group, frame, doc)
            doc.fired("merge.headline")
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
            origin_actor=_actor_phrase(frame, origin, doc),
            destination_actor=destination.actor,
            route_text=frame.route_text,
            sentence_index=frame.sentence.index,
        )
    )


def route_set(via: Iterable[str]) -> frozenset[str]:
    return frozenset(code for route in via for code in route.split(CHAIN_SEPARATOR))


def _extend(group: ClaimGroup, frame: Frame, doc: ArticleContext) -> None:
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
        group.origin_actor = _actor_phrase(frame, frame.origins[0], doc)
    group.confidence = min(0.98, max(group.confidence, frame.confidence) + 0.03)


def _absorb_denial(groups: list[ClaimGroup], frame: Frame, target: ClaimGroup, doc: ArticleContext) -> None:
    voice = frame.claimant_country or frame.claimant
    for group in groups:
        if (
            group.stance == "denied"
            and group.voice == voice
            and (group.origin, group.destination) == (target.origin, target.destination)
        ):
            _extend(group, frame, doc)  # "Tehran denies" in the headline, "Tehran rejected" in the body
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
    return Claim(
        claimant=group.claimant,
        stance=group.stance,
        origin=group.origin,
        destination=group.destination,
        via=Route(group.via).avoiding({group.origin, group.destination}),
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
        published_from=article.published_from,
        article_id=article_id,
        method=method,
        confidence=round(group.confidence, 2),
        claimant_text=group.claimant_text,
        date_text=group.date_text,
        route_text=group.route_text,
    )
