"""Stage 2: who says so, and how.

Attribution verbs and phrases ("said", "according to", "accused", "denied"),
with apposition ("the Russian foreign intelligence agency, the SVR, said"),
inverted forms ("..., said the ministry"), known bodies, people and the
countries they speak for, and pronouns or generic heads ("the agency") that
refer back to the last named claimant.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from flows import countries
from flows.claimants import GOVERNMENT, MULTINATIONAL_KINDS, OUTLET, OUTLET_KINDS, multinational_kind
from flows.extract.grammar import Grammar
from flows.extract.lexicon import SAID, Lexicon
from flows.extract.text import Token, split_sentences, tokenize, trigger_kind, trigger_kinds
from flows.ingest.datelines import DATELINE

if TYPE_CHECKING:
    from flows.extract.context import ArticleContext

# A run of capitalised words: titles, demonyms and a name ("Armenian Prime Minister
# Nikol Pashinyan"); titles and demonyms are stripped from the front of it.
# Latin letters with their accents: "Vučić", "Erdoğan", "Sánchez" are names too.
_LATIN = [chr(c) for c in (*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))]
_UPPER = "".join(c for c in _LATIN if c.isupper())
_LOWER = "".join(c for c in _LATIN if c.islower())
_NAME_WORD = rf"[{_UPPER}][{_LOWER}’']+(?:-[{_UPPER}]?[{_LOWER}’']+)*"  # "Amir-Abdollahian", "al-Burhan"
_PERSON_NAME = re.compile(rf"\b({_NAME_WORD}(?:\s+(?:[{_UPPER}]\.\s*)?{_NAME_WORD}){{1,5}})\b")
# "The Director of the Department of International Military Cooperation in the Azerbaijani
# Ministry of Defense, Major General X, stated": a title before a name may run long.
_APPOSITION_REACH = 16
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")

# How specific a claimant is: a known body or acronym, a person, a phrase, a country name.
RANK_BODY, RANK_PERSON, RANK_PHRASE, RANK_COUNTRY, RANK_NONE = 3, 2, 1, 0, -1

# A stronger verb (accused, denied, confirmed) beats "said", and "said" beats a
# finding verb ("found", "showed"), which only stands in when nobody speaks.
_VERB_STRENGTH = {"reported": 0, SAID: 1, "alleged": 2, "confirmed": 2, "denied": 2}


@dataclass(frozen=True)
class LastClaimant:
    """The last named claimant, whom "it said" and "the agency added" refer to."""

    name: str
    country: str
    rank: int
    kind: str


# The rules of this stage, by the name a trace and the golden examples use.
RULES: dict[str, str] = {
    "attribution.phrase": "a phrase attributes: 'according to X', 'a report by X'",
    "attribution.verb": "the subject of an attribution verb says so: 'X said', 'X denied'",
    "attribution.inverted": "the speaker follows the verb: '..., said the ministry'",
    "attribution.apposition": "both parts of an apposition name the speaker: 'the agency, the SVR, said'",
    "attribution.relative_subject": "'Tehran, which admitted ...': the subject is before the comma",
    "attribution.told_outlet": "'sources told Reuters': the outlet told reports (a named speaker who told it speaks)",
    "attribution.denial_qualifier": "'called the claims unfounded', 'baseless', 'lies': a statement that denies",
    "attribution.evidence_holder": "'records obtained by the agency revealed': the one who holds the evidence speaks",
    "attribution.denied_source": "'rejected the Intercept's story alleging ...': the source denied claims it too",
    "attribution.quote_closing": "a quoted sentence speaks with the attribution after the quote closes",
    "attribution.quoted": "'TASS quoted Pashinyan as saying': the one quoted speaks",
    "attribution.same_subject": "'the UAE said ... and denied': the same subject goes on",
    "attribution.stronger_verb": "a stronger verb (accused, denied, confirmed) beats 'said' in one sentence",
    "attribution.accusation_noun": "the agent of an accusation noun: 'after SVR made similar accusations'",
    "attribution.known_body": "a known body by its alias (lexicon known_claimants)",
    "attribution.body_country": "a ministry or agency speaks for the country named beside it",
    "attribution.mission": "'Iran's mission to the United Nations' speaks for Iran, not the UN",
    "attribution.contrast_clause": "a speaker after 'but'/'while' answers the first speaker, who makes the claim",
    "attribution.evidence_yields": "'data from X' yields to a speaker's verb later in the sentence",
    "attribution.outlet_home_office": "an office of no named state ('presidential press office director'), with no dateline: the outlet's own state's",
    "attribution.name_then_title": "'X Y, the director of the service's centre, has said': the name before a title in apposition speaks",
    "attribution.phrase_is_object": "'denied a report by X': a phrase that is a verb's object names what is answered, not who speaks",
    "attribution.relay_yields": "'As X reported, Y said ...': the relay yields to the speaker",
    "attribution.dash_credit": "'... – Politico': a headline's source after a closing dash",
    "attribution.relative_aside": "'..., a move which it says heralds a new era': an aside, not the claim's speaker",
    "attribution.topic_country": "a country after a topic preposition is the topic, not the speaker",
    "attribution.acronym": "an unknown acronym names a body",
    "attribution.person": "a person's name, titles and demonyms stripped (lexicon titles)",
    "attribution.person_of_body": "'Pentagon spokesman John Kirby': the person, of the body's country and kind",
    "attribution.media_head": "an outlet named by a media noun reports for no country",
    "attribution.states": "states named together all speak: 'Moscow and Pyongyang denied'",
    "attribution.relative_speaker": "'tunnels which he said were used to smuggle arms': a speaker inside a relative clause tells the transfer after it",
    "attribution.person_antecedent": "'Netanyahu held a press conference. He said ...': 'he' or 'she' is the last person introduced with a state",
    "attribution.refers_back": "a pronoun or generic head refers to the last named claimant",
    "attribution.antecedent": "'it said' with no claimant yet: the sentences before are read for one",
    "attribution.owner_state": "'its defence ministry said': the state the sentence is about speaks",
    "attribution.unnamed": "'sources said', 'according to media reports': no claim (ANNOTATION.md D1)",
    "attribution.unnamed_officials": "'Western officials said': officials of no state are unnamed too",
    "attribution.phrase_claimant": "a capitalised phrase or source noun names the claimant: 'US officials'",
    "attribution.person_country": "a person takes the country the article gives them anywhere",
    "attribution.public_figure": "a well-known office holder speaks for their country (lexicon public_figures)",
    "attribution.lead_country": "a person quoted right after a lead speaks for the lead's country",
    "attribution.statement_body": "'In a statement by the Azerbaijani Ministry ..., Deputy Minister X said': a person speaks for the body's state",
    "attribution.dateline_country": "a person or body with no country speaks for the dateline's",
}


@dataclass
class Attribution:
    claimant: str = ""
    text: str = ""
    country: str = ""
    rank: int = 0  # RANK_BODY ... RANK_NONE
    kind: str = ""  # of flows.claimants.KINDS, "" when only the words tell (a person, "US officials")
    stance: str = ""
    verb_index: int = -1
    claimant_indexes: set[int] = field(default_factory=set)
    # "Moscow and Pyongyang have both denied": more states speaking together.
    also: tuple[tuple[str, str], ...] = ()
    # "It said", "the agency added" with no claimant named before: look further back.
    wants_antecedent: bool = False
    # "the Ministry of Defence said" with no country beside it: the article's country.
    needs_country: bool = False
    # "sources said", "according to media reports": nobody named, so no claim
    # (ANNOTATION.md D1); the flow is remembered for a denial that answers it.
    unnamed: bool = False
    # The claim date, when the words that date it are outside the sentence (a quote's attribution).
    dated: tuple[str, str, str] | None = None
    # The named source of what a denial rejects ("the Intercept's story"): its claim too.
    embedded: Attribution | None = None
    # A public figure's office ("Foreign Minister"): the same voice as "Iran's foreign minister".
    office: str = ""

    def all_claimants(self) -> list[tuple[str, str]]:
        return [(self.claimant, self.country), *self.also]


def attribution(tokens: list[Token], text: str, last: LastClaimant | None, doc: ArticleContext) -> Attribution:
    """Who says so in this sentence, and how (said, accused, denied...)."""
    g = doc.g
    lex = g.lexicon
    # "Ukraine's claims", "the report", "29 states": after a possessive, a determiner
    # or a count, a noun.
    verbs = [
        i
        for i, t in enumerate(tokens)
        if t.kind == "word"
        and t.low in g.attribution
        and not (
            i
            and (
                tokens[i - 1].possessive
                or tokens[i - 1].low in lex.determiners
                or tokens[i - 1].low in lex.number_words
                or tokens[i - 1].low.isdigit()
            )
        )
        # "The material was found on a container ship": a passive of evidence names no speaker.
        and not (i and t.low in lex.evidence_verbs and tokens[i - 1].low in lex.passive_auxiliaries)
        # "delivering what media reports describe as the largest shipment": an aside naming a thing.
        and not any(w.low in lex.description_openers for w in tokens[max(0, i - 3) : i])
    ]
    # "according to X", "a report by X"
    unnamed_phrase: Attribution | None = None
    wanted_phrase: Attribution | None = None
    for i in range(len(tokens)):
        for phrase, stance in g.phrases.get(tokens[i].low, ()):
            size = len(phrase)
            if all(i + k < len(tokens) and tokens[i + k].low == w for k, w in enumerate(phrase)):
                end = i + size
                if tokens[i].low in lex.evidence_nouns and any(v > end for v in verbs):
                    # "picking apart data from ISTAT, the outlet Altreconomia reported": the
                    # source of the data yields to the one who speaks.
                    doc.fired("attribution.evidence_yields")
                    continue
                if any(v < i and all(t.low in lex.determiners for t in tokens[v + 1 : i]) for v in verbs):
                    # "The UAE denied a report published by the Wall Street Journal": the
                    # report is what the verb's subject answers, not who speaks.
                    doc.fired("attribution.phrase_is_object")
                    continue
                stop = end
                # ("A report by Reuters said Iran sent ...": the phrase ends at the speaker's
                # verb; "data cited by Reuters" goes on to its agent)
                while (
                    stop < len(tokens)
                    and tokens[stop].low not in lex.phrase_stops
                    and not (stop in verbs and (stop + 1 == len(tokens) or tokens[stop + 1].low not in lex.agent_links))
                    and stop - end < 10
                ):
                    stop += 1
                found = name_claimant(tokens, end, stop, text, last, doc)
                if found.wants_antecedent:
                    # "According to the report, ...": the report's author, named before.
                    wanted_phrase = wanted_phrase or found
                if found.claimant:
                    found.stance = stance
                    found.verb_index = i
                    if found.unnamed:
                        # "the paper said, citing officials": the paper, if it is named.
                        unnamed_phrase = unnamed_phrase or found
                        continue
                    doc.fired("attribution.phrase")
                    return found
    best = Attribution(rank=RANK_NONE)
    best_strength = -1
    for index in verbs:
        stance = g.attribution[tokens[index].low]
        span = subject_span(tokens, index, g, doc)
        how = "attribution.verb"
        if (
            span is not None
            and span[1] - span[0] == 1
            and span[0] > 0
            and tokens[span[0] - 1].low in lex.relative_pronouns
            and tokens[span[0]].low in lex.pronouns
        ):
            if not any(trigger_kinds(tokens[index + 1 :], g)):
                # "China donated rifles ..., a move which it says heralds a new era": an aside
                # about the move, not who tells of the transfer.
                doc.fired("attribution.relative_aside")
                continue
            # "tunnels which he said were used to smuggle arms": the speaker of what follows
            doc.fired("attribution.relative_speaker")
        if span is not None:
            found = name_claimant(tokens, span[0], span[1], text, last, doc)
        elif index + 1 < len(tokens):
            how = "attribution.inverted"
            # Inverted: '..., said the ministry' / 'said Peskov'
            stop = index + 1
            while (
                stop < len(tokens)
                and not (tokens[stop].low in lex.phrase_stops and tokens[stop].low != ":")
                and stop - index < 8
            ):
                stop += 1
            found = name_claimant(tokens, index + 1, stop, text, last, doc)
        else:
            found = Attribution()
        if tokens[index].low in lex.quoting_verbs:
            # "TASS quoted Pashinyan as saying": the one quoted speaks.
            link = next(
                (j for j in range(index + 1, min(len(tokens), index + 10)) if tokens[j].low in lex.quote_links), None
            )
            quoted = name_claimant(tokens, index + 1, link, text, last, doc) if link else Attribution()
            if quoted.claimant and not quoted.unnamed:
                found, how = quoted, "attribution.quoted"
        if tokens[index].low in lex.telling_verbs and index + 1 < len(tokens) and (not found.claimant or found.unnamed):
            outlet = g.known_claimants.match(text, tokens[index + 1].start)
            if outlet and g.claimant_by_alias[outlet.group(0)].kind in OUTLET_KINDS:
                # "sources familiar with the sales told Reuters": the outlet reports.
                known = g.claimant_by_alias[outlet.group(0)]
                found = Attribution(
                    known.name, outlet.group(0), known.country, RANK_BODY, known.kind, SAID, index, {index + 1}
                )
                how = "attribution.told_outlet"
        if not found.claimant and best.rank >= 0 and index > 0 and tokens[index - 1].low in lex.same_subject_joiners:
            # "the UAE said ... and denied arming either side": the same subject.
            found = replace(best, claimant_indexes=set(best.claimant_indexes))
            how = "attribution.same_subject"
        if (
            found.claimant
            and best.rank >= 0
            and best.verb_index < index
            and best.text
            and _opens_relay(tokens, best, lex)
        ):
            # "As Ukrainian News Agency earlier reported, CBS News said ...": the relay yields.
            doc.fired("attribution.relay_yields")
            best, best_strength = Attribution(rank=RANK_NONE), -1
        if (
            found.claimant
            and best.rank >= 0
            and found.claimant != best.claimant
            and any(t.low in lex.contrast_words for t in tokens[best.verb_index + 1 : index])
        ):
            # "The US says Iran sent drones to Russia, while Tehran rejects the accusation":
            # the second speaker answers the first, who makes the claim.
            doc.fired("attribution.contrast_clause")
            continue
        if found.claimant:
            found.stance = stance
            found.verb_index = index
            strength = _VERB_STRENGTH[stance] - (tokens[index].low in lex.evidence_verbs)
            if best.rank < 0 or strength > best_strength:
                best_strength = strength
                if best.rank >= 0:
                    doc.fired("attribution.stronger_verb")
                best = found
                doc.fired(how)
    # The pronoun or generic head ("he", "the agency") whose claimant is named earlier.
    wanted = (
        next(
            (
                held
                for index in verbs
                if (span := subject_span(tokens, index, g, None)) is not None
                and (held := name_claimant(tokens, *span, text, None, doc)).wants_antecedent
            ),
            None,
        )
        if best.rank < 0 and last is None
        else None
    ) or (wanted_phrase if best.rank < 0 else None)
    if best.rank < 0:
        credited = _dash_credit(tokens, text, doc)
        if credited is not None:
            # "Belarus 'betrays' Armenia by supplying arms to Azerbaijan – Politico"
            doc.fired("attribution.dash_credit")
            return credited
    accuser = _accusation_agent(tokens, text, last, doc)
    if accuser.claimant and (best.rank < 0 or best.stance == SAID):
        doc.fired("attribution.accusation_noun")
        return accuser
    if best.rank < 0 and unnamed_phrase is not None:
        return unnamed_phrase
    if (
        best.rank >= 0
        and best.stance == SAID
        and any(t.low in lex.denial_qualifiers for t in tokens[best.verb_index + 1 :])
    ):
        # "called Ukraine's claims unfounded", "dismissed the reports as lies": a denial.
        best.stance = "denied"
        doc.fired("attribution.denial_qualifier")
    elif best.rank >= 0 and best.stance == SAID and g.denial_phrases.search(text.lower()):
        # '"Reports that ... transited through Georgia are not true," the ministry said'
        best.stance = "denied"
        doc.fired("attribution.denial_qualifier")
    if best.rank >= 0 and best.stance == "denied":
        best.embedded = _denied_source(tokens, text, best, doc)
    if best.rank < 0 and wanted is not None:
        return Attribution(text=wanted.text, wants_antecedent=True)
    return best if best.rank >= 0 else Attribution()


def _denied_source(tokens: list[Token], text: str, denial: Attribution, doc: ArticleContext) -> Attribution | None:
    """The named source of what a denial rejects: "rejected the Intercept's story alleging
    ...", "denied claims by the Pentagon that ...". It claims the flow too, in its own right."""
    lex = doc.g.lexicon
    for i in range(denial.verb_index + 1, min(len(tokens), denial.verb_index + 8)):
        if tokens[i].low not in lex.denied_things:
            continue
        # "the Intercept news story", "Ukraine's claims": the words before the noun
        before = i
        while before > denial.verb_index + 1 and i - before < 4:
            before -= 1
            if tokens[before].low in lex.determiners:
                break
        # "claims by the Pentagon", "reports from Kyiv": the words after it
        after_end = i + 1
        # ("a report published by the Wall Street Journal": past the participle)
        link = i + 2 if i + 2 < len(tokens) and tokens[i + 1].low in lex.publishing_participles else i + 1
        if link < len(tokens) and tokens[link].low in lex.accusation_agent_links | lex.reference_stops:
            after_end = min(len(tokens), link + 6)
        for start, stop in ((before, i), (link + 1, after_end)):
            if start >= stop:
                continue
            found = name_claimant(tokens, start, stop, text, None, doc)
            # An outlet's report the denial rejects is the outlet's claim (ANNOTATION.md
            # section 4); a state's accusation told only as the thing denied is not coded.
            if (
                found.claimant
                and not found.unnamed
                and found.kind in OUTLET_KINDS
                and found.claimant != denial.claimant
            ):
                doc.fired("attribution.denied_source")
                return replace(found, stance=SAID, verb_index=denial.verb_index)
    return None


