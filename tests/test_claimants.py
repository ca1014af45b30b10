"""The claimants table: who speaks, of what kind, from which country."""

from __future__ import annotations

import pytest

from flows import claimants

HEADER = "name,kind,country,aliases,domains,source\n"


def test_the_bundled_table_loads_and_knows_the_wires() -> None:
    rows = claimants.claimants()
    assert len(rows) > 500
    reuters = claimants.by_alias("Reuters")
    assert reuters is not None and (reuters.kind, reuters.country) == ("wire", "GBR")
    assert claimants.by_alias("reuters") is None  # aliases match as written


def test_an_outlet_is_found_by_its_domain_and_its_parents() -> None:
    assert claimants.by_domain("https://www.reuters.com/world/x") is claimants.by_alias("Reuters")
    assert claimants.by_domain("https://uk.reuters.com/x") is claimants.by_alias("Reuters")
    assert claimants.by_domain("https://example.invalid/") is None


def test_a_country_code_domain_gives_a_home_country() -> None:
    assert claimants.country_of_domain("https://thesundaily.my/news") == "MYS"
    assert claimants.country_of_domain("https://www.bbc.co.uk/news") == "GBR"
    assert claimants.country_of_domain("https://example.com/") == ""


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("X,outlet,ZZZ,X,,https://x\n", "line 2: unknown country 'ZZZ'"),
        ("X,gossip,FRA,X,,https://x\n", "line 2: unknown kind 'gossip'"),
        ("X,un,FRA,X,,https://x\n", "line 2: a un body has no home country"),
        ("X,outlet,FRA,X,x.fr,https://x\nY,outlet,FRA,Y,x.fr,https://y\n", "line 3: domain 'x.fr' is also on line 2"),
        ("X,outlet,FRA,Same,,https://x\nY,outlet,FRA,Same,,https://y\n", "line 3: alias 'Same' is also on line 2"),
    ],
)
def test_a_contradicting_row_is_named_by_line(rows: str, message: str) -> None:
    with pytest.raises(claimants.ClaimantsError, match=message):
        claimants.parse_claimants(HEADER + rows)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("SVR", "SVR"),
        ("Russia's Foreign Intelligence Service", "SVR"),
        ("Russian foreign intelligence", "SVR"),
        ("the russian  foreign intelligence service", "SVR"),  # any case and spacing, no leading "the"
        ("Russia foreign intelligence service", "SVR"),  # what the extractor's "{country} ..." pattern writes
        ("Russian Ministry of Defence", "Russia Defence Ministry"),
        ("Russia\u2019s Defense Ministry", "Russia Defence Ministry"),  # a curly apostrophe
        ("United States Defence Ministry", "Pentagon"),
        ("Armed Forces of Ukraine", "Armed Forces of Ukraine"),
        ("OCHA", "UN Office for the Coordination of Humanitarian Affairs"),
        ("reuters", "Reuters"),
    ],
)
def test_one_body_has_one_name(written: str, name: str) -> None:
    assert claimants.canonical(written) == name


def test_an_unknown_name_passes_through_unchanged() -> None:
    assert claimants.canonical("  Kyiv Independent Blog ") == "Kyiv Independent Blog"
    assert claimants.canonical("") == ""


def test_a_spelling_two_bodies_share_once_folded_names_neither() -> None:
    table = claimants.parse_claimants(
        HEADER + "Alpha,outlet,FRA,Alpha|ABC,,https://a\nBeta,outlet,FRA,Beta|abc,,https://b\n"
    )
    index = claimants.folded_index(table)
    assert "abc" not in index
    assert index["alpha"].name == "Alpha" and index["beta"].name == "Beta"


def test_the_bundled_file_keeps_its_crlf_line_ends() -> None:
    from importlib import resources

    data = resources.files("flows").joinpath("data", claimants.CLAIMANTS_FILE).read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
