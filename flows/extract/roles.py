"""Stage 3: frames. What one sentence says about one transfer: who sends, who
receives, through whom, what, and whether it is a transfer at all.

Each country or non-state actor takes a role from the nearest route marker
before it across transparent words ("through two firms in the Czech Republic
and Bulgaria" -> via both), from its place as subject or object of the
transfer verb, from a suffix ("Serbia-made") or a demonym on a maker or a
weapon ("two Serbian companies", "Iranian drones"). One frame per transfer verb.
Plans, pledges, open questions and other topics (drills, strikes) give none.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from flows import countries
from flows.claimants import MULTINATIONAL_KINDS, NGO, OUTLET, OUTLET_KINDS
from flows.extract.attribution import Attribution, clause_start, name_claimant, unique
from flows.extract.context import SentenceContext
from flows.extract.dating import claim_date, publication_date
from flows.extract.grammar import Grammar
from flows.extract.lexicon import SAID, Lexicon
from flows.extract.text import Sentence, Token, token_at, trigger_kind
from flows.route import CHAIN_SEPARATOR

_MAX_ITEMS_TEXT = 120

# The rules of this stage, by the name a trace and the golden examples use.
RULES: dict[str, str] = {
    "roles.sender": "a sender verb: its subject sends, its object or 'to' receives (lexicon sender_verbs)",
    "roles.approval_denied": "'did not approve any weapons shipments to Russia': a denial, not a plan (lexicon approval_words)",
    "roles.hostile_demonym": "'defend itself from Russian aggression': a demonym on an attack is no end of a route",
    "roles.maker_yields": "a sender named in the sentence makes where the arms were made no origin ('Chinese weapons dropped by Pak drone')",
    "roles.thanked_sender": "'thanked China for providing the aircraft': the one thanked sent them to the thanker's state",
    "roles.seized_in_place": "'weapons seized in Mexico originate from the United States': bound where they were caught (D11)",
    "roles.home_guard_destination": "a state's customs or police speaking of arms shipped from abroad: they came into that state (D11)",
    "roles.thanked_for_arms": "'Chavez thanks Russia for tanks': thanks for arms confirm them, from the one thanked",
    "roles.question": "a question asserts no transfer ('Is the UAE supplying drones to Eritrea?')",
    "roles.hypothetical": "'any shipment', 'possible transfers': imagined, not claimed, unless denied (lexicon hypothetical_words)",
    "roles.participle_of_arms": "'weapons sent to help Kyiv': a participle after arms describes them; the subject sent nothing",
    "roles.owner_of_sent_arms": "'US weapons supplied to Zelensky': the country of the arms a participle describes sent them",
    "roles.receiver": "a receiver verb: its subject receives, 'from' sends (lexicon receiver_verbs)",
    "roles.goods": "a verb whose subject is the arms: 'shells reached Ukraine' (lexicon goods_verbs)",
    "roles.seizure": "a seizure: the seizer is no party (lexicon seizure_verbs)",
    "roles.user": "using arms claims a transfer only with their foreign origin named (lexicon user_verbs)",
    "roles.noun": "a transfer noun: 'arms sales to', 'shipments of' (lexicon transfer_nouns)",
    "roles.noun_after_determiner": "a transfer verb after a determiner or arms noun is a noun (lexicon noun_before)",
    "roles.relative_continues": "'to Y, which then sent them to Z' continues the first transfer",
    "roles.coordinated_verbs": "'sold and shipped': coordinated verbs are one transfer",
    "roles.supplier_of_used": "'using Leopard tanks supplied by Germany': the supplier of what is used",
    "roles.bought_then_arrived": "'shells, bought from South Korea, arrived in Poland': one transfer",
    "roles.chain_then": "'exported to the Emirates and then transferred to the RSF': the first recipient is an intermediary",
    "roles.hedged": "a plan, pledge, refusal or open question is no transfer (lexicon modal_words, conditional_words)",
    "roles.other_topic": "drills, strikes, co-production near the verb: no transfer (lexicon non_transfer_cues)",
    "roles.negated": "a negation before the verb makes it a denial (lexicon negation_words)",
    "roles.participle_subject": "'..., sending tanks': a participle after a comma takes the clause's subject",
    "roles.possessive_supporter": "'Ukraine's backers': the possessive is the recipient (lexicon supporter_nouns)",
    "roles.possessive_importer": "'India's arms imports from Russia': the possessive receives",
    "roles.possessive_owner": "'Turkey's drone exports': the owner of the transfer is its origin",
    "roles.possessive_receiving": "'69 percent of Azerbaijan's arms imports' (lexicon receiving_nouns)",
    "roles.passive_by": "'supplied to the Houthis by Iran': 'by' after a sender word is the origin",
    "roles.passive_receiver": "'systems received by Ukraine from the US': 'by' right after a receiver word receives",
    "roles.seized_at_home": "'Jordan's army seized weapons from Syria': arms seized at home were bound there",
    "roles.seizer": "'Shin Bet intercepts Iranian arms': with nobody else named, the seizer claims it (D11)",
    "roles.marker_via": "a route marker before a country makes it an intermediary: 'through', 'via' (lexicon role_markers)",
    "roles.marker_origin": "a route marker makes a country the origin: 'from', 'made in'",
    "roles.marker_destination": "a route marker makes a country the destination: 'to', 'bound for'",
    "roles.marker_none": "a 'to' that names a trip or a relation: 'a visit to London'",
    "roles.to_before_verb": "a 'to' before the verb belongs to another verb",
    "roles.origin_suffix": "'US-supplied missiles': the supplier (lexicon supply_suffixes; '-made' names none)",
    "roles.demonym_body": "'Ukrainian troops have begun using': a state's own bodies act as the state (lexicon body_nouns)",
    "roles.demonym_company": "'two Serbian companies sold': a maker names the origin (lexicon company_words)",
    "roles.destroyed_in_transit": "'destroyed Turkish vehicles that arrived through Misrata': arms destroyed while told as moving are seized (lexicon destroying_verbs, moving_cues)",
    "roles.new_clause_subject": "'to Armenia and Azerbaijan expected an explanation': a country after 'and' that a verb follows opens a clause (lexicon clause_verbs)",
    "roles.public_figure_party": "'President Rodrigo Duterte received firearms from China': an office holder who sends or receives acts for their state (flows/data/public_figures.csv)",
    "roles.supplier_moved_from": "'US-provided missiles were transported from Cyprus to Israel': a '-provided' supplier is the origin, the place moved from lies on the way",
    "roles.message_sent": "'a letter sent by X to Y', 'gave a strong warning to': a message sent or given is no arms (lexicon message_nouns)",
    "roles.relation_possessive": "'to Armenia's adversary Azerbaijan': a state named only as the other's relation is no party (lexicon relation_nouns)",
    "roles.moved_to_act": "'Russia has moved to formalize ...': a verb of moving before an infinitive takes a step, moves no arms (lexicon stepping_verbs)",
    "roles.departure": "'the aircraft left the United States en route to Nigeria': arms or their carrier leave the origin (lexicon departure_verbs)",
    "roles.demonym_carrier": "'an Egyptian cargo ship delivered weapons': a carrier's state sends (lexicon carrier_nouns)",
    "roles.demonym_weapon": "'Iranian drones': the arms' nationality is the origin when no sender is named",
    "roles.subject": "the subject of a sender or receiver verb, with those coordinated",
    "roles.agent_noun": "'China is the main supplier of ...': an agent noun's subject sends",
    "roles.shared_recipient": "'donated weapons and sent trainers to CAR': two verbs of one subject share the recipient told after the second",
    "roles.we_the_state": "'\"We sold rifles to Azerbaijan,\" President X said': 'we' before a transfer verb is the speaker's state",
    "roles.supplier_list": "'the main suppliers were the United States, Poland and Germany': a copula after an agent noun names its suppliers",
    "roles.object_recipient": "'supplied Russia with drones': the object of a sender verb receives",
    "roles.own_country": "'it had sent', 'denied supplying': the claimant's own country acts",
    "roles.noun_owner": "'US arms sales to Taiwan', 'Russia increased arms exports to China': the owner sends",
    "roles.transit_noun": "'Cyprus served as a transit for US missiles': a transit noun makes the country an intermediary",
    "roles.country_on_arms": "'a transit point for US missiles': a country before the arms names them, no recipient",
    "roles.passive_recipient": "'Ukraine has been given the S-300': the subject of a passive sender verb receives",
    "roles.admitted": "'Sweden has confirmed the weapons were sold to Venezuela': who admits an unattributed sale made it",
    "roles.reexport_maker": "'made in China, re-exported by the UAE': what is re-exported was bought where it was made",
    "roles.claim_owner": "'rejects U.S. claim of sending drones': a country that owns a claim is no party",
    "roles.own_shipments": "'X confirmed the shipments to Russia': a speaker's own state sends what it speaks of",
    "roles.own_country_named": "'his country', 'our country': the speaker's own state, wherever it stands",
    "roles.actor_located": "'Wagner fighters in Libya': a non-state actor is coded where it operates",
    "roles.ongoing": "'will continue to supply': a plan word before 'continue' claims an ongoing transfer",
    "roles.parallel_routes": "several intermediaries are parallel routes",
    "roles.chain_via": "'then' between intermediaries makes one chain (lexicon chain_words)",
    "roles.which_chain": "'to Y, which then sent them to Z': every destination but the last is an intermediary",
    "roles.short_state_name": "'the North', 'the South': North or South Korea in an article that names it (lexicon short_state_names)",
    "roles.final_destination": "'sold to Poland that ended up in Ukraine': a 'to' before a final-destination marker (lexicon final_destination_markers) names an intermediary",
    "roles.items_object": "items are the verb's object when it names arms (lexicon weapons)",
    "roles.items_nearest": "else the arms word nearest the verb",
    "roles.items_listed": "a long span becomes a list of its arms words",
    "roles.quantity": "a count before the arms: '40,000 rounds', 'two helicopters' (lexicon number_words)",
    "roles.stance_party": "a speaker whose country sends or receives confirms (lexicon own_flow_stance)",
    "roles.stance_reporter": "an outlet or wire reports (its home country is the claimant country)",
    "roles.stance_monitor": "a UN or multinational body or a monitoring group alleges",
    "roles.stance_third_party": "a third state's statement alleges (lexicon third_party_stance)",
    "roles.hearsay": "'reportedly', 'allegedly' in the outlet's own voice: an unnamed source's claim, no claim (D1)",
    "roles.outlet_voice": "with no attribution, the outlet reports, on its publication date",
}


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
    claimant_office: str = ""
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
    # A flow the sentence names without claiming it: a plan ("will send") or a
    # claim of unnamed sources ("sources said"). Not a claim; a later denial may answer it.
    hedged: bool = False
    unnamed: bool = False
    illicit: bool = False  # smuggled, trafficked, seized
    lead: bool = False  # in the headline or the lead, which sum up what the body attributes
    kind: str = ""  # sender, receiver, goods, seizure, user, noun
    confidence: float = 0.4
    weak_origin: bool = False  # the origin is only where the arms were made ("Chinese weapons")
    route_text: str = ""


def _resolve_references(ctx: SentenceContext) -> None:
    """Give tokens the parties they stand for, in place, before roles are read.

    - "Wagner fighters in Libya": the actor operates in Libya, so it is coded there
      (ANNOTATION.md section 5) and Libya is no end of its own.
    - "his country", "our country": the speaker's own state.
    """
    tokens, lex, g = ctx.tokens, ctx.g.lexicon, ctx.g
    short_names = dict(lex.short_state_names)
    for position, token in enumerate(tokens):
        if token.kind == "actor":
            for ahead in range(position + 1, min(len(tokens), position + 4)):
                word = tokens[ahead]
                if word.low in lex.actor_locatives and ahead + 1 < len(tokens) and tokens[ahead + 1].kind == "country":
                    place = tokens[ahead + 1]
                    if countries.is_state(place.code) and place.mention_kind != "demonym":
                        token.code, place.kind = place.code, "word"
                        ctx.fired("roles.actor_located")
                    break
                if not (is_transparent(word, g) or word.low in lex.body_nouns):
                    break
        elif (
            token.kind == "word"
            and position > 0
            and (
                (token.low in lex.own_country_nouns and tokens[position - 1].low in lex.own_country_owners)
                # "the government did not approve ...", said by a South African minister
                or (token.low in lex.definite_own_nouns and tokens[position - 1].low == lex.definite_article)
                # "... told reporters that the army had bought T-72 tanks": right before its verb
                or (
                    token.low in lex.definite_own_bodies
                    and tokens[position - 1].low == lex.definite_article
                    and _verb_follows(ctx, position)
                )
                # "... said the country did not transfer any ammunition": its own, if no other state came first
                or (
                    token.low in lex.definite_own_states
                    and tokens[position - 1].low == lex.definite_article
                    and _verb_follows(ctx, position)
                    and all(t.code == ctx.attribution.country for t in tokens[:position] if t.kind == "country")
                )
            )
            and ctx.attribution.country
            and countries.is_state(ctx.attribution.country)
        ):
            token.kind, token.code, token.mention_kind = "country", ctx.attribution.country, "name"
            ctx.fired("roles.own_country_named")
        elif (
            token.low in lex.speaking_state_pronouns
            and ctx.attribution.country
            and countries.is_state(ctx.attribution.country)
            and ctx.attribution.kind not in (*OUTLET_KINDS, *MULTINATIONAL_KINDS, NGO)
            and _verb_follows(ctx, position)
        ):
            # '"We sold rifles to Azerbaijan," President Lukashenko said': a state's
            # speaker saying "we" before a transfer verb speaks of that state.
            token.kind, token.code, token.mention_kind = "country", ctx.attribution.country, "name"
            ctx.fired("roles.we_the_state")
        elif (
            token.kind == "word"
            and token.text[:1].isupper()
            and position > 0
            and tokens[position - 1].low == lex.definite_article
            and not (position + 1 < len(tokens) and tokens[position + 1].text[:1].isupper())
            and (code := short_names.get(token.low, ""))
            and code in ctx.doc.named_states  # (read from the whole article only when needed)
        ):
            # "Shin told reporters the North had sent about 6,700 containers to Russia"
            token.kind, token.code, token.mention_kind = "country", code, "name"
            ctx.fired("roles.short_state_name")
        elif token.kind == "word" and position not in ctx.attribution.claimant_indexes:
            figure = _acting_figure(ctx, position)
            if figure:
                # "President Rodrigo Duterte received firearms from China": an office holder
                # who sends or receives acts for their state.
                token.kind, token.code, token.mention_kind = "country", figure, "name"
                ctx.fired("roles.public_figure_party")


def _verb_follows(ctx: SentenceContext, position: int) -> bool:
    """A sender or receiver verb right after ``position`` (auxiliaries and time words between)."""
    verb = position + 1
    lex, tokens = ctx.g.lexicon, ctx.tokens
    while verb < len(tokens) and (tokens[verb].low in lex.auxiliaries or tokens[verb].low in ctx.g.time_words):
        verb += 1
    return verb < len(tokens) and ctx.trigger_kinds[verb] in ("sender", "receiver")


def _acting_figure(ctx: SentenceContext, position: int) -> str:
    """The state of a public figure (flows/data/public_figures.csv) named at ``position``
    as the subject of a sender or receiver verb, or ""."""
    tokens, g = ctx.tokens, ctx.g
    figure = g.public_figures.get(tokens[position].text)
    if figure is None or (position + 1 < len(tokens) and tokens[position + 1].text[:1].isupper()):
        return ""  # not a listed surname, or not the last word of a name
    if not _verb_follows(ctx, position):
        return ""
    return figure.country if countries.is_state(figure.country) else ""


def read_frames(ctx: SentenceContext) -> list[Frame]:
    """One frame per transfer verb of the sentence (or its first transfer noun)."""
    _resolve_references(ctx)
    tokens, lex = ctx.tokens, ctx.g.lexicon
    triggers = [(i, kind) for i, kind in enumerate(ctx.trigger_kinds) if kind]
    if not triggers:
        return _thanks_frames(ctx)
    # "to Y, which then sent them to Z" continues the first transfer: not a new one.
    verbs = [
        (i, k)
        for i, k in triggers
        if k != "noun" and not any(t.low in lex.relative_pronouns for t in tokens[max(0, i - 3) : i])
    ]
    # "sold and shipped": coordinated verbs are one transfer; keep the last.
    if len(verbs) < sum(k != "noun" for _, k in triggers):
        ctx.fired("roles.relative_continues")
    joined = [
        (i, k)
        for n, (i, k) in enumerate(verbs)
        if not (n + 1 < len(verbs) and all(t.low in lex.verb_joiners for t in tokens[i + 1 : verbs[n + 1][0]]))
    ]
    if len(joined) < len(verbs):
        ctx.fired("roles.coordinated_verbs")
    verbs = joined
    chosen = verbs or triggers[:1]
    # "the main suppliers were the United States, which accounted for 35% of arms
    # imports, Poland and Germany": a transfer word inside the list is no new transfer.
    listed = [
        (i, k)
        for n, (i, k) in enumerate(chosen)
        if not any(_in_supplier_list(tokens, j, i, lex) for j, _ in chosen[:n])
    ]
    if len(listed) < len(chosen):
        ctx.fired("roles.supplier_list")
    chosen = listed
    mentions: list[Frame] = []
    for index, kind in chosen:
        ctx.fired(f"roles.{kind}")
        if kind == "noun" and trigger_kind(tokens[index], "", ctx.g) == "sender":
            ctx.fired("roles.noun_after_determiner")
    frames: list[Frame] = []
    previous: tuple[Frame, int] | None = None
    for n, (index, kind) in enumerate(chosen):
        low = chosen[n - 1][0] + 1 if n > 0 else 0
        high = chosen[n + 1][0] if n + 1 < len(chosen) else len(tokens)
        frame = read_trigger(ctx, index, kind, low, high)
        if frame is None:
            continue
        if frame.hedged:
            mentions.append(frame)
            continue
        if previous is not None and previous[0].negated == frame.negated:
            first = previous[0]
            if first.destinations and not first.origins and frame.origins and not frame.destinations:
                # "using Leopard tanks supplied by Germany": the supplier of what is used.
                first.origins, first.kind = frame.origins, frame.kind
                attribute(first, ctx, previous[1])
                ctx.fired("roles.supplier_of_used")
                continue
            if (
                first.origins
                and not first.destinations
                and frame.kind in ("goods", "user")
                and frame.destinations
                and not frame.origins
            ):
                # "weapons supplied by the UAE are being used by the RSF": the user received them.
                # "shells, bought from South Korea, arrived in Poland": one transfer.
                first.destinations = frame.destinations
                first.kind = first.kind if frame.kind == "goods" else "sender"
                first.via = [*first.via, *frame.via]
                attribute(first, ctx, previous[1])
                ctx.fired("roles.bought_then_arrived")
                continue
            if (
                first.origins
                and not first.destinations
                and first.kind == frame.kind == "sender"
                and frame.destinations
                and {t.code for t in frame.origins} <= {t.code for t in first.origins}
                and tokens[index - 1].low in lex.verb_joiners - lex.segment_punctuation
                and not lex.clause_breaks & {t.low for t in tokens[previous[1] + 1 : index]}
            ):
                # "Moscow donated hundreds of weapons and sent 175 trainers to CAR": one
                # subject, two verbs, the recipient told once, after the second.
                first.destinations, first.via = frame.destinations, [*first.via, *frame.via]
                attribute(first, ctx, previous[1])
                ctx.fired("roles.shared_recipient")
        if previous is not None and _continues(tokens, previous, frame, index, ctx.g):
            # "exported by France to the Emirates and then transferred to the RSF":
            # one route, with the first recipient as an intermediary.
            first = previous[0]
            first.via = [*first.via, CHAIN_SEPARATOR.join(t.code for t in first.destinations)]
            first.destinations = frame.destinations
            ctx.fired("roles.chain_then")
            continue
        if not any(_same_route(frame, other) for other in frames):
            frames.append(frame)
            previous = (frame, index)
    if any(f.origins and not f.weak_origin for f in frames):
        # "seizes Chinese weapons dropped by Pak drone": the sender named by one verb
        # makes where the arms were made, told by another, no origin.
        for frame in frames:
            if frame.weak_origin:
                frame.origins, frame.weak_origin = [], False
                ctx.fired("roles.maker_yields")
    # Using arms claims no transfer (ANNOTATION.md section 1: "Iranian-made drones
    # struck Kyiv"); a use frame only tells who received arms a supplier sent.
    return [frame for frame in frames if frame.kind != "user"] + mentions


def _thanks_frames(ctx: SentenceContext) -> list[Frame]:
    """ "Chavez thanks Russia for tanks": thanks for arms confirm their transfer from the
    one thanked to the thanker's state."""
    tokens, g, said = ctx.tokens, ctx.g, ctx.attribution
    lex = g.lexicon
    if not said.country or not countries.is_state(said.country):
        return []
    for k in range(len(tokens) - 3):
        thanked = tokens[k + 1]
        if (
            tokens[k].low in lex.thanking_verbs
            and _is_party(thanked)
            and countries.is_state(thanked.code)
            and thanked.code != said.country
            and tokens[k + 2].low == lex.thanks_link
            and any(
                tokens[k + 3].start <= start < tokens[min(len(tokens), k + 7) - 1].end for start, _, _ in ctx.weapons
            )
        ):
            frame = Frame(ctx.sentence)
            frame.origins = [thanked]
            frame.destinations = [Token(said.text, said.text.lower(), 0, 0, "country", said.country, "name")]
            frame.kind, frame.trigger_is_verb = "sender", True
            frame.route_text = ctx.text
            _fill_items(frame, ctx, k + 2)
            attribute(frame, ctx, k + 2)
            ctx.fired("roles.thanked_for_arms")
            return [frame]
    return []