def _accusation_agent(tokens: list[Token], text: str, last: LastClaimant | None, doc: ArticleContext) -> Attribution:
    """The agent of an accusation noun: "after SVR made similar accusations", "allegations by X"."""
    g = doc.g
    lex = g.lexicon
    for i, token in enumerate(tokens):
        if token.low not in lex.accusation_nouns:
            continue
        if i + 2 < len(tokens) and tokens[i + 1].low in lex.accusation_agent_links:
            found = name_claimant(tokens, i + 2, min(len(tokens), i + 8), text, last, doc)
        else:
            verb = i - 1
            while verb >= 0 and tokens[verb].low not in lex.accusing_verbs and i - verb <= 4:
                verb -= 1
            if verb < 1 or tokens[verb].low not in lex.accusing_verbs:
                continue
            start = max(clause_start(tokens, verb, set(), g), verb - 6)
            found = name_claimant(tokens, start, verb, text, last, doc)
        if found.claimant and found.rank >= 0:
            found.stance = "alleged"
            found.verb_index = i
            return found
    return Attribution()


def clause_start(tokens: list[Token], index: int, stops: set[int], g: Grammar) -> int:
    """Where the clause holding ``tokens[index]`` begins."""
    position = index - 1
    while position >= 0:
        if tokens[position].low in g.lexicon.clause_breaks or position in stops:
            return position + 1
        position -= 1
    return 0


