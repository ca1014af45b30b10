"""The public figures table: office holders the news names without their state."""

from __future__ import annotations

import pytest

from flows import public_figures
from flows.extract import get_extractor
from flows.models import Article

HEADER = "name,surname,country,office,years,source\n"


def test_the_bundled_table_loads() -> None:
    rows = public_figures.public_figures()
    assert len(rows) >= 60
    peskov = next(f for f in rows if f.name == "Dmitry Peskov")
    assert (peskov.surname, peskov.country) == ("Peskov", "RUS")


def test_a_speaker_named_by_surname_speaks_for_the_state_in_the_table() -> None:
    article = Article(text="Iran has not sent drones to Russia, Peskov said on Monday.", published="2023-01-02")
    (claim,) = get_extractor().extract(article)
    assert (claim.claimant, claim.claimant_country, claim.stance) == ("Dmitry Peskov", "RUS", "denied")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("A B,B,ZZZ,,,https://x\n", "line 2: unknown country 'ZZZ'"),
        ("A B,B,FRA,,,\n", "line 2: no source"),
        ("A B,B,FRA,,,https://x\nA B,B,FRA,,,https://y\n", "line 3: 'A B' is also on line 2"),
        ("A Chad,Chad,FRA,,,https://x\n", "line 2: surname 'Chad' names a country"),
        (
            "A Smith,Smith,FRA,,,https://x\nB Smith,Smith,DEU,,,https://y\n",
            "line 3: surname 'Smith' is also on line 2, of another state",
        ),
    ],
)
def test_a_contradicting_row_is_named_by_line(rows: str, message: str) -> None:
    with pytest.raises(public_figures.PublicFiguresError, match=message):
        public_figures.parse_public_figures(HEADER + rows)
