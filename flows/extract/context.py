"""What every stage gets: the article being read, and the sentence in hand.

One object instead of loose arguments, so a stage's signature says what it
does, not what it happens to need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from flows import claimants, countries
from flows.extract.attribution import Attribution
from flows.extract.grammar import Grammar
from flows.extract.text import Sentence, Token, lowered, trigger_kinds, weapon_matches
from flows.models import Article


@dataclass
class ArticleContext:
    """The article and what the stages learn about it while reading."""

    article: Article
    g: Grammar
    text: str  # Article.full_text: evidence offsets index into it
    published: date | None
    # Names of the rules that fired, when a caller asks (golden examples check them).
    trace: set[str] | None = None
    # Where the lead ends: the headline and the first two sentences of the body.
    lead_end: int = 0

    def fired(self, rule: str) -> None:
        if self.trace is not None:
            self.trace.add(rule)

    @cached_property
    def named_states(self) -> frozenset[str]:
        """The codes of every country the article names (by name, demonym, capital ...)."""
        return frozenset(mention.code for mention in countries.mentions(self.text))

    @cached_property
    def outlet(self) -> Outlet:
        """Who states what the article says in its own voice: the wire it names, else the site."""
        # Wire copy is the wire's own reporting (ANNOTATION.md D13); a personal byline is not.
        wire = self._known_outlet(self.article.agency)
        if wire is not None:
            return wire
        article = self.article
        site = self._known_outlet(article.source)
        if site is not None:
            return site
        by_domain = claimants.by_domain(article.url) if article.url else None
        if article.source:
            # The site as the file names it, of its home by domain or country-code domain.
            shown = article.source.title() if article.source.isupper() else article.source
            country = by_domain.country if by_domain else claimants.country_of_domain(article.url)
            return Outlet(shown, country)
        if by_domain is not None:
            return Outlet(by_domain.name, by_domain.country)
        return Outlet(UNNAMED_OUTLET, claimants.country_of_domain(article.url) if article.url else "")

    def _known_outlet(self, name: str) -> Outlet | None:
        """The outlet or wire ``name`` names ("REUTERS", "Reuters via Yahoo"), or None."""
        if not name:
            return None
        g = self.g
        for found in (g.known_claimants.search(name), g.known_claimants.search(name.title())):
            if found and g.claimant_by_alias[found.group(0)].kind in claimants.OUTLET_KINDS:
                body = g.claimant_by_alias[found.group(0)]
                return Outlet(body.name, body.country)
        return None


# The name an outlet's own statement gets when the article names no outlet.
UNNAMED_OUTLET = "article"


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str


@dataclass
class SentenceContext:
    """One candidate sentence: its tokens and who says it."""

    doc: ArticleContext
    sentence: Sentence
    tokens: list[Token]
    attribution: Attribution
    _lowered: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.g: Grammar = self.doc.g

    @cached_property
    def other_topic(self) -> re.Match[str] | None:
        """A cue that the sentence is about something else (a drill, a strike), or None."""
        return self.g.non_transfer.search(self.lowered)

    @cached_property
    def illicit(self) -> bool:
        """Smuggled, trafficked or seized arms: the destination's authorities are no party (D11)."""
        return "seizure" in self.trigger_kinds or self.g.illicit_scan.search(self.lowered) is not None

    @cached_property
    def trigger_kinds(self) -> list[str]:
        """The transfer-word kind of every token ("" for none), given the word before it."""
        return trigger_kinds(self.tokens, self.g)

    @cached_property
    def words(self) -> frozenset[str]:
        """The sentence's lower-cased tokens, for "does it say ..." tests."""
        return frozenset(t.low for t in self.tokens)

    @cached_property
    def weapons(self) -> list[tuple[int, int, str]]:
        """(start, end, category) of every weapon term in the sentence."""
        return weapon_matches(self.sentence.text, self.g)

    @cached_property
    def parties(self) -> list[int]:
        """Positions of the tokens that can end a route: states, not "Soviet-calibre".

        Read after references are resolved ("the country" may become one).
        """
        return [
            i
            for i, t in enumerate(self.tokens)
            if t.kind in ("country", "actor") and not t.hyphenated and countries.is_state(t.code)
        ]

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def lowered(self) -> str:
        if not self._lowered:
            self._lowered = lowered(self.sentence.text)
        return self._lowered

    def fired(self, rule: str) -> None:
        if self.doc.trace is not None:
            self.doc.trace.add(rule)