def route_set(via: Iterable[str]) -> frozenset[str]:
    """Every intermediary of a route list, chains split."""
    return frozenset(code for route in via for code in route.split(CHAIN_SEPARATOR))


def _is_party(token: Token) -> bool:
    return token.kind in ("country", "actor")


def _moves_to_act(ctx: SentenceContext, index: int) -> bool:
    """ "has moved to formalize": a verb of moving before an infinitive takes a step, moves no arms."""
    tokens, g = ctx.tokens, ctx.g
    lex = g.lexicon
    if (
        tokens[index].low not in lex.stepping_verbs
        or index + 2 >= len(tokens)
        or tokens[index + 1].low != lex.infinitive_marker
    ):
        return False
    following = tokens[index + 2]
    return (
        following.kind == "word"
        and following.text.islower()
        and following.low not in lex.determiners
        and not is_transparent(following, g)
        and following.low not in lex.number_words
        and not following.text.isdigit()
    )


def _sends_a_message(tokens: list[Token], index: int, lex: Lexicon) -> bool:
    """The thing sent or given is a message, not arms: the noun just before a participle
    ("a letter sent by"), or the verb's object ("gave a strong warning to")."""
    if index and tokens[index - 1].low in lex.message_nouns:
        return True
    for token in tokens[index + 1 : index + 4]:
        if token.low in lex.message_nouns:
            return True
        if not (token.low in lex.determiners or token.low in lex.message_modifiers):
            return False
    return False


