"""CAAT EU brokering-licence importer (broker.csv).

The fixture is hand-written in broker.csv's layout: no header, mixed LF/CRLF
endings, "; " lists with empty slots, a quoted cell with a comma, refusals,
an unlisted region, two Python-repr scraper rows and three malformed rows.
Columns 5-6 are read as the destination and 12-13 as the origin (see the
module docstring of flows.importers.caat for the evidence).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import table
from flows.importers import detect_format, import_bytes, import_file
from flows.importers.caat import category_of
from flows.importers.common import physical_lines

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BROKER = FIXTURES / "caat_broker.csv"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "caat_eu_arms_exports"


def routes(frame: pd.DataFrame) -> list[tuple[str, tuple[str, ...], str]]:
    return [(o, tuple(v), d) for o, v, d in zip(frame["origin"], frame["via"], frame["destination"])]


def test_detect_format() -> None:
    assert detect_format(BROKER.read_bytes(), "broker.csv") == "caat-broker"


def test_origin_is_columns_12_13_and_destination_columns_5_6() -> None:
    first = import_file(BROKER).claims.iloc[0]
    # 2008,AT,Austria,issued,CA,Canada,...,BG,Bulgaria: Bulgaria -> Austria -> Canada
    assert (first["origin"], list(first["via"]), first["destination"]) == ("BGR", ["AUT"], "CAN")
    assert (first["claim_date"], first["date_precision"]) == ("2008", "year")
    assert first["claimant"] == "CAAT (EU annual reports)"
    assert first["method"] == "import:caat-broker 1.0"
    assert first["value"] == 30000 and first["value_unit"] == "EUR"
    assert first["category"] == "rockets and missiles"  # ML4


def test_every_row_is_read_or_reported() -> None:
    result = import_file(BROKER)
    assert result.rows_read == 13
    assert routes(result.claims) == [
        ("BGR", ("AUT",), "CAN"),
        ("TUR", ("GBR",), "LBY"),
        ("USA", ("CZE",), "SVK"),  # "US; ; DE": the empty slot is skipped
        ("DEU", ("CZE",), "SVK"),
        ("USA", ("SWE",), "XXX"),  # Nordic countries
        ("XXX", ("DEU",), "OMN"),  # no origin stated
        ("USA", ("XXX",), "CAN"),  # unknown broker "XX"
        ("USA", ("BGR",), "KEN"),
        ("USA", ("BGR",), "KEN"),  # an identical licence is a second claim
        ("GBR", (), "POL"),  # broker is the origin: no intermediary hop
    ]
    rejected = [(p.row, p.column) for p in result.problems if p.column != "*warning*"]
    assert rejected == [(6, "*"), (7, "*"), (9, "status"), (10, "*")]


def test_python_repr_rows_are_quarantined_not_evaluated() -> None:
    problems = import_file(BROKER).problems
    quarantined = [p for p in problems if "Python list" in p.message]
    assert [p.row for p in quarantined] == [6, 7]
    assert quarantined[0].value.startswith("[u'AUSTRIA'")
    hostile = b"2008,AT,Austria,issued,CA,Canada,1,1.0,ML4,,,BG,Bulgaria\n[u'__import__(\"os\").system(\"false\")']\n"
    result = import_bytes(hostile, "hostile.csv")
    assert len(result.claims) == 1 and result.problems[0].row == 2


def test_refusals_are_denied() -> None:
    claims = import_file(BROKER).claims
    stances = dict(zip(claims["destination"], claims["stance"]))
    assert stances["LBY"] == "denied" and stances["CAN"] == "reported"


def test_value_is_split_over_pairs() -> None:
    claims = import_file(BROKER).claims
    slovakia = claims[claims["destination"] == "SVK"]
    assert list(slovakia["value"]) == [300000, 300000]
    assert all("split over 2" in items for items in slovakia["items"])


def test_quoted_quantity_text_is_kept() -> None:
    oman = import_file(BROKER).claims.set_index("destination").loc["OMN"]
    assert "6300 machine guns, AK-47 type" in oman["items"]
    assert oman["origin_actor"] == "not stated"


def test_unlisted_places_are_warned_about() -> None:
    warnings = [(p.row, p.value) for p in import_file(BROKER).problems if p.column == "*warning*"]
    assert warnings == [(4, "Nordic countries"), (8, "Nowhere")]


def test_dubai_is_the_uae() -> None:
    line = b"2010,GB,United Kingdom,issued,,Dubai,1,10.0,ML1,,,US,United States\n"
    claims = import_bytes(line, "dubai.csv").claims
    assert list(claims["destination"]) == ["ARE"]


# The fixture's claim ids, written out: two imports in one process would agree even if
# ids hung on the hash seed or the clock; these must hold in every process, every day.
BROKER_IDS = [
    "bc1b15ab0e15a87f", "30f44cfc5f48cbe9", "fae97df01ea00ef3", "c3b476d75bf4f312", "9fd19df5032b0dc7",
    "9c92efb8419a4cbd", "84087e922f52cd37", "49faf766b3c6723a", "6aa7dc16767429ee", "8a79518a7c1438b8",
]  # fmt: skip


def test_reimport_gives_the_same_ids() -> None:
    first, second = import_file(BROKER).claims, import_file(BROKER).claims
    assert list(first["claim_id"]) == BROKER_IDS
    assert list(second["claim_id"]) == BROKER_IDS
    assert len(table.merge_claims(first, second)) == len(first)


CELLS = st.sampled_from(
    ["", "2009", "GB", "United Kingdom", "issued", "refused", "CA; ; DE", "Canada; ; Germany",
     "XX", "Nordic countries", "1", "15000.0", "ML4", "ML3; ML6", '"53561,3"', '"', "[u'X'", "\r"]
)  # fmt: skip
LINES = st.one_of(
    st.lists(CELLS, min_size=1, max_size=15).map(",".join),
    st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=60),
)
VALID = "2008,AT,Austria,issued,CA,Canada,1,30000.0,ML4,50,,BG,Bulgaria"


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=12))
def test_every_line_is_a_claim_or_a_problem(lines: list[str]) -> None:
    """Nothing is silently lost: each line read gives a claim or is rejected by number."""
    data = "\n".join([VALID, *lines]).encode("utf-8")
    result = import_bytes(data, "fuzz.csv", "caat-broker")
    rejected = {p.row for p in result.problems if p.column != "*warning*"}
    evidence = set(result.claims["evidence"])
    read = 0
    for number, line in enumerate(physical_lines(data.decode("utf-8")), start=1):
        if line.strip():
            read += 1
            assert number in rejected or line in evidence, (number, line)
    assert read == result.rows_read


@pytest.mark.parametrize(
    ("rating", "category"),
    [
        ("ML1", "small arms"),
        ("ML1a; ML1d", "small arms"),
        ("ML 2", "artillery"),
        ("ML3a", "ammunition"),
        ("ML10", "aircraft"),
        ("ML6b1", "armoured vehicles"),
        ("ML3; ML6", "arms"),  # mixed: unspecified
        ("7", "arms"),  # a bare number is not a rating
        ("", "arms"),
    ],
)
def test_category_of_rating(rating: str, category: str) -> None:
    assert category_of(rating) == category


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/caat_eu_arms_exports is not present")
def test_real_broker_file() -> None:
    result = import_file(SHARED / "broker.csv")
    assert result.rows_read == 1089
    quarantined = [p for p in result.problems if "Python list" in p.message]
    assert len(quarantined) == 195
    assert (min(p.row for p in quarantined), max(p.row for p in quarantined)) == (702, 896)
    assert len(set(result.claims["claim_date"])) == 6  # 2008-2013
    # No clean row is lost: every one of the 894 gives at least one claim.
    rejected = {p.row for p in result.problems if p.column != "*warning*"}
    assert rejected == {p.row for p in quarantined}


# --------------------------------------------------------------------------- mission.csv

MISSION = FIXTURES / "caat_mission.csv"  # hand-written in mission.csv's layout: 7 columns, no header


def test_mission_exports_are_their_own_format() -> None:
    assert detect_format(MISSION.read_bytes(), "mission.csv") == "caat-mission"
    assert detect_format(BROKER.read_bytes(), "broker.csv") == "caat-broker"


def test_mission_rows_become_claims_from_the_member_state_to_the_mission_country() -> None:
    result = import_file(MISSION)
    claims = result.claims
    assert result.format == "caat-mission" and result.rows_read == 7
    assert list(zip(claims["origin"], claims["destination"], claims["destination_actor"], strict=True)) == [
        ("SWE", "LBN", "UNIFIL"),
        ("NLD", "AFG", "ISAF"),
        ("GBR", "ARE", "United Nations World Food Programme"),  # no code: Dubai, by its name
        ("GBR", "ARE", "United Nations (Afghanistan)"),  # the country in brackets; the cell spans two lines
        ("DEU", "XXX", "MINURSO HQ"),
        ("XXX", "GNB", ""),
    ]
    assert set(claims["stance"]) == {"reported"} and set(claims["method"]) == {"import:caat-mission 1.0"}
    assert claims["claim_date"].tolist() == ["2009", "2010", "2011", "2011", "2012", "2013"]
    assert "Rifles, ammunition" in claims.loc[1, "items"] and claims.loc[1, "category"] == "small arms"
    assert [(p.row, p.severity) for p in result.problems] == [(6, "warning"), (7, "warning"), (8, "error")]
    assert "destination: not a country, kept as XXX" in result.problems[0].message
    assert "has 4 fields, expected 7" in result.problems[2].message


def test_mission_import_is_idempotent() -> None:
    assert import_file(MISSION).claims["claim_id"].tolist() == import_file(MISSION).claims["claim_id"].tolist()


@pytest.mark.skipif(not (SHARED / "mission.csv").exists(), reason="needs ../shared/data (not in a fresh clone)")
def test_the_real_mission_file_imports_every_row() -> None:
    result = import_file(SHARED / "mission.csv")
    assert result.format == "caat-mission"
    assert result.rows_read == 716 and len(result.claims) == 716
    assert not [p for p in result.problems if p.severity == "error"]
