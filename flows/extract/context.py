"""What every stage gets: the article being read, and the sentence in hand.

One object instead of loose arguments, so a stage's signature says what it
does, not what it happens to need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flows.extract.attribution import Attribution
from flows.extract.grammar import Grammar
from flows.extract.text import Sentence, Token, lowered
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

    def fired(self, rule: str) -> None:
        if self.trace is not None:
            self.trace.add(rule)


@dataclass
class SentenceContext:
    """One candidate sentence: its tokens and who says it."""

    doc: ArticleContext
    sentence: Sentence
    tokens: list[Token]
    attribution: Attribution
    _lowered: str = field(default="", repr=False)

    @property
    def g(self) -> Grammar:
        return self.doc.g

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