def _arms_leave(ctx: SentenceContext, index: int) -> bool:
    """Whether arms or their carrier come before a verb of leaving (its subject)."""
    start = ctx.tokens[index].start
    carriers = ctx.g.lexicon.carrier_nouns
    return any(end <= start for _, end, _ in ctx.weapons) or any(t.low in carriers for t in ctx.tokens[:index])


def _opens_a_clause(tokens: list[Token], position: int, g: Grammar) -> bool:
    """A country after "and" that a verb follows is the subject of a new clause, not one more of a list."""
    lex = g.lexicon
    if position < 1 or position + 1 >= len(tokens) or tokens[position - 1].low not in lex.coordination:
        return False
    following = tokens[position + 1].low
    return following in g.attribution or following in lex.clause_verbs


def _carrier_follows(tokens: list[Token], position: int, trigger: int, lex: Lexicon) -> bool:
    """A carrier noun among the few words between a demonym and its verb ("Egyptian military cargo ship")."""
    return any(t.low in lex.carrier_nouns for t in tokens[position + 1 : min(trigger, position + 5)])


def _nearest_group(tokens: list[Token], start: int, trigger: int, exclude: set[int], g: Grammar) -> set[int]:
    """The countries that make up the subject just before a verb, with those coordinated.

    In "US officials believe Iran was smuggling", Iran is the subject of
    "smuggling" and the US is not; in "Bulgaria and the Czech Republic ...
    supply", both are.
    """
    group: set[int] = set()
    position = trigger - 1
    while position >= start:
        token = tokens[position]
        if _is_party(token) and position not in exclude and not token.hyphenated and countries.is_state(token.code):
            group.add(position)
        elif group and token.low not in g.lexicon.coordination and not is_transparent(token, g):
            break
        position -= 1
    return group