def _segment_before(tokens: list[Token], end: int, g: Grammar) -> int:
    """Start of the run of tokens before ``end`` that holds no comma or clause break."""
    start = end
    while start > 0 and tokens[start - 1].low not in g.segment_breaks:
        start -= 1
    return start


def subject_span(tokens: list[Token], verb: int, g: Grammar, doc: ArticleContext | None) -> tuple[int, int] | None:
    """The subject of an attribution verb, or None when the subject follows it.

    "X said" -> X; "the agency, the SVR, said" -> both parts of the apposition;
    "..., said the ministry" (a comma or quote right before the verb) -> None.
    """
    lex = g.lexicon
    end = verb
    while end > 0 and tokens[end - 1].low in lex.before_verb:
        end -= 1
    if end > 1 and tokens[end - 1].low in lex.passive_auxiliaries and tokens[verb].low in lex.quoting_verbs:
        end -= 1  # "Lavrov was quoted as saying": the one quoted speaks
    if end == 0:
        return None
    if tokens[end - 1].low in lex.relative_pronouns and end >= 3 and tokens[end - 2].low == ",":
        # "Tehran, which admitted this month that ...": the subject is before the comma.
        start = _segment_before(tokens, end - 2, g)
        if doc is not None and start < end - 2:
            doc.fired("attribution.relative_subject")
        return (start, end - 2) if start < end - 2 else None
    if tokens[end - 1].low in g.segment_breaks:
        inner_end = end - 1
        inner_start = _segment_before(tokens, inner_end, g)
        if 0 < inner_end - inner_start <= 10 and inner_start > 0 and tokens[inner_start - 1].low == ",":
            outer_start = _segment_before(tokens, inner_start - 1, g)
            if 0 < inner_start - 1 - outer_start <= _APPOSITION_REACH:
                if doc is not None:
                    doc.fired("attribution.apposition")
                return outer_start, inner_end
        return None
    if tokens[end - 1].low in lex.pronouns:
        # "In his nightly address on Saturday he said": a pronoun takes no words before it.
        return end - 1, end
    start = max(_segment_before(tokens, end, g), end - 10)
    if start >= 2 and tokens[start - 1].low == "," and tokens[start].low in lex.determiners:
        # "Bacha Mgeladze, the director of the service's centre, has said": the name before
        # the title in apposition speaks.
        name_start = _segment_before(tokens, start - 1, g)
        name = tokens[name_start : start - 1]
        # ("Although X, the leader of ..., has repeated that": a subordinate clause's speaker is not the sentence's)
        subordinate = name_start > 0 and tokens[name_start - 1].low in lex.clause_breaks
        if not subordinate and 2 <= len(name) <= 4 and all(t.text[:1].isupper() and t.kind == "word" for t in name):
            if doc is not None:
                doc.fired("attribution.name_then_title")
            return name_start, end
    return (start, end) if start < end else None


