"""The analytical engine (flows/engine.py) against the pandas path it replaces in the dashboard.

Every count, headline, row and figure of an engine view must equal what
``flows.filters`` and ``flows.figures`` make of the same claims in pandas: the
same filter rules, and the very same Plotly figure (compared as JSON). The
claims here are built to hit the edges: hostile text (markup, formulas, SQL),
an unknown country (``XXX``), undated, year- and month-dated claims, chains
and parallel routes, missing and mixed quantities and values.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from flows import corroborate, dossier, figures, filters, pipeline, table
from flows.engine import Engine, engine_path, for_store
from flows.models import Evidence
from flows.state import NO_CATEGORY, ViewState
from flows.store import Store
from flows.table import claims_to_frame
from flows.vocabulary import CATEGORIES

HOSTILE = "'; DROP TABLE claims; --"


@pytest.fixture(scope="module")
def claims(make_claim) -> pd.DataFrame:
    def claim(n: int, **fields: object):
        base: dict[str, object] = dict(evidence=(Evidence(f"Sentence {n} about shells.", 0, 10),))
        base.update(fields)
        return make_claim(n, **base)

    copies = [  # the first claim again from other outlets, and a second report of claim 2: one claim each
        claim(9, quantity=100.0, value=5.0, value_unit="EUR", source="Other Wire", url="https://other.example/9"),
        claim(10, claim_date="2023-10-06", source="Third Wire", url="https://third.example/10", quantity=100.0),
        claim(11, claimant="Pentagon", stance="confirmed", origin="IRN", items="Shahed drones", category="drones",
              claim_date="2022-10", date_precision="month", quantity=40.0, source="Fourth"),
    ]  # fmt: skip
    return pipeline.corroborated(claims_to_frame(
        [
            claim(1, quantity=100.0, value=5.0, value_unit="EUR"),
            claim(2, claimant="Pentagon", stance="confirmed", origin="IRN", items="Shahed drones",
                  category="drones", claim_date="2022-10", date_precision="month", quantity=40.0),
            claim(3, stance="denied", via=("BLR",), claim_date="2021", date_precision="year"),
            claim(4, claimant="SIPRI", method="import:sipri 1", origin="USA", destination="UKR",
                  via=("POL>SVK", "ROU"), items='=HYPERLINK("http://evil") HIMARS', category="rockets and missiles",
                  claim_date="2024-02-29", quantity=20.0, value=3.0, value_unit="SIPRI TIV"),
            claim(5, claimant="analyst", method="manual", claim_date="", date_precision="", origin="XXX",
                  category="", confidence=0.5),
            claim(6, claimant="<script>alert(1)</script>", stance="reported", origin="IRN", destination="YEM",
                  via=("OMN",), items=HOSTILE, evidence=(Evidence("Straße <b>bold</b> & ÉCLAT.", 0, 5),),
                  claim_date="2023-01-15", category="rockets and missiles"),
            claim(7, claimant="Pentagon", stance="alleged", origin="IRN", destination="RUS", via=("XXX", "CAS"),
                  claim_date="2023-10", date_precision="month", evidence=()),
            claim(8, claimant="Ukraine's HUR", origin="PRK", destination="RUS", claim_date="2023-10-20",
                  items="shells", category="ammunition", claimant_country="UKR", confidence=0.9),
            *copies,
        ]
    ))  # fmt: skip


@pytest.fixture(scope="module")
def engine(claims) -> Engine:
    return Engine.of_claims(claims)


@pytest.fixture(scope="module")
def prepared(claims) -> pd.DataFrame:
    return filters.prepare(claims)


STATES = {
    "none": ViewState(),
    "dates": ViewState(date_from=date(2023, 1, 1), date_to=date(2023, 10, 31)),
    "date from": ViewState(date_from=date(2023, 10, 10)),
    "date to": ViewState(date_to=date(2022, 12, 31)),
    "claimant": ViewState(claimants=("Pentagon", "<script>alert(1)</script>")),
    "stance": ViewState(stances=("alleged", "denied")),
    "kind": ViewState(kinds=("register", "manual")),
    "origin": ViewState(origins=("IRN", "XXX")),
    "via": ViewState(vias=("SVK", "OMN")),
    "destination": ViewState(destinations=("RUS",)),
    "category": ViewState(categories=("rockets and missiles",)),
    "no category": ViewState(categories=("drones", NO_CATEGORY)),
    "claimant country": ViewState(claimant_countries=("UKR", "USA")),  # no claimant is of the USA
    "confidence": ViewState(min_confidence=0.8),
    "search": ViewState(query="STRASSE"),  # casefolded: ß is ss
    "search formula": ViewState(query="=hyperlink"),
    "several": ViewState(stances=("alleged", "reported", "confirmed"), origins=("IRN", "PRK"), query="s"),
    "nothing left": ViewState(origins=("USA",), destinations=("RUS",)),
}
FIGURE_OPTIONS = [
    {"color_by": "claimant", "measure": "claims"},
    {"color_by": "stance", "measure": "quantity"},
    {"color_by": "claimant", "measure": "value"},
    {"color_by": "claimant", "measure": "reports"},
]


def test_the_fixture_has_claims_told_by_several_reports(claims):
    assert claims["assertion_id"].nunique() < len(claims)


def test_the_legs_table_is_the_contracts(engine, claims):
    expected = table.legs(claims).reset_index(drop=True)
    pd.testing.assert_frame_equal(engine.legs_frame(), expected, check_dtype=False)


@pytest.mark.parametrize("name", list(STATES))
def test_counts_headline_and_rows_equal_the_pandas_filters(engine, prepared, name):
    state = STATES[name]
    expected = filters.filter_claims(prepared, state)
    view = engine.view(state)
    counts = view.counts()
    assert (counts.shown, counts.total, counts.steps) == (len(expected.claims), expected.total, expected.steps)
    assert counts.sentence() == expected.sentence()
    assert view.headline() == filters.headline(expected.claims)
    assert view.claim_ids() == list(expected.claims["claim_id"])
    # the download: the same bytes as the pandas path's
    assert table.to_csv_bytes(filters.public(view.claims())) == table.to_csv_bytes(filters.public(expected.claims))
    assert view.flows() == dossier.flows_in(expected.claims)
    for flow in view.flows()[:2]:
        picked = dossier.dossier(filters.public(view.flow_claims(flow)), flow)
        pd.testing.assert_frame_equal(picked, dossier.dossier(filters.public(expected.claims), flow))
    page = view.claims(limit=2, offset=1)
    assert list(page["claim_id"]) == list(expected.claims["claim_id"])[1:3]


@pytest.mark.parametrize("name", list(STATES))
def test_figures_equal_the_pandas_figures(engine, prepared, claims, name):
    state = STATES[name]
    shown = filters.public(filters.filter_claims(prepared, state).claims)
    legs = table.legs(claims)
    view = engine.view(state)
    for options in FIGURE_OPTIONS:
        for top_n in (12, 2):
            ours = view.sankey(top_n=top_n, **options)
            theirs = figures.sankey(shown, top_n=top_n, legs=legs, **options)
            assert ours.to_json() == theirs.to_json(), (name, options, top_n)
        ours = view.flow_map(**options)
        assert ours.to_json() == figures.flow_map(shown, legs=legs, **options).to_json(), (name, options)
    assert view.timeline().to_json() == figures.timeline(shown).to_json(), name
    # the flows picked under a figure, and the headline's denials
    pd.testing.assert_frame_equal(view.flow_choices(), figures.flow_choices(shown, legs), check_dtype=False)
    assert view.denials() == figures.headline_denials(shown)


@pytest.mark.parametrize("name", ["none", "claimant", "several"])
def test_the_table_lists_the_newest_claims_first(engine, prepared, name):
    expected = filters.filter_claims(prepared, STATES[name]).claims
    dates = expected["claim_date"].fillna("").tolist()
    ids = expected["claim_id"].tolist()
    # newest first ("2024" before "2023-10-05"), undated last, equal dates in the store's order
    dated = sorted((i for i, d in enumerate(dates) if d), key=lambda i: dates[i], reverse=True)
    order = [ids[i] for i in dated] + [ids[i] for i, d in enumerate(dates) if not d]
    view = engine.view(STATES[name])
    assert list(view.claims(newest_first=True)["claim_id"]) == order
    assert list(view.claims_with_ids(order[::-1])["claim_id"]) == order


@pytest.mark.parametrize("name", ["none", "stance", "several", "nothing left"])
@pytest.mark.parametrize("limit", [1, 2, 1000])
def test_the_claim_lines_are_the_last_reported_claims_grouped_from_all_rows(engine, prepared, name, limit):
    every = corroborate.claims_of(filters.public(filters.filter_claims(prepared, STATES[name]).claims))
    every = every.sort_values(["last_report", corroborate.ASSERTION_ID], ascending=[False, True], kind="stable")
    reports, total = engine.view(STATES[name]).claim_lines(limit)
    lines = corroborate.claims_of(filters.public(reports))
    lines = lines.sort_values(["last_report", corroborate.ASSERTION_ID], ascending=[False, True], kind="stable")
    assert total == len(every)
    # the page's lines are the first of all lines, each grouped from every one of its reports
    pd.testing.assert_frame_equal(lines.reset_index(drop=True), every.head(limit).reset_index(drop=True))


def test_a_claim_line_is_placed_by_its_last_report(make_claim):
    # The SVR's claim reported on 10 and 16 January, the Pentagon's on 14 January: the SVR's is last.
    rows = pipeline.corroborated(claims_to_frame([
        make_claim(1, claimant="SVR", claim_date="2023-01-10", published="2023-01-10", source="A1"),
        make_claim(2, claimant="SVR", claim_date="2023-01-16", published="2023-01-16", source="A2"),
        make_claim(3, claimant="Pentagon", origin="IRN", claim_date="2023-01-14", published="2023-01-14"),
    ]))  # fmt: skip
    reports, total = Engine.of_claims(rows).view(ViewState()).claim_lines(1)
    assert total == 2
    assert sorted(reports["claim_id"]) == sorted(rows[rows["claimant"] == "SVR"]["claim_id"])


def test_the_measures_offered_are_those_some_claim_has(engine, claims):
    assert engine.measures_available() == figures.measures_available(claims)
    assert Engine.of_claims(claims.assign(value=None)).measures_available() == ("claims", "quantity", "reports")


def test_the_figures_say_what_they_leave_out(engine):
    sankey = engine.view(ViewState()).sankey(top_n=2).to_plotly_json()
    assert "smaller countries gathered in “Other”" in sankey["layout"]["title"]["subtitle"]["text"]
    flows_map = engine.view(ViewState()).flow_map().to_plotly_json()
    assert "2 claims with an unknown country not drawn" in flows_map["layout"]["title"]["subtitle"]["text"]


@pytest.mark.parametrize(
    "state",
    [
        ViewState(claimants=(HOSTILE,)),
        ViewState(claimants=("x' OR '1'='1",)),
        ViewState(origins=("IRN') OR TRUE --",)),
        ViewState(vias=("%",)),
        ViewState(query="' OR 1=1 --"),
        ViewState(query="%"),
        ViewState(query="_"),
    ],
)
def test_hostile_filter_values_are_values_not_sql(engine, prepared, state):
    view = engine.view(state)
    expected = filters.filter_claims(prepared, state)
    assert view.counts().shown == len(expected.claims) == 0
    assert view.claim_ids() == []
    assert engine.count() == len(prepared), "the tables are still there"


def test_hostile_text_is_found_as_text(engine):
    assert engine.view(ViewState(query=HOSTILE)).claim_ids() == [
        engine.view(ViewState(claimants=("<script>alert(1)</script>",))).claim_ids()[0]
    ]


def test_options_are_what_each_filter_offers(engine, prepared):
    options = engine.options()
    assert options["claimants"] == sorted(c for c in prepared["claimant"].unique() if c)
    assert options["vias"] == sorted(filters.intermediaries(prepared))
    assert options["origins"] == sorted(set(prepared["origin"]) - {""})
    assert options["categories"] == [c for c in CATEGORIES if c in set(prepared["category"])]


def test_an_empty_store_gives_an_empty_view(tmp_path):
    store = Store(tmp_path / "empty.sqlite")
    engine = for_store(store, store.revision())
    view = engine.view(ViewState(stances=("alleged",)))
    assert view.counts().shown == 0 and view.headline() == filters.Headline(0, 0, 0, "", "")
    assert "No claims match" in view.sankey().to_plotly_json()["layout"]["annotations"][0]["text"]


def test_the_copy_is_kept_per_revision_and_rebuilt_when_the_store_changes(tmp_path, claims):
    store = Store(tmp_path / "claims.sqlite")
    store.save(claims.head(3))
    first = for_store(store, store.revision())
    assert first.count() == 3
    path = engine_path(store.location, store.revision())
    assert path.exists() and path.parent == tmp_path
    first.close()

    def never() -> pd.DataFrame:
        raise AssertionError("a current copy is opened, not rebuilt")

    again = Engine.at(path, store.revision(), never)
    assert again.count() == 3
    store.save(claims)
    assert for_store(store, store.revision()).count() == len(claims), "a rebuilt copy, not the one still open"
    assert not path.exists(), "the stale copy is removed"


def test_a_database_url_keeps_its_copy_in_the_temp_folder_without_its_password():
    path = engine_path("postgresql://user:secret@db.example/claims", 3)
    assert "secret" not in str(path) and path.name.endswith(".engine-3.duckdb")