def _first_group(tokens: list[Token], start: int, trigger: int, exclude: set[int], g: Grammar) -> set[int]:
    """The first countries of a clause (its subject), with those coordinated with them."""
    group: set[int] = set()
    for position in range(start, trigger):
        token = tokens[position]
        if (
            _is_party(token)
            and position not in exclude
            and not token.hyphenated
            and not token.possessive
            and countries.is_state(token.code)
        ):
            group.add(position)
        elif group and token.low not in g.lexicon.coordination and not is_transparent(token, g):
            break
    return group


def _continues(tokens: list[Token], previous: tuple[Frame, int], frame: Frame, index: int, g: Grammar) -> bool:
    first, first_index = previous
    if frame.origins or not frame.destinations or len(first.destinations) != 1:
        return False
    between = {t.low for t in tokens[first_index + 1 : index]}
    return bool(between & g.lexicon.chain_words) and not (
        {t.code for t in frame.destinations} & {t.code for t in first.origins + first.destinations}
    )


def _in_supplier_list(tokens: list[Token], index: int, position: int, lex: Lexicon) -> bool:
    """Whether ``position`` lies after the copula of the agent noun at ``index``, before its list ends."""
    if position <= index or not tokens[index].low.startswith(lex.supplier_agent_nouns):
        return False
    copula = next((j for j in range(index + 1, position) if tokens[j].low in lex.supplier_list_verbs), -1)
    return copula > 0 and not any(t.low in lex.supplier_list_ends for t in tokens[index + 1 : position])


def _named_supplier(tokens: list[Token], index: int, position: int, lex: Lexicon) -> bool:
    """Whether a copula after the agent noun at ``index`` names ``tokens[position]`` as a
    supplier ("the main suppliers of arms to Ukraine were the United States, Poland ...")."""
    token = tokens[position]
    if token.possessive or token.mention_kind == "demonym":
        return False
    return _in_supplier_list(tokens, index, position, lex)


def _following_word(tokens: list[Token], position: int) -> str:
    return tokens[position + 1].low if position + 1 < len(tokens) else ""


def is_transparent(token: Token, g: Grammar) -> bool:
    """A word that may stand between a marker or verb and its country ("the eastern-based",
    "to Armenia's adversary Azerbaijan")."""
    lex = g.lexicon
    return (
        token.low in lex.transparent_words
        or token.low in lex.relation_nouns
        or bool(g.place_adjective.match(token.low))
    )


def _is_final_marker(tokens: list[Token], start: int, end: int, lex: Lexicon) -> bool:
    """Whether the marker at ``tokens[start:end]`` names where arms went in the end ("ended up in")."""
    words = tuple(t.low for t in tokens[start:end])
    return any(words[: len(marker)] == marker for marker in lex.final_destination_markers)


def marker_role(tokens: list[Token], index: int, g: Grammar) -> tuple[str, int]:
    """Role given by the nearest marker before ``tokens[index]``, and the marker's index."""
    position = index - 1
    while position >= 0:
        token = tokens[position]
        if token.low in g.marker_last_words:
            # Longest marker first, as the lexicon lists specific before general.
            for size in range(min(g.marker_size, position + 1), 0, -1):
                marker = tuple(t.low for t in tokens[position - size + 1 : position + 1])
                role = g.markers.get(marker)
                if role is not None:
                    return role, position - size + 1
        if token.low == ")":
            # "to China (by 39%) and Egypt": an aside inside a list of countries
            opening = next(
                (j for j in range(position - 1, max(-1, position - _ASIDE_TOKENS), -1) if tokens[j].low == "("), -1
            )
            if opening > 0:
                position = opening - 1
                continue
        if _is_party(token) or is_transparent(token, g):
            position -= 1
            continue
        return "", -1
    return "", -1


# The longest aside in brackets that a list of countries may carry ("(17%)", "(in 2021)").
_ASIDE_TOKENS = 8


def _body_follows(tokens: list[Token], position: int, g: Grammar) -> bool:
    """ "Myanmar's military", "Mali's junta-dominated government": a state's own body, so the state."""
    lex = g.lexicon
    for ahead in tokens[position + 1 : position + 4]:
        if ahead.low in lex.body_nouns:
            return True
        if ahead.kind != "word" or not (ahead.low in lex.body_modifiers or "-" in ahead.low):
            return False
    return False


def _owns_the_transfer(tokens: list[Token], position: int, index: int, g: Grammar) -> bool:
    """The country owns the transfer noun at ``index``: it modifies it ("US arms sales"),
    or it is the subject of a verb of doing whose object the noun is ("Russia increased
    arms exports"), not of one of talking about it ("Azerbaijan complained about shipments")."""
    lex = g.lexicon
    if position >= index:
        return False
    between = tokens[position + 1 : index]
    if len(between) <= 2 and all(g.weapon_scan.fullmatch(t.low) or t.low in lex.noun_before for t in between):
        return True
    return (
        len(between) <= 6
        # "South Africa did not approve any weapons shipments": who approves exports sends them
        and any(t.low in lex.owner_verbs or t.low in lex.approval_words for t in between)
        and all(
            t.low in lex.owner_verbs
            or t.low in lex.approval_words
            or t.low in lex.negation_words
            or t.low in lex.hypothetical_words
            or t.low in lex.auxiliaries
            or t.low in lex.noun_before
            or g.weapon_scan.fullmatch(t.low)
            or t.low.endswith(lex.adverb_suffix)
            for t in between
        )
    )


def _is_transit(tokens: list[Token], position: int, lex: Lexicon) -> bool:
    """ "Cyprus served as a transit", "Turkey is a hub for": a transit noun just after the country."""
    return any(t.low in lex.transit_nouns for t in tokens[position + 1 : position + 6])


def _passive(tokens: list[Token], index: int, lex: Lexicon) -> bool:
    """ "has been given", "were sold": a form of "be" right before the sender verb
    ("is arming", "was supplying" are progressive, not passive)."""
    if tokens[index].low.endswith(lex.participle_suffix):
        return False
    position = index - 1
    while position >= 0 and tokens[position].low.endswith(lex.adverb_suffix):
        position -= 1
    return position >= 0 and tokens[position].low in lex.passive_auxiliaries


def _same_clause(tokens: list[Token], index: int, position: int, g: Grammar) -> bool:
    """No clause break between the trigger and a later word ("..., while X asked a Lebanese company")."""
    return position < index or not any(t.low in g.segment_breaks for t in tokens[index + 1 : position])


def _modifies_arms(ctx: SentenceContext, index: int) -> bool:
    """The trigger follows an arms word directly ("weapons sent to", "drones supplied by")."""
    if index == 0 or ctx.tokens[index - 1].kind != "word":
        return False
    end = ctx.tokens[index - 1].end
    return any(stop == end for _, stop, _ in ctx.weapons)


def _names_a_claim(tokens: list[Token], position: int, lex: Lexicon) -> bool:
    """ "U.S. claim", "Ukraine's accusations": the country owns a claim about the flow."""
    return position + 1 < len(tokens) and tokens[position + 1].low in lex.denied_things


def _company_follows(tokens: list[Token], position: int, g: Grammar) -> bool:
    """ "Serbian defence companies", "Serbian arms makers": a maker names the origin."""
    return any(t.low in g.lexicon.company_words for t in tokens[position + 1 : position + 4] if t.kind == "word")