def _strip_titles(name_words: list[str], g: Grammar) -> list[str]:
    titles = g.lexicon.titles
    while name_words and (
        name_words[0].lower().strip(".") in titles
        or countries.resolve(name_words[0])
        # "Justice Minister Tareck El Aissami": a portfolio before a title is the title's
        or (len(name_words) > 2 and name_words[1].lower().strip(".") in titles)
    ):
        name_words = name_words[1:]
    return name_words


def name_claimant(
    tokens: list[Token], start: int, stop: int, text: str, last: LastClaimant | None, doc: ArticleContext
) -> Attribution:
    """Pick the claimant named between ``tokens[start:stop]``; most specific first."""
    if start >= stop:
        return Attribution()
    g = doc.g
    lex = g.lexicon
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
    topical = g.topic_prepositions_not_locative
    for n in range(start, stop):
        token = tokens[n]
        if token.low in topical:
            topic = True
        # "a spokesman for South Africa's department" speaks for it.
        member = n - 2 >= start and tokens[n - 2].low in lex.spokes_titles
        if token.kind == "country" and g.mission_before.search(text[span_start : token.start]):
            # "Iran's Embassy in the Republic of Azerbaijan": the host is not the speaker
            doc.fired("attribution.mission")
            continue
        if token.kind == "country" and not (
            n > start
            and not member
            and (tokens[n - 1].low in topical or (topic and tokens[n - 1].low == lex.locative_preposition))
        ):
            speaking.append(token)
        elif token.kind == "country":
            doc.fired("attribution.topic_country")
    country_tokens = [t for t in speaking if countries.is_state(t.code)]
    # A body of several states (the UN, the EU, NATO) speaks for none of them.
    body_kind = ""
    if speaking and not countries.is_state(speaking[0].code) and speaking[0].code != "XXX":
        body_kind = multinational_kind(speaking[0].code)
    elif country_tokens:
        country = country_tokens[-1].code
    # "Iran's mission to the United Nations" speaks for Iran, not for the UN.
    named = list(g.known_claimants.finditer(span))
    known = [
        m for m in named if not g.mission_before.search(span[: m.start()]) and not _longer_name(span, m.end(), lex)
    ]
    if len(known) < len(named):
        doc.fired("attribution.mission")
    if any(t.low in lex.media_heads for t in tokens[start:stop]):
        doc.fired("attribution.media_head")
        body_kind = OUTLET  # "the Czech news site Seznam Zpravy": an outlet, of its home country
    # The most specific named source is the person, where one is named
    # (ANNOTATION.md section 4): "Pentagon spokesman John Kirby" is Kirby, of the
    # Pentagon's country and kind.
    person = _person_in(span, [(m.start(), m.end()) for m in known], g)
    if known:
        match = known[-1]
        body = g.claimant_by_alias[match.group(0)]
        name, code = body.name, body.country
        needs_country = False
        if "{country}" in name:
            # A ministry or agency speaks for the country named beside it, or, as
            # "its defence ministry", for the state the sentence is about.
            owner = "" if code or country else _owner_state(tokens, start, stop, lex)
            if owner:
                doc.fired("attribution.owner_state")
            code = code or country or owner
            needs_country = not code
            name = name.replace("{country}", countries.name_of(code) if code else "").strip()
            if code:
                doc.fired("attribution.body_country")
        if person:
            doc.fired("attribution.person_of_body")
            return Attribution(
                person,
                span.strip(),
                code,
                RANK_PERSON,
                body.kind,
                claimant_indexes=indexes,
                needs_country=needs_country,
            )
        doc.fired("attribution.known_body")
        return Attribution(
            name, span.strip(), code, RANK_BODY, body.kind, claimant_indexes=indexes, needs_country=needs_country
        )
    for match in reversed(list(_ACRONYM.finditer(span))):
        acronym = match.group(0)
        if countries.resolve(acronym) is None and acronym not in lex.acronyms_not_claimants:
            doc.fired("attribution.acronym")
            return Attribution(acronym, span.strip(), country, RANK_BODY, body_kind, claimant_indexes=indexes)
    if person:
        doc.fired("attribution.person")
        return Attribution(person, span.strip(), country, RANK_PERSON, body_kind, claimant_indexes=indexes)
    agent = next((n for n in range(start + 1, stop - 1) if tokens[n].low in lex.evidence_agent_links), None)
    if agent is not None and any(t.low in lex.evidence_nouns for t in tokens[start:agent]):
        # "Customs records accessed by the agency have revealed": the one who holds the evidence.
        held = name_claimant(tokens, agent + 1, stop, text, last, doc)
        if held.claimant or held.wants_antecedent:
            doc.fired("attribution.evidence_holder")
            return held
    words = [t for t in tokens[start:stop] if t.kind != "punct"]
    while words and (words[0].low in lex.claimant_lead_noise or words[0].low in g.time_words):
        words = words[1:]
    words = [t for t in words if t.low not in lex.before_verb]
    # "Lawmakers who attended" -> "Lawmakers"; "North Korea on Tuesday" -> "North Korea".
    for cut, token in enumerate(words):
        if token.low in lex.relative_cut_words:
            words = words[:cut]
            break
    while words and (words[-1].low in g.time_words or words[-1].low in lex.claimant_trailing_noise):
        words = words[:-1]
    if not words:
        return Attribution()
    heads = [t.low for t in words if t.kind == "word"]
    states = [t for t in words if t.kind == "country" and t.mention_kind in ("name", "capital", "seat", "historic")]
    if states and all(
        t.kind == "country"
        or t.low in lex.coordination
        or t.low == lex.definite_article
        or t.low.endswith(lex.adverb_suffix)
        for t in words
    ):
        doc.fired("attribution.states")
        speakers = [(countries.name_of(t.code), t.code) for t in unique(states)]
        return Attribution(
            speakers[0][0],
            span.strip(),
            speakers[0][1],
            RANK_COUNTRY,
            GOVERNMENT,
            claimant_indexes=indexes,
            also=tuple(speakers[1:]),
        )
    # "it", "the agency", "its latest report to the Security Council": the last
    # named claimant (the words before a preposition decide).
    core = list(itertools.takewhile(lambda word: word not in lex.reference_stops, heads))
    if (
        heads
        and not country_tokens
        and not body_kind
        and (
            heads[0] in lex.pronouns
            or (
                heads[0] in lex.possessive_pronouns
                and all(h in lex.generic_claimants or h in lex.determiners or h in lex.possessive_words for h in core)
                and any(h in lex.generic_claimants for h in core)
            )
        )
    ) and not (last is not None and _other_kind(core, last, lex)):
        if last is not None:
            doc.fired("attribution.refers_back")
            return Attribution(last.name, span.strip(), last.country, last.rank, last.kind, claimant_indexes=indexes)
        return Attribution(text=span.strip(), wants_antecedent=True)
    if not heads and not country_tokens:
        return Attribution()
    if any(t.low in lex.media_heads for t in words):
        body_kind = OUTLET  # "the German newspaper Die Welt" reports
    head = (core or heads)[-1] if heads else ""
    if head in lex.unnamed_heads and len(words) <= 8 and body_kind not in MULTINATIONAL_KINDS:
        # "sources said", "according to media reports", "Israeli security sources":
        # nobody named, so no claim (ANNOTATION.md D1).
        doc.fired("attribution.unnamed")
        return Attribution(span.strip(), span.strip(), country, RANK_PHRASE, claimant_indexes=indexes, unnamed=True)
    if len(words) > 8 or any(trigger_kind(t, "", g) or t.low in g.attribution for t in words):
        return Attribution()  # a clause, not a name: "Iran had not delivered missiles to Russia and"
    shown = words[1:] if words[0].low in lex.name_articles and len(words) > 1 else words
    owner = "" if country else _owner_state(tokens, start, stop, lex)
    if owner:
        # "its defence minister said", of the state the sentence is about.
        country, shown = owner, [Token(countries.name_of(owner), "", 0, 0, "country", owner), *words[1:]]
        doc.fired("attribution.owner_state")
    phrase = " ".join(t.text + ("'s" if t.possessive else "") for t in shown).strip()
    phrase = phrase[:1].upper() + phrase[1:]
    if all(t.text.isdigit() or t.text in lex.acronyms_not_claimants for t in shown):
        return Attribution()  # "Published 10:25 PM": a time, no one
    if len(phrase) > 80 or (
        not any(t.text[:1].isupper() or t.low in lex.source_nouns or t.low in lex.monitor_heads for t in words)
        and not (country_tokens or owner)
    ):
        return Attribution()  # "the equipment said"? a lower-case phrase names no one
    doc.fired("attribution.phrase_claimant")
    return Attribution(phrase, span.strip(), country, RANK_PHRASE, body_kind, claimant_indexes=indexes)


