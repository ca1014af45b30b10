"""Kiel Ukraine Support Tracker importer (data_explorer.csv and weapons.csv).

Fixtures are hand-written rows in the tracker's layouts (made-up numbers),
with an EU row (iso "EU"), a month with no military aid, a bad month, an
unknown donor and a non-numeric value.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from flows import table
from flows.vocabulary import source_kind
from flows.importers import detect_format, import_bytes, import_file

FIXTURES = Path(__file__).parent / "fixtures" / "import"
DONOR_MONTHS = FIXTURES / "kiel_donor_months.csv"
WEAPONS = FIXTURES / "kiel_weapons.csv"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "kiel_ust"


def test_detect_format() -> None:
    assert detect_format(DONOR_MONTHS.read_bytes(), "d.csv") == "kiel"
    assert detect_format(WEAPONS.read_bytes(), "w.csv") == "kiel-weapons"


def test_donor_months_become_monthly_claims_to_ukraine() -> None:
    result = import_file(DONOR_MONTHS)
    claims = result.claims
    assert result.rows_read == 7
    # The April row has no military aid; the 13th month and "lots" are rejected.
    assert list(claims["origin"]) == ["AUS", "EUE", "XXX", "CZE"]
    assert set(claims["destination"]) == {"UKR"}
    australia = claims.iloc[0]
    assert (australia["claim_date"], australia["date_precision"]) == ("2022-03", "month")
    assert australia["value"] == pytest.approx(0.077611)
    assert australia["value_unit"] == "EUR bn"
    assert australia["claimant"] == "Kiel Institute" and australia["stance"] == "reported"
    assert australia["method"] == "import:kiel 1.0"
    assert source_kind(australia["method"]) == "register"
    assert australia["evidence"].startswith('"Australia","AUS",2022,3,')


def test_eu_is_a_donor_of_its_own() -> None:
    eu = import_file(DONOR_MONTHS).claims.iloc[1]
    assert (eu["origin"], eu["origin_actor"]) == ("EUE", "EU (Commission and Council)")


def test_bad_rows_are_reported_by_line_and_field() -> None:
    problems = import_file(DONOR_MONTHS).problems
    assert [(p.row, p.column, p.value) for p in problems] == [
        (5, "year/month", "2024/13"),
        (6, "*warning*", "Atlantis"),
        (7, "military", "lots"),
    ]


def test_weapons_list() -> None:
    result = import_file(WEAPONS)
    claims = result.claims
    assert result.format == "kiel-weapons" and len(claims) == 5 and result.problems == []
    assert list(claims["category"]) == [
        "artillery", "artillery", "armoured vehicles", "air defence", "armoured vehicles",
    ]  # fmt: skip
    himars = claims.iloc[1]
    assert (himars["origin"], himars["destination"]) == ("USA", "UKR")
    assert himars["quantity"] == 40 and himars["value"] == 700_000_000
    assert himars["value_unit"] == "EUR"
    assert himars["items"] == "MLRS: HIMARS (38); M270 (2)"
    assert (himars["claim_date"], himars["date_precision"]) == ("", "")  # the file has no dates


# The fixture's claim ids, written out: two imports in one process would agree even if
# ids hung on the hash seed or the clock; these must hold in every process, every day.
DONOR_MONTH_IDS = ["06dfb74fcf09f862", "8e3663363e742980", "0d800715df04f925", "36040d44b8f05a58"]


def test_reimport_gives_the_same_ids() -> None:
    first, second = import_file(DONOR_MONTHS).claims, import_file(DONOR_MONTHS).claims
    assert list(first["claim_id"]) == DONOR_MONTH_IDS
    assert list(second["claim_id"]) == DONOR_MONTH_IDS
    assert len(table.merge_claims(first, second)) == len(first)


def test_a_changed_value_keeps_the_row_key_but_not_the_month() -> None:
    """The key is donor and month: a revised figure for the same month is the same claim."""
    text = DONOR_MONTHS.read_text(encoding="utf-8")
    revised = text.replace("0.077611", "0.08")
    first = import_bytes(text.encode(), "kiel.csv").claims
    second = import_bytes(revised.encode(), "kiel.csv").claims
    assert list(first["claim_id"]) == list(second["claim_id"])


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/kiel_ust is not present")
def test_real_exports() -> None:
    months = import_file(SHARED / "data_explorer.csv")
    assert months.rows_read == 1079 and months.problems == []
    assert months.claims["value"].sum() == pytest.approx(173, rel=0.05)  # SOURCE.md: ~173 bn
    with (SHARED / "data_explorer.csv").open(encoding="utf-8", newline="") as handle:
        with_military = sum(float(row["military"]) != 0 for row in csv.DictReader(handle))
    assert len(months.claims) == with_military
    weapons = import_file(SHARED / "weapons.csv")
    assert len(weapons.claims) == 61 and weapons.problems == []
