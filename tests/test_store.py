"""The embedded store: where it lives, round trip, what it keeps, and the provenance rules it enforces."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pandas as pd
import pytest

from flows.store import ENV_VAR, Store, StoreError, default_location, describe_location, locate
from flows.table import CLAIM_COLUMNS, claims_to_frame

def test_claims_round_trip_with_contract_columns_and_types(store, claim):
    frame = claims_to_frame([claim(), claim(stance="denied", via=("POL>SVK", "ROU"), quantity=None)])
    assert store.save(frame).saved == 2
    back = store.claims()
    assert tuple(back.columns) == CLAIM_COLUMNS
    pd.testing.assert_frame_equal(back, frame)


def test_claims_keep_the_order_they_were_first_saved_in(store, claim):
    first, second, third = claim(stance="denied"), claim(stance="reported"), claim(stance="confirmed")
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


def test_revision_changes_on_every_write(store, claim):
    first = store.revision()
    store.save(claims_to_frame([claim()]))
    second = store.revision()
    store.delete([store.claims()["claim_id"][0]])
    assert first < second < store.revision()


def test_rerunning_the_extractor_does_not_revive_rejected_or_deleted_claims(store, claim):
    keep, drop, gone = claim(), claim(stance="reported"), claim(stance="confirmed")
    store.save(claims_to_frame([keep, gone]))
    store.reject(claims_to_frame([drop]))
    store.delete([gone.claim_id])
    report = store.save(claims_to_frame([keep, drop, gone]))
    assert (report.saved, report.suppressed) == (1, 2)
    assert list(store.claims()["claim_id"]) == [keep.claim_id]
    assert store.suppressed() == {drop.claim_id: "rejected", gone.claim_id: "deleted"}


def test_machine_rows_never_replace_a_persons_row(store, claim):
    manual = claims_to_frame([claim(method="manual", items="shells")])
    store.save(manual)
    machine = manual.copy()
    machine.loc[0, "method"] = "rules 0.2"
    machine.loc[0, "items"] = "rifles"
    assert store.save(machine).kept_manual == 1
    assert list(store.claims()["items"]) == ["shells"]


def test_articles_are_kept_for_the_claim_detail(store, article):
    store.add_articles([article, article])
    assert store.article(article.article_id) == article
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


def test_sqlite_urls_are_accepted(tmp_path, monkeypatch, claim):
    monkeypatch.chdir(tmp_path)
    store = Store("sqlite:///relative.sqlite")
    store.save(claims_to_frame([claim()]))
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


def test_a_sqlite_store_is_shown_by_its_file_name_not_the_servers_path():
    for location in ("/srv/app/var/arms-flows.sqlite", "sqlite:////srv/app/var/arms-flows.sqlite"):
        assert describe_location(location) == "arms-flows.sqlite (SQLite file)"


def test_a_suppression_follows_the_article_and_the_flow_not_the_date(store, claim):
    proposal = claim(claim_date="2024-03-04", date_text="on Monday")
    store.reject(claims_to_frame([proposal]))
    undated = claim(claim_date="", date_precision="", date_text="")  # the same article read without a date
    assert undated.claim_id != proposal.claim_id
    other_flow = claim(origin="IRN")
    report = store.save(claims_to_frame([undated, other_flow]))
    assert (report.saved, report.suppressed) == (1, 1)
    assert list(store.claims()["origin"]) == ["IRN"]


def test_a_register_record_is_suppressed_alone(store, claim):
    first = claim(article_id="", method="import:sipri 1.0", extra={"key": "1|2020"})
    second = claim(article_id="", method="import:sipri 1.0", extra={"key": "2|2020"})  # same flow, another record
    store.save(claims_to_frame([first, second]))
    store.delete([first.claim_id])
    assert list(store.claims()["claim_id"]) == [second.claim_id]
    assert store.save(claims_to_frame([first, second])).suppressed == 1


def test_the_database_is_plain_sqlite(tmp_path, claim):
    store = Store(tmp_path / "claims.sqlite")
    store.save(claims_to_frame([claim()]))
    with sqlite3.connect(store.location) as connection:
        (via,) = connection.execute("SELECT via FROM claims").fetchone()
    assert via == "CHN"


def test_articles_keep_where_their_date_came_from(store, article):
    dated = replace(article, text="Another text.", published_from="text")
    store.add_articles([dated])
    assert store.article(dated.article_id) == dated


def test_claims_keep_the_raw_text_behind_their_values(store, claim):
    kept = claim(claimant_text="Ukraine's military intelligence", date_text="on Thursday",
                 route_text="through China", published_from="metadata", extra={"key": "row 7"})  # fmt: skip
    store.save(claims_to_frame([kept]))
    row = store.claims().iloc[0]
    assert (row["claimant_text"], row["date_text"], row["route_text"], row["published_from"], row["extra"]) == (
        "Ukraine's military intelligence", "on Thursday", "through China", "metadata", '{"key": "row 7"}'
    )


def test_a_store_made_before_the_raw_text_columns_is_upgraded(tmp_path, claim):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE claims (claim_id TEXT PRIMARY KEY, stance TEXT)")
        connection.execute("CREATE TABLE articles (article_id TEXT PRIMARY KEY, text TEXT)")
    connection.close()
    store = Store(path)
    store.save(claims_to_frame([claim(date_text="on Thursday")]))
    assert list(store.claims()["date_text"]) == ["on Thursday"]