def _longer_name(span: str, end: int, lex: Lexicon) -> bool:
    """ "the Atlantic Club": a known name that goes on into an organisation's name is another body."""
    following = re.match(r"\s+([A-Z][\w-]*)", span[end:])
    return following is not None and following.group(1).lower() in lex.organisation_words


def _owner_state(tokens: list[Token], start: int, stop: int, lex: Lexicon) -> str:
    """ "Norway has delivered ..., its defence ministry said": the state "its" refers to.

    Only a third-person owner of an office or body: "our information" is the speaker's.
    """
    if tokens[start].low not in lex.third_person_owners or not any(
        t.low in lex.titles or t.low in lex.body_nouns or t.low in lex.member_titles for t in tokens[start + 1 : stop]
    ):
        return ""
    for position, token in enumerate(tokens):
        if (
            not start <= position < stop
            and token.kind == "country"
            and countries.is_state(token.code)
            and not token.hyphenated
        ):
            return token.code
    return ""


def _dash_credit(tokens: list[Token], text: str, doc: ArticleContext) -> Attribution | None:
    """The source a headline credits after a closing dash ("... – Politico", "... – PM Pashinyan")."""
    lex = doc.g.lexicon
    end = len(tokens)
    while end > 0 and tokens[end - 1].kind == "punct" and tokens[end - 1].low not in lex.credit_dashes:
        end -= 1
    dash = next(
        (i for i in range(end - 1, max(0, end - _DASH_CREDIT_TOKENS) - 1, -1) if tokens[i].low in lex.credit_dashes), -1
    )
    colon = next((i for i in range(1, min(len(tokens), _COLON_CREDIT_TOKENS + 1)) if tokens[i].low == ":"), -1)
    if colon > 0 and (dash <= 0 or dash + 1 >= end):
        # "U.N.: Eritrea Has Armed Islamic Fighters" (a body or a person; "ISLAMABAD:", "Aden:"
        # before a colon are datelines)
        found = name_claimant(tokens, 0, colon, text, None, doc)
        named = found.claimant and not found.unnamed and found.rank in (RANK_BODY, RANK_PERSON)
        return replace(found, stance=SAID, verb_index=colon) if named else None
    if dash <= 0 or dash + 1 >= end:
        return None
    found = name_claimant(tokens, dash + 1, end, text, None, doc)
    if not found.claimant or found.unnamed or found.rank < 0:
        return None
    return replace(found, stance=SAID, verb_index=dash)