def _weapon_follows(ctx: SentenceContext, position: int) -> bool:
    """A weapon term starts within the three words after ``tokens[position]``."""
    for ahead in ctx.tokens[position + 1 : position + 4]:
        if ahead.kind != "word":
            return False
        if ctx.g.weapon_scan.match(ctx.lowered, ahead.start):
            return True
    return False


def _passive_role(tokens: list[Token], by_index: int, g: Grammar) -> str:
    """The role "by" gives: "origin" after a sender participle or transfer noun
    ("supplied to the Houthis by Iran", "the transfer of weapons to Armenia by
    France"), "destination" right after a receiver participle ("received by
    Ukraine"), else ""."""
    position = by_index - 1
    while position >= 0 and by_index - position <= 8:
        token = tokens[position]
        kind = trigger_kind(token, tokens[position - 1].low if position else "", g)
        if kind in ("sender", "noun"):
            return "origin"
        if kind in ("receiver", "user"):
            # "received by Ukraine", "are being used by the RSF": the one who has them.
            return "destination" if by_index - position == 1 else ""
        # "the delivery of “Bastion” armoured vehicles by France": any words but a
        # clause's end, a relative clause or another verb ("sales were spread by US media")
        lex = g.lexicon
        if (
            (token.low in g.segment_breaks and token.kind == "punct" and token.low not in '“”"')
            or token.low in lex.relative_pronouns
            or token.low in lex.passive_auxiliaries
            or token.low in g.attribution
        ):
            return ""
        position -= 1
    return ""


def _same_route(one: Frame, other: Frame) -> bool:
    return {t.code for t in one.origins} == {t.code for t in other.origins} and {t.code for t in one.destinations} == {
        t.code for t in other.destinations
    }


