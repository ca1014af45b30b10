"""Article -> claims. Extractors are pluggable; the default reads with rules and a lexicon.

Any object with ``name``, ``version`` and ``extract(article) -> list[Claim]``
is an :class:`Extractor`. The package:

- :mod:`~flows.extract.lexicon`: the typed table of words a language gives the rules,
  checked when built; :mod:`~flows.extract.english` is the English one.
- :mod:`~flows.extract.grammar`: a lexicon compiled for matching.
- stages, in reading order: :mod:`~flows.extract.text` (sentences, tokens),
  :mod:`~flows.extract.attribution` (who says so), :mod:`~flows.extract.roles`
  (frames: who sends to whom through whom), :mod:`~flows.extract.dating`
  (when it was said), :mod:`~flows.extract.merge` (one claim per claim);
  :mod:`~flows.extract.context` is what they pass along.
- :mod:`~flows.extract.extractor`: :class:`RuleExtractor`, which runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flows.extract import attribution, dating, extractor, merge, roles
from flows.extract import text as _text
from flows.extract.english import ENGLISH
from flows.extract.extractor import NAME, VERSION, RuleExtractor
from flows.extract.grammar import grammar_for
from flows.extract.text import MAX_SENTENCE_CHARS, Sentence, Token
from flows.models import Article, Claim, Extractor

EXTRACTORS: dict[str, Callable[[], Extractor]] = {NAME: RuleExtractor}

# Every named rule of every stage: what ``RuleExtractor.extract(article, trace)``
# reports, and what golden examples name.
RULES: dict[str, str] = {
    **attribution.RULES,
    **roles.RULES,
    **dating.RULES,
    **merge.RULES,
    **extractor.RULES,
}


def get_extractor(name: str = NAME) -> Extractor:
    """An extractor by name; raises ``KeyError`` naming the known ones."""
    try:
        return EXTRACTORS[name]()
    except KeyError:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}") from None


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets, by the English lexicon's abbreviations."""
    return _text.split_sentences(text, grammar_for(ENGLISH))


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` (countries and actors as single tokens), by the English lexicon."""
    return _text.tokenize(text, grammar_for(ENGLISH))


def extract_articles(
    articles: Iterable[Article],
    extractor: Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Claim]:
    """Claims from many articles; ``progress(done, total)`` after each article."""
    chosen = extractor or get_extractor()
    batch = list(articles)
    claims: list[Claim] = []
    seen: set[str] = set()
    for done, article in enumerate(batch, start=1):
        for claim in chosen.extract(article):
            if claim.claim_id not in seen:
                seen.add(claim.claim_id)
                claims.append(claim)
        if progress is not None:
            progress(done, len(batch))
    return claims


__all__ = [
    "EXTRACTORS",
    "MAX_SENTENCE_CHARS",
    "NAME",
    "RULES",
    "VERSION",
    "Extractor",
    "RuleExtractor",
    "extract_articles",
    "get_extractor",
    "split_sentences",
    "tokenize",
]