# How many words a headline's closing credit may have ("– Armenian PM Nikol Pashinyan"),
# and its opening one ("U.N.:", "Yemeni officials:").
_DASH_CREDIT_TOKENS = 7
_COLON_CREDIT_TOKENS = 4


def _opens_relay(tokens: list[Token], said: Attribution, lex: Lexicon) -> bool:
    """The attribution's subject follows "as" at the start of a clause ("As Reuters reported, ...")."""
    first = min(said.claimant_indexes, default=-1)
    return first > 0 and tokens[first - 1].low == lex.relay_opener


def _other_kind(core: list[str], last: LastClaimant, lex: Lexicon) -> bool:
    """ "the monitors said" after a report "seen by Reuters": the reference names a
    kind of speaker the last claimant is not, so it is not them."""
    outlet = last.kind in OUTLET_KINDS
    return any((h in lex.media_heads and not outlet) or (h in lex.monitor_heads and outlet) for h in core)


def _person_in(span: str, taken: list[tuple[int, int]], g: Grammar) -> str:
    """The last person named in ``span`` outside the ``taken`` spans (known bodies), or "".

    "Azerbaijani President Ilham Aliyev" -> "Ilham Aliyev": titles and demonyms
    before a name are not part of it.
    """
    lex = g.lexicon
    for match in reversed(list(_PERSON_NAME.finditer(span))):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        if match.group(1).split()[0].lower() in lex.name_articles:
            continue
        name_words = _strip_titles(match.group(1).split(), g)
        name_words = [w for w in name_words if w.lower().strip(".") not in lex.titles]
        # "On Monday Russia said": days, months and lead words are no part of a name
        # ("Monday Abue" is a name: only a day before a country's name is stripped)
        while name_words and (
            name_words[0].lower() in lex.claimant_lead_noise
            or (name_words[0].lower() in g.time_words and countries.resolve(" ".join(name_words[1:])))
        ):
            name_words = name_words[1:]
        if any(w.lower() in lex.organisation_words for w in name_words):
            continue  # "International Peace Research Institute" names a body
        name = " ".join(name_words)
        # A surname may be a country's name ("Michael Jordan"); a given name may not.
        if len(name_words) >= 2 and countries.resolve(name) is None and not countries.resolve(name_words[0]):
            return name
    return ""