def read_trigger(ctx: SentenceContext, index: int, kind: str, low: int, high: int) -> Frame | None:
    """The frame of one trigger; countries between ``low`` and ``high`` can take a role.

    A subject before ``low`` still counts ("North Korea has sold shells and
    says it sent ..." is not split from its subject by an earlier verb).
    """
    tokens, g, attribution = ctx.tokens, ctx.g, ctx.attribution
    lex = g.lexicon
    plan = _plan(tokens, index, g)
    hedged = plan == _PLAN
    if plan:
        ctx.fired("roles.hedged" if hedged else "roles.ongoing")
    cue = ctx.other_topic
    if cue and (kind == "noun" or abs(token_at(tokens, cue.start()) - index) <= 5):
        ctx.fired("roles.other_topic")
        return None
    if kind == "sender" and _moves_to_act(ctx, index):
        ctx.fired("roles.moved_to_act")
        return None  # "Russia has moved to formalize North Korea as a supply base"
    if kind == "sender" and _sends_a_message(tokens, index, lex):
        ctx.fired("roles.message_sent")
        return None  # "a letter sent by ... to the Argentine ambassador", "gave a warning to"
    if kind == "seizure" and tokens[index].low in lex.destroying_verbs:
        if lex.moving_cues.isdisjoint(ctx.words):
            return None  # "destroyed Russian tanks near Bakhmut": combat, no seizure
        ctx.fired("roles.destroyed_in_transit")
    if kind == "goods" and tokens[index].low in lex.departure_verbs:
        if not _arms_leave(ctx, index):
            return None  # "the minister left Ukraine for Poland"
        ctx.fired("roles.departure")
    negated = _is_negated(tokens, index, g)
    if negated:
        ctx.fired("roles.negated")
    if hedged and negated and any(t.low in lex.approval_words for t in tokens[max(0, index - _MODAL_REACH) : index]):
        # "did not approve any weapons shipments to Russia" denies them (ANNOTATION.md section 3)
        hedged = False
        ctx.fired("roles.approval_denied")
    if not hedged and _asks(ctx):
        hedged = True  # "Is the UAE supplying drones to Eritrea?": a question asserts nothing
        ctx.fired("roles.question")
    if not hedged and not negated and attribution.stance != "denied" and _hypothetical(tokens, index, lex):
        hedged = True  # "any shipment of shells by South Korea", "possible transfers"
        ctx.fired("roles.hypothetical")

    origins: list[Token] = []
    # Where the arms were made ("US-made", "Iranian drones") is the origin only
    # when no sender is named: Slovakia's "Soviet-made" jets come from Slovakia.
    weak_origins: list[Token] = []
    destinations: list[Token] = []
    final_codes: set[str] = set()  # destinations named by a final-destination marker ("ended up in")
    via: list[tuple[int, Token]] = []
    made_in: list[Token] = []
    reexport = False
    exclude = attribution.claimant_indexes
    after_verb = low  # where the previous transfer verb's words end
    if 0 <= index < attribution.verb_index:
        high = min(high, attribution.verb_index)  # "..., Blinken said during a visit to London"
    if 0 <= attribution.verb_index < index:
        low = max(low, attribution.verb_index + 1)  # "Citing officials from the US, the paper said ..."
    subject_start = clause_start(
        tokens, index, {attribution.verb_index} if attribution.verb_index < index else set(), g
    )
    subject_group = _nearest_group(tokens, max(subject_start, low), index, exclude, g)
    if index > 0 and tokens[index - 1].low in lex.gerund_links and tokens[index].low.endswith(lex.participle_suffix):
        # "Poland has been one of Ukraine's strongest supporters, sending tanks":
        # the participle's subject is the clause's first one ("Belarus 'betrays'
        # Armenia by supplying arms": quotes inside the clause do not end it).
        if tokens[index - 1].low != ",":
            subject_start = low
        subject_group = _first_group(tokens, max(subject_start, low), index, exclude, g)
        ctx.fired("roles.participle_subject")
    for position in ctx.parties:  # "Soviet-calibre shells", NATO or the UN are no end of a route
        token = tokens[position]
        if position in exclude or position >= high:
            continue
        if _names_a_claim(tokens, position, lex):
            ctx.fired("roles.claim_owner")
            continue  # "rejects U.S. claim of sending": the US is the accuser, no party
        if (
            token.possessive
            and position + 2 < len(tokens)
            and tokens[position + 1].low in lex.relation_nouns
            and _is_party(tokens[position + 2])
        ):
            ctx.fired("roles.relation_possessive")
            continue  # "supplying weapons to Armenia's adversary Azerbaijan": Azerbaijan receives
        in_subject = subject_start <= position < index and position >= low and position in subject_group
        if position < low:
            continue  # before an earlier transfer verb: that verb's words
        if kind in ("noun", "sender") and _named_supplier(tokens, index, position, lex):
            origins.append(token)  # "the main suppliers were the United States, Poland (17%) and Germany"
            ctx.fired("roles.supplier_list")
            continue
        role, marker_index = marker_role(tokens, position, g)
        if role and position > index and _opens_a_clause(tokens, position, g):
            # "sent from Serbia to Armenia and Azerbaijan expected an explanation": a new clause
            ctx.fired("roles.new_clause_subject")
            continue
        if role == "destination" and tokens[marker_index].low in lex.purpose_markers and _weapon_follows(ctx, position):
            # "a transit point for US missiles": the country names the arms, not their recipient
            weak_origins.append(token)
            ctx.fired("roles.country_on_arms")
            continue
        if role and after_verb <= position < index and after_verb > 0:
            continue  # "exported by France to the Emirates and then transferred": the earlier verb's
        if token.possessive and not role and not _body_follows(tokens, position, g):
            # "Turkey's drone exports": the owner of the transfer is its origin;
            # any other possessive ("Seoul's spies") names no end of the route.
            if lex.supporter_nouns & {t.low for t in tokens[position + 1 : position + 4]}:
                destinations.append(token)  # "Azerbaijan's main arms suppliers", "Ukraine's backers"
                ctx.fired("roles.possessive_supporter")
            elif kind == "receiver" and 0 < index - position <= 3:
                destinations.append(token)  # "India's arms imports from Russia"
                ctx.fired("roles.possessive_importer")
            elif kind in ("sender", "noun") and 0 < index - position <= 3:
                origins.append(token)
                ctx.fired("roles.possessive_owner")
            elif (
                kind == "sender"
                and position > index
                and lex.receiving_nouns & {t.low for t in tokens[position + 1 : position + 4]}
            ):
                destinations.append(token)  # "supplied 69 percent of Azerbaijan's major arms imports"
                ctx.fired("roles.possessive_receiving")
            continue
        if (
            not role
            and kind == "noun"
            and token.mention_kind != "demonym"
            and _owns_the_transfer(tokens, position, index, g)
        ):
            # "slams US arms sales to Taiwan", "Russia increased arms exports to China"
            (destinations if tokens[index].low in lex.receiving_nouns else origins).append(token)
            ctx.fired("roles.noun_owner")
            continue
        if not role and _is_transit(tokens, position, lex):
            via.append((position, token))  # "Cyprus served as a transit for US missiles"
            ctx.fired("roles.transit_noun")
            continue
        if role == "origin_passive":
            # "supplied by Iran", "were supplied to the Houthis by Iran": a sender
            # participle shortly before "by" makes its object the origin.
            role = _passive_role(tokens, marker_index, g)
            if role:
                ctx.fired("roles.passive_by" if role == "origin" else "roles.passive_receiver")
        elif marker_index >= 0 and not role:
            ctx.fired("roles.marker_none")
        if role == "destination" and position < index and kind != "noun":
            ctx.fired("roles.to_before_verb")
            continue  # "belong to NATO ... and supply": a "to" before the trigger is another verb's
        if role == "made_in" or token.made_in:
            made_in.append(token)  # "howitzers manufactured in China", "China-made"
            continue
        if role and token.mention_kind == "demonym" and _following_word(tokens, position) in lex.hostile_nouns:
            ctx.fired("roles.hostile_demonym")
            continue  # "to help Ukraine defend itself from Russian aggression": no end of a route
        if role in ("via", "origin", "destination"):
            ctx.fired(f"roles.marker_{role}")
            if role == "via":
                via.append((position, token))
                reexport = reexport or tokens[marker_index].low.startswith(lex.reexport_stems)
            else:
                (origins if role == "origin" else destinations).append(token)
                if role == "destination" and _is_final_marker(tokens, marker_index, position, lex):
                    final_codes.add(token.code)
            continue
        if token.origin_suffix:
            ctx.fired("roles.origin_suffix")  # "US-supplied missiles": the supplier
            origins.append(token)
            continue
        following = _following_word(tokens, position)
        if token.kind == "country" and token.mention_kind == "demonym":
            if in_subject and kind in ("receiver", "user", "sender") and following in lex.body_nouns:
                # "Ukrainian troops have begun using Leopard tanks", "The Russian military has transferred"
                (origins if kind == "sender" else destinations).append(token)
                ctx.fired("roles.demonym_body")
            elif in_subject and kind == "sender" and _carrier_follows(tokens, position, index, lex):
                # "An Egyptian military cargo ship delivered weapons": the carrier's state sends
                # (ANNOTATION.md section 5: like the nationality of the person caught delivering).
                origins.append(token)
                ctx.fired("roles.demonym_carrier")
            elif (
                _company_follows(tokens, position, g)
                and _same_clause(tokens, index, position, g)
                and not (position < index and kind == "sender" and _modifies_arms(ctx, index))
            ):
                origins.append(token)  # "two Serbian companies sold"
                ctx.fired("roles.demonym_company")
            elif _weapon_follows(ctx, position):
                weak_origins.append(token)  # "Iranian close-range ballistic missiles"
                ctx.fired("roles.demonym_weapon")
            continue
        if in_subject and kind == "user":
            destinations.append(token)  # "Russia has used Iranian drones": Russia has them
            ctx.fired("roles.subject")
            continue
        if in_subject and kind == "sender" and _modifies_arms(ctx, index):
            # "a joint venture to repair Western weapons sent to help Kyiv": the
            # participle describes the arms; the clause's subject sent nothing,
            # but the country of the arms did ("US weapons supplied to Zelensky").
            if token.mention_kind != "demonym" and _owns_the_transfer(tokens, position, index, g):
                origins.append(token)
                ctx.fired("roles.owner_of_sent_arms")
            else:
                ctx.fired("roles.participle_of_arms")
            continue
        if in_subject and (
            kind in ("sender", "receiver")
            or (kind == "noun" and tokens[index].low.startswith(lex.supplier_agent_nouns))
        ):
            # "China is the main supplier of ...": an agent noun's subject sends;
            # "Azerbaijan complained about shipments" names no sender; "Ukraine has been
            # given the S-300": the subject of a passive sender verb receives.
            receives = kind == "receiver" or (
                kind == "sender"
                and _passive(tokens, index, lex)
                and all(
                    t.low in lex.auxiliaries or t.low.endswith(lex.adverb_suffix) for t in tokens[position + 1 : index]
                )
            )
            (destinations if receives else origins).append(token)
            ctx.fired(
                "roles.agent_noun"
                if kind == "noun"
                else "roles.passive_recipient"
                if kind == "sender" and receives
                else "roles.subject"
            )
            continue
        if (
            position > index
            and kind == "sender"
            and all(is_transparent(tokens[j], g) or _is_party(tokens[j]) for j in range(index + 1, position))
        ):
            destinations.append(token)  # "supplied Russia with drones"
            ctx.fired("roles.object_recipient")
    # ("thanked Russia for its sale of 25 tanks": the noun after a possessive)
    link = index - 2 if kind == "noun" and index >= 1 and tokens[index - 1].low in lex.possessive_words else index - 1
    if (
        kind in ("sender", "noun")
        and link >= 2
        and tokens[link].low == lex.thanks_link
        and _is_party(tokens[link - 1])
        and tokens[link - 2].low in lex.thanking_verbs
        and attribution.country
        and countries.is_state(attribution.country)
        and tokens[link - 1].code != attribution.country
    ):
        # "Imran Khan thanked China for providing the aircraft": the one thanked sent them
        # to the one who thanks.
        origins = [tokens[link - 1]]
        if not destinations:
            destinations.append(
                Token(attribution.text, attribution.text.lower(), 0, 0, "country", attribution.country, "name")
            )
        ctx.fired("roles.thanked_sender")
    accused = (
        kind == "sender"
        and index >= 2
        and tokens[index - 1].low in lex.passive_links
        and tokens[index - 2].low in lex.denied_things
        and attribution.stance == "denied"
    )
    if (
        attribution.country
        and kind in ("sender", "receiver")
        and (accused or _subject_is_claimant(tokens, index, attribution.verb_index, g))
    ):
        # ("rejects claims of sending drones": the denier is the one accused of sending)
        # "it had sent ...", "denied supplying ...": the claimant's own country acts.
        own = Token(attribution.text, attribution.text.lower(), 0, 0, "country", attribution.country, "name")
        if kind == "sender" and not origins:
            origins.append(own)
            ctx.fired("roles.own_country")
        elif kind == "receiver" and not destinations:
            destinations.append(own)
            ctx.fired("roles.own_country")
    elif (
        kind == "noun"
        and attribution.country
        and countries.is_state(attribution.country)
        and 0 <= attribution.verb_index < index
        and tokens[attribution.verb_index].low not in lex.reproach_verbs
        and (index <= attribution.verb_index + 3 or attribution.stance == "denied")
        and not origins
        and destinations
        and attribution.country not in {t.code for t in destinations}
    ):
        # "Iran's defence ministry confirmed the shipments to Russia": its own.
        origins.append(Token(attribution.text, attribution.text.lower(), 0, 0, "country", attribution.country, "name"))
        ctx.fired("roles.own_shipments")
    if (
        kind == "sender"
        and not origins
        and destinations
        and attribution.country
        and countries.is_state(attribution.country)
        and 0 <= attribution.verb_index < index
        and tokens[attribution.verb_index].low in lex.admission_verbs
        and _passive(tokens, index, lex)
        and attribution.country not in {t.code for t in destinations}
    ):
        # "Sweden has confirmed the weapons were sold to Venezuela": it sold them.
        origins.append(Token(attribution.text, attribution.text.lower(), 0, 0, "country", attribution.country, "name"))
        ctx.fired("roles.admitted")
    if kind == "user" and not destinations:
        return None  # using arms is a transfer claim only with their foreign origin named
    if not origins and not weak_origins and reexport and made_in:
        # "bombs manufactured in China were re-exported by the UAE": bought there first
        origins = made_in
        ctx.fired("roles.reexport_maker")
    weak = not origins and bool(weak_origins)
    origins = unique(origins or weak_origins)
    destinations = unique(destinations)
    suppliers = {t.code for t in origins if t.origin_suffix}
    if suppliers and destinations and len(suppliers) < len({t.code for t in origins}):
        # "US-provided missiles were transported from Cyprus to Israel": the supplier is
        # the origin; where they were moved from lies on the way.
        for token in origins:
            if token.code not in suppliers:
                via.append((next((i for i, t in enumerate(tokens) if t is token), index), token))
        origins = [t for t in origins if t.code in suppliers]
        ctx.fired("roles.supplier_moved_from")
    # The seizure this transfer is told under: "customs seized rifles shipped from Turkey".
    seized_at = next((i for i in range(index, -1, -1) if ctx.trigger_kinds[i] == "seizure"), -1)
    # ("The BSF has seized weapons ..., officials said": the seizing body, when the speakers are unnamed.)
    seizer = _seizer(ctx, seized_at) if seized_at >= 0 and (not attribution.claimant or attribution.unnamed) else None
    if seizer is not None and origins and not destinations and seizer.country and _guards_its_border(seizer, lex):
        # "Jordan's army seized weapons smuggled from Syria": they were coming in.
        destinations = [Token(seizer.text, seizer.text.lower(), 0, 0, "country", seizer.country, "name")]
        ctx.fired("roles.seized_at_home")
    caught_at_home = False
    if origins and not destinations and not negated:
        place = _seizure_place(ctx, {t.code for t in origins})
        if place is not None:
            # "weapons seized in northern Mexico originate from the United States",
            # "rifles from the U.S. seized at a Venezuelan airport": bound where they were caught (D11).
            destinations, caught_at_home = [place], True
            ctx.fired("roles.seized_in_place")
        elif (
            attribution.claimant
            and attribution.country
            and countries.is_state(attribution.country)
            and attribution.country not in {t.code for t in origins}
            and _guards_its_border(attribution, lex)
            and (kind == "seizure" or ctx.illicit or "seizure" in ctx.trigger_kinds or _passive(tokens, index, lex))
        ):
            # "the container was shipped from Turkey", said the Nigeria Customs commander:
            # arms a state's customs or police speak of were coming into that state.
            destinations = [
                Token(attribution.text, attribution.text.lower(), 0, 0, "country", attribution.country, "name")
            ]
            caught_at_home = True
            ctx.fired("roles.home_guard_destination")
    if not origins and not destinations and not via:
        return None

    frame = Frame(ctx.sentence)
    frame.trigger_is_verb = kind != "noun"
    frame.kind = kind
    frame.negated = negated
    frame.hedged = hedged
    frame.weak_origin = weak
    frame.lead = ctx.sentence.start < ctx.doc.lead_end
    # Smuggled or seized arms: the destination's own authorities are no party to it (D11).
    frame.illicit = kind == "seizure" or ctx.illicit or caught_at_home
    frame.via = _via_routes(tokens, via, g)
    if len(frame.via) > 1:
        ctx.fired("roles.parallel_routes")
    if any(CHAIN_SEPARATOR in route for route in frame.via):
        ctx.fired("roles.chain_via")
    frame.route_text = ctx.text
    # "to Y, which then sent them to Z": every destination but the last is an intermediary.
    if len(destinations) > 1 and _has_chain_between(tokens, destinations, g):
        frame.via = [CHAIN_SEPARATOR.join(t.code for t in destinations[:-1]), *frame.via]
        destinations = destinations[-1:]
        ctx.fired("roles.which_chain")
    elif final_codes and len(destinations) > 1 and destinations[-1].code in final_codes:
        # "sold shells to Poland that ended up in Ukraine": each stop a "to" named is an intermediary
        stops = [t for t in destinations if t.code not in final_codes]
        if stops:
            frame.via = [*(t.code for t in stops), *frame.via]
            destinations = [t for t in destinations if t.code in final_codes]
            ctx.fired("roles.final_destination")
    frame.origins = origins
    frame.destinations = destinations
    _fill_items(frame, ctx, index)
    attribute(frame, ctx, index, seizer)
    frame.confidence = _confidence(frame, attribution)
    return frame


