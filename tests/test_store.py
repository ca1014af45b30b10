"""The embedded store: where it lives, round trip, provenance rules, review of proposals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from flows.models import Article, Claim, Evidence
from flows.store import (
    ENV_VAR,
    MANUAL_CORRECTION,
    Store,
    StoreError,
    corrected,
    default_location,
    describe_location,
    locate,
    review,
    seed,
)
from flows.table import CLAIM_COLUMNS, claims_to_frame

ARTICLE = Article(text="Pyongyang sent shells to Russia, Kyiv said.", title="Shells", source="Wire",
                  published="2023-10-05", url="https://example.org/a")


def _claim(**fields) -> Claim:
    base = dict(
        claimant="Ukraine's HUR",
        stance="alleged",
        origin="PRK",
        destination="RUS",
        via=("CHN",),
        claim_date="2023-10-05",
        date_precision="day",
        items="shells",
        category="ammunition",
        quantity=1000.0,
        evidence=(Evidence("Pyongyang sent shells to Russia.", 7, 40), Evidence("Kyiv said.", 41, 51)),
        source="Wire",
        url="https://example.org/a",
        published="2023-10-05",
        article_id=ARTICLE.article_id,
        method="rules 0.1",
        confidence=0.7,
    )
    base.update(fields)
    return Claim(**base)


@pytest.fixture(params=["sqlite3", "sqlalchemy"])
def store(request, tmp_path: Path) -> Store:
    """The same store through the stdlib driver (a path) and through SQLAlchemy (a database URL)."""
    path = tmp_path / "nested" / "claims.sqlite"
    if request.param == "sqlalchemy":
        pytest.importorskip("sqlalchemy", reason="SQLAlchemy (test extra) runs database URLs")
        path.parent.mkdir(parents=True)
        return Store(f"sqlite+pysqlite:///{path}")
    return Store(path)


def test_claims_round_trip_with_contract_columns_and_types(store):
    frame = claims_to_frame([_claim(), _claim(stance="denied", via=("POL>SVK", "ROU"), quantity=None)])
    assert store.save(frame).saved == 2
    back = store.claims()
    assert tuple(back.columns) == CLAIM_COLUMNS
    pd.testing.assert_frame_equal(back, frame)


def test_claims_keep_the_order_they_were_first_saved_in(store):
    first, second, third = _claim(stance="denied"), _claim(stance="reported"), _claim(stance="confirmed")
    store.save(claims_to_frame([first, second]))
    store.save(claims_to_frame([third, first]))  # first saved again: keeps its place
    assert list(store.claims()["stance"]) == ["denied", "reported", "confirmed"]


def test_a_store_made_before_the_order_column_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE claims (claim_id TEXT PRIMARY KEY)")
    connection.close()
    with sqlite3.connect(path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(claims)")]
    connection.close()
    assert "seq" not in columns
    Store(path)
    with sqlite3.connect(path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(claims)")]
    connection.close()
    assert "seq" in columns


def test_revision_changes_on_every_write(store):
    first = store.revision()
    store.save(claims_to_frame([_claim()]))
    second = store.revision()
    store.delete([store.claims()["claim_id"][0]])
    assert first < second < store.revision()


def test_rerunning_the_extractor_does_not_revive_rejected_or_deleted_claims(store):
    keep, drop, gone = _claim(), _claim(stance="reported"), _claim(stance="confirmed")
    store.save(claims_to_frame([keep, gone]))
    store.reject([drop.claim_id])
    store.delete([gone.claim_id])
    report = store.save(claims_to_frame([keep, drop, gone]))
    assert (report.saved, report.suppressed) == (1, 2)
    assert list(store.claims()["claim_id"]) == [keep.claim_id]
    assert store.suppressed() == {drop.claim_id: "rejected", gone.claim_id: "deleted"}


def test_a_correction_replaces_its_proposal_and_survives_a_rerun(store):
    proposal = claims_to_frame([_claim()])
    store.save(proposal)
    edited = proposal.copy()
    edited.loc[0, "origin"] = "Iran"  # typed as a name
    result = review(proposal, edited, ["accept"])
    assert result.problems == []
    store.save(result.save, result.corrects)
    saved = store.claims()
    assert list(saved["origin"]) == ["IRN"]
    assert list(saved["method"]) == [MANUAL_CORRECTION]
    # provenance of the proposal is kept
    row = saved.iloc[0]
    assert (row["article_id"], row["url"], row["evidence"]) == (
        proposal.loc[0, "article_id"], proposal.loc[0, "url"], proposal.loc[0, "evidence"])
    # the extractor runs again on the same article: the correction stays, the proposal stays out
    report = store.save(claims_to_frame([_claim()]))
    assert report.suppressed == 1
    assert list(store.claims()["origin"]) == ["IRN"]


def test_machine_rows_never_replace_a_persons_row(store):
    manual = claims_to_frame([_claim(method="manual", items="shells")])
    store.save(manual)
    machine = manual.copy()
    machine.loc[0, "method"] = "rules 0.2"
    machine.loc[0, "items"] = "rifles"
    assert store.save(machine).kept_manual == 1
    assert list(store.claims()["items"]) == ["shells"]


def test_review_decisions_and_invalid_edits_are_reported_by_row(store):
    proposal = claims_to_frame([_claim(), _claim(stance="reported"), _claim(stance="confirmed")])
    edited = proposal.copy()
    edited.loc[2, "destination"] = "Narnia"
    result = review(proposal, edited, ["accept", "reject", "accept"])
    assert list(result.save["claim_id"]) == [proposal.loc[0, "claim_id"]]
    assert result.rejected == [proposal.loc[1, "claim_id"]]
    assert len(result.problems) == 1 and result.problems[0].startswith("row 3, column destination")


def test_corrected_is_none_without_a_change_and_parses_via_routes():
    record = claims_to_frame([_claim()]).to_dict("records")[0]
    assert corrected(record, dict(record)) is None
    fixed = corrected(record, {**record, "via": "Poland>Slovakia; ROU"})
    assert fixed is not None and fixed["via"] == ["POL>SVK", "ROU"]
    assert fixed["claim_id"] != record["claim_id"] and fixed["method"] == MANUAL_CORRECTION
    redated = corrected(record, {**record, "claim_date": "2023-10"})
    assert redated is not None and redated["date_precision"] == "month"


def test_articles_are_kept_for_the_claim_detail(store):
    store.add_articles([ARTICLE, ARTICLE])
    assert store.article(ARTICLE.article_id) == ARTICLE
    assert store.article("nope") is None


def test_location_comes_from_env_then_secrets_then_default(tmp_path):
    assert locate({ENV_VAR: "sqlite:///x.db"}, {"db_url": "sqlite:///y.db"}, tmp_path) == "sqlite:///x.db"
    assert locate({}, {"db_url": "sqlite:///y.db"}, tmp_path) == "sqlite:///y.db"
    assert locate({}, None, tmp_path) == str(tmp_path / "var" / "arms-flows.sqlite")

    class NoSecrets:
        def get(self, key):
            raise FileNotFoundError("no secrets.toml")

    assert locate({}, NoSecrets(), tmp_path).endswith("arms-flows.sqlite")


def test_default_location_falls_back_to_temp_when_the_checkout_is_read_only(tmp_path):
    blocker = tmp_path / "ro"
    blocker.write_text("a file where the folder should be")
    assert default_location(blocker).parent.name == "arms-flows"


def test_sqlite_urls_are_accepted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Store("sqlite:///relative.sqlite")
    store.save(claims_to_frame([_claim()]))
    assert (tmp_path / "relative.sqlite").exists()
    absolute = tmp_path / "abs.sqlite"
    Store(f"sqlite:///{absolute}")
    assert absolute.exists()


def test_unusable_locations_raise_a_clean_store_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError):
        Store(tmp_path / "file" / "claims.sqlite")  # a file where the folder should be
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        Store(broken)
    with pytest.raises(StoreError):
        Store("nosuchdialect://host/db")


def test_a_password_in_a_url_is_not_shown():
    assert describe_location("postgresql://me:secret@db.example/arms") == "postgresql://me:***@db.example/arms"


def test_the_database_is_plain_sqlite(tmp_path):
    store = Store(tmp_path / "claims.sqlite")
    store.save(claims_to_frame([_claim()]))
    with sqlite3.connect(store.location) as connection:
        (via,) = connection.execute("SELECT via FROM claims").fetchone()
    assert via == "CHN"


def test_seed_extracts_once_and_keeps_the_articles(store):
    calls = []

    def extract(articles, progress):
        calls.append(len(articles))
        if progress:
            progress(len(articles), len(articles))
        return [_claim()]

    assert seed(store, [ARTICLE], extract, "1 article, rules 0.1") == 1
    assert seed(store, [ARTICLE], extract, "again") == 0
    assert calls == [1]
    assert store.get_meta("seeded") == "1 article, rules 0.1"
    assert store.article(ARTICLE.article_id) == ARTICLE
    assert store.count() == 1