def unique(tokens: list[Token]) -> list[Token]:
    """Tokens with distinct codes, first of each kept, unless a later one names an actor.

    "Sudan's RSF": Sudan and the RSF are one end, and the RSF names it best.
    """
    kept: dict[str, Token] = {}
    for token in tokens:
        if token.code and (token.code not in kept or (token.actor and not kept[token.code].actor)):
            kept[token.code] = token
    return list(kept.values())


# --------------------------------------------------------------------------- people


# How many lines at the top of an article (title, byline, stamps) a dateline may be on.
_DATELINE_LINES = 12


def dateline_country(text: str) -> str:
    """The country of the dateline city ("KYIV - ..."), or ""."""
    for line in [line for line in text.split("\n") if line.strip()][:_DATELINE_LINES]:
        match = DATELINE.match(line)
        if match:
            place = re.split(r"[/,(-]", match.group(0))[0].strip()
            code = countries.resolve(place.title())
            if code and countries.is_state(code):
                return code
    return ""


def people(text: str, g: Grammar) -> dict[str, tuple[str, str]]:
    """Surname -> (full name, country) for people introduced with their country.

    "Ukrainian President Volodymyr Zelenskiy", "US Secretary of State Antony
    Blinken": a later "Blinken said" is then Antony Blinken, of the USA.
    """
    lex = g.lexicon
    found: dict[str, tuple[str, str]] = {}
    for match in _PERSON_NAME.finditer(text):
        words = match.group(1).split()
        if words[0].lower() in lex.name_articles:
            continue  # "The Intercept" is an outlet, not a person
        country = ""
        while words and (words[0].lower().strip(".") in lex.titles or countries.resolve(words[0])):
            code = countries.resolve(words[0])
            if code and countries.is_state(code):
                country = code
            words = words[1:]
        if len(words) < 2 or any(countries.resolve(w) for w in words):
            continue
        if not country:
            head = text[max(0, match.start() - 40) : match.start()]
            # The title just before the name only: not the end of a quote before it
            # ('... before the Ukraine war," Hossein Amir-Abdollahian told reporters').
            head = re.split(r"[.!?;,\n][\"”’»]*\s|[\"“”«»]", head)[-1]
            before = [(m.start, m.code) for m in countries.mentions(head) if countries.is_state(m.code)]
            before += [(m.start(), g.actor_by_name[m.group(0)].country) for m in g.actors.finditer(head)]
            country = max(before)[1] if before else ""  # "Wagner's founder Yevgeny Prigozhin": Russia
        if country:
            found.setdefault(words[-1], (" ".join(words), country))
            if len(words) == 2:
                # "Wu Qian ... Wu said": many names put the family name first.
                found.setdefault(words[0], (" ".join(words), country))
    return found