def _seizure_place(ctx: SentenceContext, origins: set[str]) -> Token | None:
    """The state a seizure verb places itself in: "seized in northern Mexico", "seized at a
    Venezuelan airport" (a state, not an origin), or None."""
    tokens, g = ctx.tokens, ctx.g
    lex = g.lexicon
    if "seizure" not in ctx.trigger_kinds:
        return None
    for n, kind in enumerate(ctx.trigger_kinds):
        if kind != "seizure":
            continue
        for j in range(n + 1, min(len(tokens), n + 3)):
            if tokens[j].low not in lex.seizure_places:
                continue
            for k in range(j + 1, min(len(tokens), j + 5)):
                token = tokens[k]
                if token.kind == "country" and countries.is_state(token.code) and token.code not in origins:
                    return token
                if not is_transparent(token, g) and token.low not in lex.place_words:
                    break
    return None


def _guards_its_border(seizer: Attribution, lex: Lexicon) -> bool:
    """A seizer that works at home (customs, border guards, police, the army), not a navy at sea."""
    return any(word in lex.home_seizers for word in seizer.text.lower().split())


def _seizer(ctx: SentenceContext, index: int) -> Attribution | None:
    """ "Shin Bet intercepts Iranian arms shipment": the seizing body is the claimant
    when the sentence names nobody else (ANNOTATION.md D11: it alleges)."""
    tokens = ctx.tokens
    start = clause_start(tokens, index, set(), ctx.g)
    found = name_claimant(tokens, start, index, ctx.text, None, ctx.doc)
    if not found.claimant or found.unnamed or found.rank < 0:
        return None
    ctx.fired("roles.seizer")
    return replace(found, stance=SAID, verb_index=index)


def _subject_is_claimant(tokens: list[Token], trigger: int, verb: int, g: Grammar) -> bool:
    """True when the trigger's subject is a pronoun for the claimant or left out after its verb."""
    lex = g.lexicon
    position = trigger - 1
    while position >= 0 and tokens[position].low in lex.auxiliaries:
        position -= 1
    if position < 0:
        return False
    if position == verb:
        return True  # "denied supplying", "admitted sending"
    if (
        tokens[position].low in lex.own_country_nouns
        and position > 0
        and tokens[position - 1].low in lex.own_country_owners
    ):
        return True  # "acknowledged that his country had shipped", "her government was arming"
    if tokens[position].low not in lex.pronouns or tokens[position].low in lex.first_person:
        return False
    if (
        position > verb + 1
        and tokens[position - 1].low in lex.reporting_links
        and tokens[position].low not in lex.plural_pronouns
    ):
        return True  # "denied claims by the Pentagon that it had sent": "that it" is the speaker
    # "said it had", "said on Saturday it had", "said that it", "saying it"
    between = tokens[verb + 1 : position] if verb < position else [tokens[position - 1]] if position else []
    # ("rejected claims that it had sold": the claim words too)
    return all(
        t.low in lex.reporting_links or t.low in g.time_words or t.low in lex.denied_things or t.text.isdigit()
        for t in between
    )


# How far back a negation reaches within its clause: "not a single unit of
# Serbian weapons or ammunition was sold" puts nine words between.
_NEGATION_REACH = 10


def _is_negated(tokens: list[Token], index: int, g: Grammar) -> bool:
    """ "has never sent", "no Iranian drones had been sent", "not a single unit ... was sold"."""
    lex = g.lexicon
    # "received no weapons", "has sent none": the object is negated.
    if index + 1 < len(tokens) and tokens[index + 1].low in lex.negative_objects:
        return True
    for j in range(index - 1, max(-1, index - 1 - _NEGATION_REACH), -1):
        if tokens[j].low in lex.negation_stops or tokens[j].low in lex.relative_pronouns:
            return False
        if tokens[j].low in lex.negation_words:
            # "not only sold but also shipped" affirms.
            return j + 1 >= len(tokens) or tokens[j + 1].low not in lex.negation_cancellers
    return False


_PLAN, _ONGOING = "plan", "ongoing"


def _asks(ctx: SentenceContext) -> bool:
    return ctx.text.rstrip(" \"”’'»)").endswith("?")


