"""The extractor's lexicon: one checked table of words, and stages that list none.

A lexicon that contradicts itself (an unknown stance, a word repeated, a word
in two word classes with no rule saying how the rules decide) fails when it is
built; another lexicon drops in behind the same extractor.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from flows.extract import RuleExtractor
from flows.extract.english import ENGLISH
from flows.extract.lexicon import Ambiguity, LexiconError, class_overlaps
from flows.models import Article

STAGES = Path(__file__).parent.parent / "flows" / "extract"

# Identifiers the stages compare with: token kinds, roles, trigger kinds, mention
# kinds, date kinds and stances. They look like words but name the rules' own
# categories; every word of the language is in the lexicon.
IDENTIFIERS = {
    "word", "punct", "country", "actor", "name", "demonym", "capital", "seat", "historic",
    "origin", "via", "destination", "origin_passive", "made_in",
    "sender", "receiver", "goods", "seizure", "user", "noun",
    "alleged", "reported", "confirmed", "denied",
    "day", "month", "year", "period", "of", "last", "iso", "weekday", "yesterday", "today",
    "digits", "relative", "article", "w",
    "xxx",  # the code for an unknown country
    "arms",  # the category of unspecified arms
    "rules",  # the extractor's name
    "plan", "ongoing",  # what a plan word before a transfer verb makes of it
}


def test_english_lexicon_is_consistent() -> None:
    # Building it validated it; every overlap between word classes is declared.
    declared = {a.word for a in ENGLISH.ambiguous}
    assert all(a in declared or b in declared for a, b, _, _ in class_overlaps(ENGLISH))


def test_unknown_stance_is_refused() -> None:
    with pytest.raises(LexiconError, match="'insinuated': unknown stance 'hinted'"):
        replace(ENGLISH, attribution_verbs=(*ENGLISH.attribution_verbs, ("insinuated", "hinted")))


def test_a_word_in_two_classes_needs_an_ambiguity_entry() -> None:
    with pytest.raises(LexiconError, match=r"'sold' \(sender_verbs\) and 'sold' \(modal_words\) overlap"):
        replace(ENGLISH, modal_words=ENGLISH.modal_words | {"sold"})
    resolved = replace(
        ENGLISH,
        modal_words=ENGLISH.modal_words | {"sold"},
        ambiguous=(*ENGLISH.ambiguous, Ambiguity("sold", ("sender_verbs", "modal_words"), "test only")),
    )
    assert "sold" in resolved.modal_words


def test_a_stale_ambiguity_entry_is_refused() -> None:
    with pytest.raises(LexiconError, match="ambiguous 'gave' is not in two of"):
        replace(ENGLISH, ambiguous=(*ENGLISH.ambiguous, Ambiguity("gave", ("sender_verbs", "transfer_nouns"), "no")))


def test_a_repeated_word_is_refused() -> None:
    with pytest.raises(LexiconError, match="sender_verbs lists sold twice"):
        replace(ENGLISH, sender_verbs=(*ENGLISH.sender_verbs, "sold"))


def test_adding_a_transfer_verb_is_one_lexicon_entry() -> None:
    article = Article(text="Iran flogged drones to Russia, the Pentagon said.", published="2024-01-10")
    assert RuleExtractor().extract(article) == []
    extended = replace(ENGLISH, sender_verbs=(*ENGLISH.sender_verbs, "flogged"))
    claims = RuleExtractor(lexicon=extended).extract(article)
    assert [(c.origin, c.destination, c.stance, c.claimant) for c in claims] == [("IRN", "RUS", "alleged", "Pentagon")]


def _word_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    exported = {
        id(element)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        for element in ast.walk(node.value)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in exported:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if node.value.isalpha() and len(node.value) > 1:
                found.add(node.value.lower())
    return found


@pytest.mark.parametrize(
    "module", sorted(p.name for p in STAGES.glob("*.py") if p.name not in ("english.py", "lexicon.py"))
)
def test_stage_modules_list_no_english_words(module: str) -> None:
    assert _word_literals(STAGES / module) - IDENTIFIERS == set()
