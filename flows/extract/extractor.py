"""The rule extractor: an article goes through the stages in order.

1. :mod:`~flows.extract.text`: candidate sentences (a transfer or denial word)
   and their tokens.
2. :mod:`~flows.extract.attribution`: who says so, carrying the last named
   claimant forward for "it said" and "the agency added".
3. :mod:`~flows.extract.roles`: frames (origin, via, destination, items) with
   claimant, stance and date (:mod:`~flows.extract.dating`).
4. :mod:`~flows.extract.merge`: one claim per claim.

The words come from a :class:`~flows.extract.lexicon.Lexicon` (English by
default): no stage lists a word.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import replace

from flows import countries
from flows.claimants import GOVERNMENT, MULTINATIONAL_KINDS, NGO, OUTLET_KINDS
from flows.extract import attribution as attributions
from flows.extract.attribution import RANK_COUNTRY, RANK_PERSON, RANK_PHRASE, Attribution, LastClaimant
from flows.extract.context import ArticleContext, SentenceContext
from flows.extract.dating import claim_date, parse_iso
from flows.extract.english import ENGLISH
from flows.extract.grammar import grammar_for
from flows.extract.lexicon import SAID, Lexicon
from flows.extract.merge import merge
from flows.extract.roles import Frame, attribute, read_frames
from flows.extract.text import (
    CREDIT_CUE,
    DENIAL_CUE,
    TRIGGER_CUE,
    Sentence,
    Token,
    candidate_sentences,
    first_sentences,
    lowered,
    tokenize,
    trigger_kind,
    unwrap,
)
from flows.models import Article, Claim

# The lead: the first sentences of the body, which sum up the story.
_LEAD_SENTENCES, _LEAD_CHARS = 2, 1500

NAME = "rules"
VERSION = "0.1.0"

# The rules of the orchestrator, by the name a trace and the golden examples use.
RULES: dict[str, str] = {
    "text.wrapped_lines": "a line break inside a sentence (e-mail, PDF, CRLF) does not end it",
    "extract.credit": "'That was first reported in Japan's Tokyo Shimbun': the flow told before is that outlet's report",
    "extract.credit_told": "'The shipment was delivered ..., as reported by AFP': the flow the outlet told just before is the wire's",
    "extract.co_speakers": "'Saudi Arabia and the United States have accused Iran': one claim per speaking state",
    "extract.contrast_denial": "'..., but Tehran denies the charges': the denial in the sentence's last clause answers its claim",
    "extract.arms_article": "once an article is about arms, a transfer sentence need not name a weapon again",
    "extract.non_arms_goods": "... but one naming goods that are no arms (helmets, tents, fuel) is about those",
    "extract.negated_without_recipient": "'no Iranian drones had been sent since': a denial of the flow the article is about",
    "extract.bare_denial": "a denial that names no flow ('rejected the accusation') answers one named earlier",
    "extract.bare_confirmation": "a speaker of a state confirming a transfer it does not name ('confirmed the transfer of aircraft') confirms one named earlier",
}


class RuleExtractor:
    """The default extractor: ordered rules over a lexicon, no model, no network."""

    name = NAME
    version = VERSION

    def __init__(self, lexicon: Lexicon = ENGLISH) -> None:
        self.grammar = grammar_for(lexicon)

    @property
    def method(self) -> str:
        return f"{self.name} {self.version}"

    def extract(self, article: Article, trace: set[str] | None = None) -> list[Claim]:
        """The claims in ``article``; ``trace`` collects the names of the rules that fired."""
        g = self.grammar
        doc = ArticleContext(article, g, article.full_text, parse_iso(article.published), trace)
        text = doc.text
        body_start = len(article.title) + 1 if article.title else 0
        lead = first_sentences(text[body_start : body_start + _LEAD_CHARS], _LEAD_SENTENCES, g)
        doc.lead_end = body_start + (lead[-1].end if lead else 0)
        frames: list[Frame] = []
        mentions: list[Frame] = []
        denials: list[Frame] = []
        confirmations: list[Frame] = []
        last_claimant: LastClaimant | None = None
        last_country, last_end = "", 0
        people: dict[str, tuple[str, str]] | None = None
        home = attributions.dateline_country(text)
        # The headline always ends at its line; the body may run on across lines.
        body = unwrap(text[body_start:], g)
        lines = text if body is text[body_start:] else text[:body_start] + body
        if lines is not text:
            doc.fired("text.wrapped_lines")
        last_flows: list[Frame] = []  # the flows the last candidate sentence told
        for sentence, cues in candidate_sentences(lines, g):
            has_trigger = bool(cues & TRIGGER_CUE)
            has_denial = bool(cues & DENIAL_CUE)
            if cues & CREDIT_CUE and last_flows and not has_trigger:
                # "That was first reported in Japan's Tokyo Shimbun newspaper."
                frames.extend(_credited(sentence, last_flows, doc))
            # Once an article is about arms, "firms in India provided $51 million"
            # continues it without naming a weapon again.
            low_text = lowered(sentence.text)
            named_weapon = g.weapon_scan.search(low_text) is not None or g.arms_verb_scan.search(low_text) is not None
            # ... unless it names goods that are no arms ("supplied Ukraine with helmets and tents").
            other_goods = not named_weapon and g.non_arms_goods.search(low_text) is not None
            has_weapon = has_trigger and (named_weapon or (bool(frames or mentions) and not other_goods))
            if other_goods and has_trigger and (frames or mentions):
                doc.fired("extract.non_arms_goods")
            if has_weapon and not named_weapon:
                doc.fired("extract.arms_article")
            if not (has_trigger and has_weapon) and not has_denial:
                continue
            tokens = tokenize(sentence.text, g)
            said = attributions.attribution(tokens, sentence.text, last_claimant, doc)
            if not said.claimant and sentence.text[:1] in _OPENING_QUOTES:
                # “We now have information ... North Korea has delivered arms.” Quoted
                # sentences before the quote closes speak with its attribution.
                said = _quote_speaker(text, sentence.start, last_claimant, doc) or said
                if said.stance == SAID and g.denial_phrases.search(low_text):
                    said = replace(said, stance="denied")  # '"Reports that ... are not true," the ministry said'
                    doc.fired("attribution.denial_qualifier")
            if last_claimant is None and said.wants_antecedent:
                # "It said ...": the claimant was named in a sentence not read yet.
                known = None
                if said.text.lower() in g.lexicon.person_pronouns:  # "he said": a person
                    if people is None:
                        people = attributions.people(text, g)
                    known = people
                last_claimant = attributions.earlier_claimant(text, sentence.start, doc, known)
                if last_claimant is not None:
                    said = attributions.attribution(tokens, sentence.text, last_claimant, doc)
            if (
                said.claimant
                and not said.country
                and said.kind not in MULTINATIONAL_KINDS
                and (said.rank in (RANK_PHRASE, RANK_PERSON) or said.needs_country)
            ):
                if people is None:
                    people = attributions.people(text, g)
                # A quote right after a lead speaks for the lead's country; else the dateline's.
                adjacent = last_country if text[last_end : sentence.start].strip() == "" else ""
                body = attributions.statement_body_country(tokens, min(said.claimant_indexes, default=0), g)
                said = attributions.known_person(said, people, adjacent, home, doc, body)
            if (
                said.rank == RANK_PHRASE
                and not said.country
                and said.kind not in MULTINATIONAL_KINDS
                and any(word in g.lexicon.official_heads for word in said.claimant.lower().split()[:3])
            ):
                # "Western officials", "three officials": of no state, so unnamed too.
                said = replace(said, unnamed=True)
                doc.fired("attribution.unnamed_officials")
            if said.claimant and said.rank >= RANK_PHRASE and not said.unnamed:
                last_claimant = LastClaimant(said.claimant, said.country, said.rank, said.kind)
            if said.country and said.kind not in OUTLET_KINDS and said.kind != NGO:
                # (an outlet's or a group's home country is no state a quote after it speaks for)
                last_country, last_end = said.country, sentence.end
            ctx = SentenceContext(doc, sentence, tokens, said)
            read = read_frames(ctx) if has_trigger and has_weapon else []
            if said.embedded is not None:
                # The source the denial rejects makes its own claim of the flows it denies.
                read += _claims_of(said.embedded, [f for f in read if f.origins and f.destinations], ctx)
            if (
                last_flows
                and said.claimant
                and not said.unnamed
                and said.kind in OUTLET_KINDS
                and has_trigger
                and has_weapon
                and not any(f.origins and f.destinations for f in read)
                and all(f.claimant_rank == -1 for f in last_flows)
            ):
                # "Mali received Turkish drones. The shipment was delivered ..., as reported by
                # AFP": the flow told in the outlet's voice just before is the wire's report (D13).
                read += _reports_of(last_flows, said, ctx)
                doc.fired("extract.credit_told")
            last_flows = [f for f in read if f.origins and f.destinations and not f.hedged]
            found = [f for f in read if not (f.hedged or f.unnamed)]
            if said.also:
                # "Saudi Arabia and the United States have accused Iran": a claim each.
                found += _co_speakers(found, said, ctx)
            frames.extend(found)
            mentions.extend(f for f in read if f.hedged or f.unnamed)
            contrast = _contrast_denial(ctx, found)
            if contrast is not None:
                # "..., but Tehran denies the charges": the accused's denial, in the same sentence.
                denials.extend(
                    _bare_frames(replace(ctx, sentence=replace(sentence, index=sentence.index + 1)), contrast)
                )
                doc.fired("extract.contrast_denial")
            if any(f.origins and f.destinations for f in found):
                continue
            if any(f.negated for f in found) and said.claimant:
                # "He insisted that no Iranian drones had been sent since": a denial
                # of the flow the article is about, though it names no recipient.
                has_denial, said = True, replace(said, stance="denied")
                doc.fired("extract.negated_without_recipient")
            if has_denial and said.stance == "denied" and said.claimant and _denies_a_transfer(tokens, found, ctx):
                # "Tehran has long rejected charges ...": a denial of a flow named earlier.
                denials.extend(_bare_frames(ctx, said))
                doc.fired("extract.bare_denial")
            elif (
                said.claimant
                and said.country
                and 0 <= said.verb_index < len(tokens)
                and tokens[said.verb_index].low in g.lexicon.admission_verbs
                and not any(f.origins or f.destinations for f in found)
                and any(trigger_kind(t, "", g) in ("noun", "sender", "receiver") for t in tokens[said.verb_index + 1 :])
            ):
                # "Danish Prime Minister Mette Frederiksen also confirmed the transfer of aircraft":
                # a party's confirmation of a flow named earlier (merge finds which).
                confirmations.extend(_bare_frames(ctx, said))
                doc.fired("extract.bare_confirmation")
        return merge(frames, mentions, denials, doc, self.method, confirmations)


_OPENING_QUOTES = '“"‘«'
_CLOSING_QUOTE = re.compile(r"[”\"’»]")
_QUOTE_REACH, _ATTRIBUTION_TAIL = 1200, 160


def _quote_speaker(text: str, start: int, last: LastClaimant | None, doc: ArticleContext) -> Attribution | None:
    """Who speaks the quote opening at ``start``: the attribution right after it closes."""
    closing = _CLOSING_QUOTE.search(text, start + 1, start + _QUOTE_REACH)
    if closing is None:
        return None
    tail = text[closing.end() : closing.end() + _ATTRIBUTION_TAIL]
    tail = re.split(r"(?<=[.!?])\s|\n", tail, maxsplit=1)[0]
    tokens = tokenize(tail, doc.g)
    found = attributions.attribution(tokens, tail, last, doc)
    if not found.claimant or found.unnamed:
        return None
    doc.fired("attribution.quote_closing")
    dated = claim_date(tail, tokens, found.verb_index, -1, doc.published, doc.g)
    # The quote's words carry no speaker indexes of their own.
    return replace(found, verb_index=-1, claimant_indexes=set(), dated=dated)


def _claims_of(source: Attribution, denied: list[Frame], ctx: SentenceContext) -> list[Frame]:
    """The frames a denial rejects, as claims of the source it names."""
    claims = []
    for frame in denied:
        claim = copy(frame)
        claim.negated = False
        attribute(claim, ctx, -1, source)
        claims.append(claim)
    return claims


def _credited(sentence: Sentence, flows: list[Frame], doc: ArticleContext) -> list[Frame]:
    """The flows told just before, as the report of the outlet a credit sentence names."""
    g = doc.g
    lex = g.lexicon
    tokens = tokenize(sentence.text, g)
    # ("The information was later confirmed by ...": a determiner before the subject)
    subject = 1 if len(tokens) > 1 and tokens[0].low in lex.determiners else 0
    if len(tokens) <= subject or tokens[subject].low not in lex.credit_subjects:
        return []
    verb = next((i for i, t in enumerate(tokens[: subject + 5]) if t.low in lex.credit_verbs), -1)
    if verb < 0 or verb + 1 >= len(tokens) or tokens[verb + 1].low not in lex.credit_links:
        return []
    outlet = attributions.name_claimant(tokens, verb + 2, len(tokens), sentence.text, None, doc)
    if not outlet.claimant or outlet.unnamed:
        return []
    if tokens[verb].low in lex.credit_outlet_verbs and outlet.kind not in OUTLET_KINDS:
        return []
    if outlet.kind not in OUTLET_KINDS and not outlet.country:
        return []  # a body of no known state confirms nothing we can place
    stance = "denied" if tokens[verb].low in lex.credit_denials else SAID
    said = replace(outlet, stance=stance, verb_index=verb)
    doc.fired("extract.credit")
    return _reports_of(flows, said, SentenceContext(doc, sentence, tokens, said))


def _reports_of(flows: list[Frame], said: Attribution, ctx: SentenceContext) -> list[Frame]:
    """The flows told just before, as the report of the source this sentence credits."""
    credited = []
    for flow in flows:
        twin = replace(flow, sentence=ctx.sentence, negated=False, unnamed=False, via=list(flow.via))
        attribute(twin, ctx, -1, said)
        credited.append(twin)
    return credited


def _co_speakers(frames: list[Frame], said: Attribution, ctx: SentenceContext) -> list[Frame]:
    """The frames again for each state that speaks with the first ("X and Y accused")."""
    copies = []
    for claimant, country in said.also:
        for frame in frames:
            if frame.claimant != said.claimant:
                continue
            twin = replace(
                frame, origins=list(frame.origins), destinations=list(frame.destinations), via=list(frame.via)
            )
            attribute(twin, ctx, -1, replace(said, claimant=claimant, country=country, also=()))
            copies.append(twin)
    if copies:
        ctx.fired("extract.co_speakers")
    return copies


def _contrast_denial(ctx: SentenceContext, frames: list[Frame]) -> Attribution | None:
    """The state that denies what the sentence's first clause claims: "..., but Tehran denies
    the charges", "while Moscow rejects them" (a contrast word, a state, a denial verb)."""
    if not any(f.origins and f.destinations and f.stance != "denied" for f in frames):
        return None
    tokens, g = ctx.tokens, ctx.g
    lex = g.lexicon
    for n in range(1, len(tokens) - 2):
        state, verb = None, n
        if tokens[n].low in lex.contrast_words and g.attribution.get(tokens[n + 2].low) == "denied":
            state, verb = tokens[n + 1], n + 2
        elif tokens[n].low in lex.denial_nouns and tokens[n + 1].low in lex.accusation_agent_links:
            # "despite denials from the government in Tehran"
            state = next((t for t in tokens[n + 2 : n + 7] if t.kind == "country"), None)
        elif tokens[n].low in lex.denied_things and tokens[n + 1].low == lex.relative_that:
            # "..., a charge that Iran's President Mahmoud Ahmadinejad has denied"
            verb = next(
                (k for k in range(n + 2, min(len(tokens), n + 10)) if g.attribution.get(tokens[k].low) == "denied"), -1
            )
            if verb > 0:
                state = next((t for t in tokens[n + 2 : verb] if t.kind == "country"), None)
        if state is not None and state.kind == "country" and countries.is_state(state.code):
            return Attribution(
                countries.name_of(state.code), state.text, state.code, RANK_COUNTRY, GOVERNMENT, "denied", verb, set()
            )
    return None


def _bare_frames(ctx: SentenceContext, said: Attribution) -> list[Frame]:
    """A bare denial or confirmation, one frame per speaker ("Moscow and Pyongyang denied")."""
    found = []
    for claimant, country in said.all_claimants():
        frame = Frame(ctx.sentence)
        attribute(frame, ctx, -1, replace(said, claimant=claimant, country=country))
        found.append(frame)
    return found


def _denies_a_transfer(tokens: list[Token], frames: list[Frame], ctx: SentenceContext) -> bool:
    """A bare denial answers a transfer claim only when it says what it denies:
    an accusation or report ("rejected the accusation"), or a transfer ("denied
    arming"); "..., which Addis Ababa denies" may deny anything."""
    denied_things = ctx.g.lexicon.denied_things
    return (
        bool(frames)
        or any(t.low in denied_things for t in tokens)
        or any(trigger_kind(t, "", ctx.g) in ("sender", "receiver", "noun") for t in tokens)
    )