def _hypothetical(tokens: list[Token], index: int, lex: Lexicon) -> bool:
    """A transfer noun after "any", "possible" (two words before it at most)."""
    return any(t.low in lex.hypothetical_words for t in tokens[max(0, index - 2) : index])


def _plan(tokens: list[Token], index: int, g: Grammar) -> str:
    """_PLAN for a plan, pledge, refusal or open question ("will send", "pledged to
    supply", "unclear whether Iran has delivered"), which is no transfer; _ONGOING for
    a plan word that claims the transfer goes on ("will continue to supply"); else ""."""
    lex = g.lexicon
    for j in range(max(0, index - 6), index):
        if tokens[j].low in lex.conditional_words and not any(t.low in {",", ";"} for t in tokens[j:index]):
            return _PLAN
    if index >= 2 and tokens[index - 1].low == lex.infinitive_marker and _is_party(tokens[index - 2]):
        return _PLAN  # "Russia to deliver military aircraft to Iran": a headline's future
    if (
        index >= 2
        and tokens[index - 1].low == lex.infinitive_be
        and tokens[index - 2].low == lex.infinitive_marker
        and not tokens[index].low.endswith(lex.participle_suffix)  # "known to be moving arsenals" goes on
    ):
        return _PLAN  # "rounds of South Korean artillery to be shipped to Ukraine": a purpose
    if not lex.concern_words.isdisjoint(t.low for t in tokens[:index]):
        return _PLAN  # "deeply concerned by news that Iran was transferring": no allegation (ANNOTATION.md section 4)
    for j in range(max(0, index - _MODAL_REACH), index):
        if tokens[j].low in lex.modal_words:
            between = tokens[j + 1 : index]
            # "planned to secretly supply", "pledged on Thursday to supply", "signed a deal for the delivery"
            if any(t.low in lex.ongoing_words for t in between):
                return _ONGOING  # "will continue to supply": it is being supplied
            if all(
                t.low in lex.modal_links
                or t.low in g.time_words
                or t.low.endswith(lex.adverb_suffix)
                or t.text.isdigit()
                for t in between
            ):
                return _PLAN
    return ""


# How far before a transfer word a plan word may stand: "promised in late June to deliver".
_MODAL_REACH = 6


def _via_routes(tokens: list[Token], via: list[tuple[int, Token]], g: Grammar) -> list[str]:
    """Intermediaries as parallel routes, or one chain when 'then' joins them."""
    codes = [(p, t.code) for p, t in via if countries.is_known_code(t.code)]
    if not codes:
        return []
    routes: list[list[str]] = [[codes[0][1]]]
    for (prev, _), (position, code) in itertools.pairwise(codes):
        between = {t.low for t in tokens[prev + 1 : position]}
        if between & g.lexicon.chain_words:
            routes[-1].append(code)
        elif code not in [c for route in routes for c in route]:
            routes.append([code])
    return [CHAIN_SEPARATOR.join(route) for route in routes]


def _has_chain_between(tokens: list[Token], destinations: list[Token], g: Grammar) -> bool:
    first = tokens.index(destinations[0])
    last = tokens.index(destinations[-1])
    between = {t.low for t in tokens[first + 1 : last]}
    if between & g.lexicon.chain_words:
        return True
    # "to Y, which sent them to Z" chains; "to Y, which was agreed during a visit to Z" does not.
    relative = next((i for i in range(first + 1, last) if tokens[i].low in g.lexicon.relative_pronouns), -1)
    return relative > 0 and any(trigger_kind(tokens[i], tokens[i - 1].low, g) for i in range(relative + 1, last))


def _fill_items(frame: Frame, ctx: SentenceContext, index: int) -> None:
    text, tokens, g = ctx.text, ctx.tokens, ctx.g
    matches = ctx.weapons
    if not matches:
        return
    trigger_end = tokens[index].end
    stop = len(text)
    for position in range(index + 1, len(tokens)):
        if _is_party(tokens[position]):
            _, marker = marker_role(tokens, position, g)
            stop = tokens[marker if marker > index else position].start
            break
    in_object = [m for m in matches if trigger_end <= m[0] < stop]
    # The object of the verb when it names arms; else the arms word nearest the
    # verb ("weapons sent by Iran"), not a span across the whole sentence.
    chosen = in_object or [min(matches, key=lambda m: min(abs(m[0] - trigger_end), abs(m[1] - tokens[index].start)))]
    ctx.fired("roles.items_object" if in_object else "roles.items_nearest")
    start, end = chosen[0][0], chosen[-1][1]
    counted = _number_before(text, start, g)
    if counted is not None:
        # "14 M109 howitzers": the count and the model belong to the items.
        frame.quantity, start = counted
        ctx.fired("roles.quantity")
    items = text[start:end].strip(" ,;")
    if len(items) > _MAX_ITEMS_TEXT:
        # A long span holds more than arms: list the arms words instead.
        items = "; ".join(dict.fromkeys(text[s:e] for s, e, _ in chosen))
        ctx.fired("roles.items_listed")
    frame.items = items
    frame.weapon_categories = [category for _, _, category in chosen]


def _number_before(text: str, position: int, g: Grammar) -> tuple[float, int] | None:
    """The count stated just before the arms word at ``position``, and where its phrase starts."""
    window = max(0, position - 60)
    head = text[window:position].lower()
    match = g.number_before.search(head)
    if not match:
        return None
    if match.group(1):
        number = float(match.group(1).replace(",", ""))
        if 1900 <= number <= 2100 and not match.group(3):
            return None  # a year, not a count
    else:
        number = float(g.lexicon.number_words[match.group(2)])
    if match.group(3):
        number *= g.lexicon.multipliers[match.group(3)]
    return number, window + match.start()


def attribute(frame: Frame, ctx: SentenceContext, trigger: int = -1, attribution: Attribution | None = None) -> None:
    """Set the frame's claimant, stance and claim date from the sentence's attribution."""
    found = ctx.attribution if attribution is None else attribution
    lex = ctx.g.lexicon
    frame.unnamed = found.unnamed
    if found.claimant:
        frame.claimant = found.claimant
        frame.claimant_text = found.text
        frame.claimant_country = found.country
        frame.claimant_rank = found.rank
        frame.claimant_office = found.office
        stance, kind = found.stance, found.kind
    else:
        outlet = ctx.doc.outlet
        frame.claimant, frame.claimant_country = outlet.name, outlet.country
        ctx.fired("roles.outlet_voice")
        if not lex.hearsay_words.isdisjoint(ctx.words):
            # "were reportedly purchased", "is said to have sent": the outlet passes on
            # someone else's claim, unnamed (D1).
            frame.unnamed = True
            ctx.fired("roles.hearsay")
        frame.claimant_text = ""
        frame.claimant_rank = -1
        stance, kind = SAID, OUTLET
    if stance == SAID:
        # Who speaks decides (ANNOTATION.md section 3): an outlet reports, a party
        # confirms, anyone else alleges.
        # A party sends, passes on, or receives; a state whose territory a non-state
        # group receives in, or whose authorities seize smuggled arms, is a third party.
        involved = {t.code for t in frame.origins} | route_set(frame.via)
        if not frame.illicit:
            involved |= {t.code for t in frame.destinations if not t.actor}
        if kind in OUTLET_KINDS:
            stance = "reported"
            ctx.fired("roles.stance_reporter")
        elif kind in MULTINATIONAL_KINDS or kind == NGO:
            stance = lex.third_party_stance
            ctx.fired("roles.stance_monitor")
        elif frame.claimant_country and frame.claimant_country in involved:
            stance = lex.own_flow_stance
            ctx.fired("roles.stance_party")
        else:
            stance = lex.third_party_stance
            ctx.fired("roles.stance_third_party")
    if frame.negated and stance != "denied":
        stance = "denied"
    frame.stance = stance
    if found.dated is not None:
        dated = found.dated
    elif found.claimant:
        dated = claim_date(ctx.text, ctx.tokens, found.verb_index, trigger, ctx.doc.published, ctx.g, ctx.fired)
    else:  # the outlet's own statement is made when it publishes
        dated = publication_date(ctx.doc.published)
    frame.claim_date, frame.date_precision, frame.date_text = dated


def _confidence(frame: Frame, attribution: Attribution) -> float:
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