def statement_body_country(tokens: list[Token], claimant_at: int, g: Grammar) -> str:
    """The state of the body a sentence says it quotes, before its speaker: "In a statement by
    the Azerbaijani Ministry of Foreign Affairs, Deputy Foreign Minister X said"."""
    lex = g.lexicon
    for i in range(1, min(claimant_at, len(tokens) - 1)):
        token = tokens[i]
        before = tokens[i - 2].low if tokens[i - 1].low in lex.determiners and i >= 2 else tokens[i - 1].low
        if (
            token.kind == "country"
            and countries.is_state(token.code)
            and before in lex.statement_links
            and tokens[i + 1].low in lex.speaking_bodies
        ):
            return token.code
    return ""


def known_person(
    found: Attribution,
    known_people: dict[str, tuple[str, str]],
    last_country: str,
    home: str,
    doc: ArticleContext,
    body_country: str = "",
) -> Attribution:
    """Give a claimant without a country the one the article gives that person.

    Failing that, a named person speaks for the state whose body the sentence says
    the statement is by (``body_country``), else for the country of the claimant just
    before (a quote after a lead) or of the dateline.
    """
    words = found.claimant.split()
    if words and words[-1] in known_people:
        name, country = known_people[words[-1]]
        doc.fired("attribution.person_country")
        return replace(found, claimant=name, country=country, rank=RANK_PERSON)
    figure = doc.g.public_figures_by_name.get(found.claimant) or (
        doc.g.public_figures.get(words[-1]) if words else None
    )
    if figure is not None:
        doc.fired("attribution.public_figure")
        return replace(found, claimant=figure.name, country=figure.country, rank=RANK_PERSON, office=figure.office)
    if found.rank == RANK_PERSON and body_country:
        doc.fired("attribution.statement_body")
        return replace(found, country=body_country)
    if found.rank == RANK_PERSON or found.needs_country:
        if last_country:
            doc.fired("attribution.lead_country")
        elif home:
            doc.fired("attribution.dateline_country")
        elif doc.outlet.country and doc.g.lexicon.domestic_offices & set(found.text.lower().split()):
            # "presidential press office director Victor Papadopoulos said", in a Cypriot
            # paper with no dateline: an office of no named state is the paper's own state's.
            doc.fired("attribution.outlet_home_office")
            return replace(found, country=doc.outlet.country)
        return replace(found, country=last_country or home)
    return found


def earlier_claimant(
    text: str, before: int, doc: ArticleContext, known_people: dict[str, tuple[str, str]] | None = None
) -> LastClaimant | None:
    """The last named claimant in the three sentences before ``before``.

    "The panel said ...": when the sentences that named the panel had no
    transfer word, the extractor has not read them yet. With ``known_people``
    (the article's :func:`people`, given for "he" or "she"), else the last of
    them named before.
    """
    g = doc.g
    window = text[max(0, before - 1500) : before]
    earlier = split_sentences(window, g)[-3:]
    for sentence in reversed(earlier):
        tokens = tokenize(sentence.text, g)
        found = attribution(tokens, sentence.text, None, doc)
        if found.claimant and found.rank >= 0:
            doc.fired("attribution.antecedent")
            return LastClaimant(found.claimant, found.country, found.rank, found.kind)
    if known_people:
        # "Netanyahu held a press conference. He said ...": "he" or "she" is the last
        # person the article introduced with a state, though they said nothing yet.
        last_named = [m.group(1).split()[-1] for m in _PERSON_NAME.finditer(window)]
        for surname in reversed(last_named):
            if surname in known_people:
                name, country = known_people[surname]
                doc.fired("attribution.person_antecedent")
                return LastClaimant(name, country, RANK_PERSON, "")
    return None
