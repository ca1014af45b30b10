"""Ingest: files, folders, globs, stdin and pasted text -> articles.

Where the examples come from: ``fixtures/seed_page.txt`` is a real saved news
page (a Reuters article on The Straits Times with boilerplate and three related
articles). Everything under ``fixtures/ingest/`` was written for these tests:
``other_site_page.txt`` mimics another site's layout (byline, share bar,
"Read more:", "You may also like", "Outlet · 2 hours ago" stamps, a teaser with
no body, copyright and cookie lines), ``dated_list_page.txt`` a page whose
related list is dated ("June 20, 2025") instead of stamped, with a breadcrumb
and an AP dateline, ``kicker_page.txt`` a layout with a section kicker above
the headline, a standfirst and article tools; the others are one small file
per input format or failure.
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import ingest
from flows.ingest import IngestProblem, read_bytes, read_paths, read_text, split_page

FIXTURES = Path(__file__).parent / "fixtures"
INGEST = FIXTURES / "ingest"
SEED_PAGE = FIXTURES / "seed_page.txt"

SEED_TITLES = [
    "Russia's spy agency says Serbia sold ammunition to Ukraine via Bulgaria, Czech Republic",
    "US helped Americans leave Israel with flights over weekend",
    "Ukraine's Zelensky meets King Charles on British visit",
    "Starmer and Zelensky agree military production project in London",
]
# Lines of site furniture on the seed page; none may survive in any article.
SEED_BOILERPLATE = [
    "Join ST's Telegram channel",
    "Hashtags",
    "Try Our AI Features",
    "Explore what Daily8 AI can do for you",
    "Comments",
    "No comments yet",
    "Related Articles",
    "minutes ago",
    "- Straits Times",
]


def _messages(problems: list[IngestProblem]) -> list[str]:
    return [str(problem) for problem in problems]


# --------------------------------------------------------------------------- page splitting


def test_seed_page_splits_into_its_four_articles() -> None:
    articles = split_page(SEED_PAGE.read_text(encoding="utf-8"))

    assert [article.title for article in articles] == SEED_TITLES
    main, *related = articles
    assert main.agency == "REUTERS"
    assert main.text.startswith("BELGRADE - Russia accused Serbia on Monday")
    assert main.text.endswith("Peskov told Russia's Life TV. REUTERS")
    assert [article.source for article in related] == ["Straits Times"] * 3
    assert [article.agency for article in related] == ["REUTERS"] * 3
    assert related[2].text.startswith("LONDON - Mr Volodymyr Zelensky")


@pytest.mark.parametrize("boilerplate", SEED_BOILERPLATE)
def test_seed_page_boilerplate_is_in_no_article(boilerplate: str) -> None:
    articles = split_page(SEED_PAGE.read_text(encoding="utf-8"))

    assert all(boilerplate not in article.full_text for article in articles)


def test_seed_page_main_article_keeps_every_paragraph() -> None:
    page = SEED_PAGE.read_text(encoding="utf-8").split("\n")
    main = split_page("\n".join(page))[0]

    # Lines 2..13 of the page are the main article's body, each kept whole.
    assert main.text.split("\n") == page[1:13]


def test_other_site_layout_is_split_by_the_same_rules() -> None:
    articles = split_page((INGEST / "other_site_page.txt").read_text(encoding="utf-8"))

    assert [article.title for article in articles] == [
        "Poland to buy more Korean howitzers",
        "Estonia orders more HIMARS launchers",
    ]  # "Latvia opens new ammunition plant" has no body: a teaser, dropped
    poland, estonia = articles
    assert poland.agency == "Anna Nowak and Piotr Lis"
    assert estonia.source == "Baltic Times"
    assert estonia.agency == "AFP"
    for furniture in (
        "Share this article",
        "Advertisement",
        "Read more",
        "newsletter",
        "Follow us",
        "Tags",
        "Defence\n",
        "You may also like",
        "Copyright",
        "cookies",
    ):
        assert all(furniture not in article.full_text for article in articles), furniture
    assert "The opposition criticised the cost" in poland.text


def test_list_of_dated_items_after_a_section_heading() -> None:
    result = read_paths([INGEST / "dated_list_page.txt"])

    assert [(a.title, a.source, a.agency, a.published) for a in result.articles] == [
        ("Germany to deliver more Patriot systems to Ukraine", "The Kyiv Independent", "AP", ""),
        ("Netherlands pledges F-16 parts", "Euro News", "", "2025-06-20"),
        ("Sweden weighs Gripen transfer", "", "", "2025-06-18"),
    ]  # "Norway buys drones" has no body: a teaser, dropped
    assert [a.published_from for a in result.articles] == ["", "text", "text"]
    germany = result.articles[0]
    assert germany.text.startswith("KYIV, Ukraine (AP) — Germany will deliver")
    assert germany.text.endswith("working with partners to find more.")  # "Accept all" dropped
    assert all("Home | World" not in a.full_text and "June 1" not in a.text for a in result.articles)


def test_kicker_standfirst_and_article_tools() -> None:
    [article] = read_paths([INGEST / "kicker_page.txt"]).articles

    assert article.title == "Germany to send Leopard 2 tanks to Ukraine"  # not the kicker "Ukraine war"
    assert (article.published, article.published_from) == ("2023-01-25", "text")  # 5th line of the page
    assert article.text.startswith("Olaf Scholz confirms Berlin")  # the standfirst is text
    assert article.text.endswith("the defence minister said.")
    for furniture in (
        "Ukraine war",
        "Listen",
        "Explore more",
        "Reuse this content",
        "Most viewed",
        "Berlin this",
    ):
        assert furniture not in article.full_text, furniture


@pytest.mark.parametrize(
    ("first_line", "agency"),
    [
        ("PRAGUE, March 4, 2024 (Reuters) - A Czech company shipped shells.", "Reuters"),
        ("KYIV, Ukraine (AP) — Germany will deliver two Patriot systems.", "AP"),
        ("TEHRAN, Nov. 29 (Xinhua) -- Russia delivered helicopters to Iran.", "Xinhua"),  # a doubled hyphen
        ("Germany (the largest donor) - will deliver two systems.", ""),  # an aside, not a credit
        ("The ministry said (on Monday) - nothing.", ""),
    ],
)
def test_agency_from_the_dateline(first_line: str, agency: str) -> None:
    [article] = split_page(f"Arms deliveries to Ukraine\n{first_line}\nMore text.")

    assert article.agency == agency


def test_wire_sign_off_wins_over_a_personal_byline() -> None:
    text = "Poland buys howitzers\nBy Anna Nowak\nWARSAW - Poland will buy howitzers, the minister said. AFP"

    assert split_page(text)[0].agency == "AFP"


@pytest.mark.parametrize(
    ("text", "title", "body_start"),
    [
        (
            "Serbia halts arms exports\nBELGRADE - Serbia halted all arms exports.",
            "Serbia halts arms exports",
            "BELGRADE",
        ),
        # A first line that ends with a period is a sentence, not a headline.
        ("Serbia halted all arms exports.\nThe president said so.", "", "Serbia halted"),
        # A lone line is the text, never a title with no article under it.
        ("Serbia halts arms exports", "", "Serbia halts"),
        # Too long for a headline.
        (" ".join(["word"] * 40) + "\nBody.", "", "word word"),
    ],
)
def test_first_line_is_the_title_only_when_it_reads_like_a_headline(
    text: str, title: str, body_start: str
) -> None:
    [article] = split_page(text)

    assert article.title == title
    assert article.text.startswith(body_start)


def test_stamp_under_a_main_title_does_not_split_the_article() -> None:
    text = "Serbia halts arms exports\n2 hours ago\nBELGRADE - Serbia halted all arms exports."

    [article] = split_page(text)

    assert article.title == "Serbia halts arms exports"
    assert article.text.startswith("BELGRADE")


def test_stamps_inside_comments_are_not_articles() -> None:
    body = " ".join(["Serbia halted all arms exports, the president said on Monday."] * 6)
    comment = " ".join(["I do not believe a word of this statement at all."] * 6)
    text = f"Serbia halts arms exports\n{body}\nComments\nreader42\n5 minutes ago\n{comment}"

    [article] = split_page(text)

    assert "believe" not in article.text


# --------------------------------------------------------------------------- formats


def test_html_article_text_and_metadata() -> None:
    result = read_paths([INGEST / "article.html"])

    [article] = result.articles
    assert article.title == "Slovakia sends MiG-29 jets to Ukraine"
    assert article.source == "Danube Daily"
    assert article.url == "https://danube.example/world/slovakia-migs"
    # The meta tag is trusted before JSON-LD (which says 2023-03-16 here).
    assert (article.published, article.published_from) == ("2023-03-17", "metadata")
    assert article.text.startswith("BRATISLAVA - Slovakia will send 13 MiG-29")
    for furniture in ("Home", "Sign in", "WhatsApp", "Copyright", "Related stories"):
        assert furniture not in article.full_text
    assert result.problems == []


def test_html_date_from_json_ld_graph() -> None:
    [article] = read_paths([INGEST / "jsonld_date.html"]).articles

    assert (article.published, article.published_from) == ("2024-01-09", "metadata")


def test_truncated_html_keeps_its_text_and_warns() -> None:
    result = read_paths([INGEST / "truncated.html"])

    [article] = result.articles
    assert article.text.startswith("BRATISLAVA - Slovakia will send 13 MiG-29")
    assert _messages(result.warnings) == [
        f"{INGEST / 'truncated.html'}: HTML looks truncated (no closing </html>); its text may be cut short"
    ]


def test_html_falls_back_to_tag_strip_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.html, "_trafilatura_text", lambda html: "")
    html = (
        "<html><head><title>Shells for Kyiv</title><script>var x = 1;</script></head>"
        "<body><nav>Home</nav><div>SOFIA - Bulgaria sent shells.</div>"
        "<p>Officials confirmed it.</p></body></html>"
    )

    [article] = read_bytes(html.encode(), "page.html").articles

    assert article.title == "Shells for Kyiv"
    assert article.text == "SOFIA - Bulgaria sent shells.\nOfficials confirmed it."


def test_html_with_too_many_elements_is_tag_stripped_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.html, "_TRAFILATURA_MAX_ELEMENTS", 10)
    monkeypatch.setattr(ingest.html, "_trafilatura_text", lambda html: pytest.fail("trafilatura was called"))

    result = read_paths([INGEST / "article.html"])

    [article] = result.articles
    assert article.text.startswith("BRATISLAVA - Slovakia will send 13 MiG-29")
    assert article.published == "2023-03-17"  # metadata still read
    assert [problem.message.split(":")[0] for problem in result.warnings] == [
        "very large page (25 elements)"  # html, head and its 7, body and its 16
    ]


def test_html_without_text_is_an_error() -> None:
    result = read_bytes(b"<html><head><title>x</title></head><body></body></html>", "blank.html")

    assert result.articles == []
    assert _messages(result.errors) == ["blank.html: no article text found in this HTML"]


def test_markdown_front_matter_and_markup() -> None:
    [article] = read_paths([INGEST / "article.md"]).articles

    assert article.title == "Bulgaria denies re-exporting shells"
    assert (article.source, article.url) == ("Sofia Monitor", "https://sofia.example/shells")
    assert (article.published, article.published_from) == ("2024-05-02", "metadata")
    assert article.text.startswith("SOFIA - Bulgaria's economy ministry denied on Thursday")
    assert '"All exports are licensed," the ministry said.' in article.text
    for markup in ("**", "](", "![", "# ", "> "):
        assert markup not in article.full_text


def test_json_records_good_ones_read_bad_ones_named() -> None:
    name = INGEST / "records.json"
    result = read_paths([name])

    assert [article.title for article in result.articles] == ["Romania to host F-16 training centre", ""]
    romania = result.articles[0]
    assert (romania.source, romania.url, romania.published) == (
        "Black Sea Wire",
        "https://example.org/f16",
        "2023-11-13",
    )
    assert _messages(result.errors) == [f"{name}: record 2: field 'text' must be a string, not int"]
    assert (
        f"{name}: record 3: field 'published': cannot read the date 'sometime in 2023'; ignored"
        in _messages(result.warnings)
    )


def test_jsonl_bad_lines_are_named_and_the_rest_read() -> None:
    name = INGEST / "records.jsonl"
    result = read_paths([name])

    assert [article.title for article in result.articles] == [
        "Finland approves new aid package",
        "Norway donates air defence",
    ]
    finland, norway = result.articles
    assert finland.agency == "AFP"
    assert norway.published == "2022-10-06"  # "body" and "date" are read as text and published
    assert [(problem.line, problem.message.split(":")[0]) for problem in result.errors] == [
        (2, "not valid JSON"),
        (3, "a record must be a JSON object, not list"),
    ]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b'{"text": ""}', "in.jsonl", "no 'text' (or 'body' / 'content') field with text"),
        (b'{"headline": "Only a title"}', "in.json", "no 'text' (or 'body' / 'content') field with text"),
        (b"[]", "in.json", "no records (empty list)"),
        (b'{"text": "x", "title": ["a"]}', "in.json", "field 'title' must be a string, not list"),
        (
            b'{"text": "x",',
            "in.json",
            "not valid JSON: Expecting property name enclosed in double quotes (column 14)",
        ),
    ],
)
def test_json_records_without_text_are_errors(data: bytes, name: str, message: str) -> None:
    result = read_bytes(data, name)

    assert result.articles == []
    assert [problem.message for problem in result.errors] == [message]


# --------------------------------------------------------------------------- bytes and bad input


def test_cp1252_file_is_read_with_a_warning_naming_the_encoding() -> None:
    name = INGEST / "cp1252.txt"
    result = read_paths([name])

    [article] = result.articles
    assert article.title == "Serbia’s arms exports – a café of rumours"
    assert "naïve reports" in article.text
    assert f"{name}: not valid UTF-8; read as cp1252" in _messages(result.warnings)


def test_html_declared_charset_is_used_when_not_utf8() -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Test</title></head>'
        "<body><p>Россия поставила снаряды.</p></body></html>"
    ).encode("cp1251")

    result = read_bytes(html, "ru.html", published="2025-01-02")

    assert result.articles[0].text == "Россия поставила снаряды."
    assert _messages(result.warnings) == [
        "ru.html: not valid UTF-8; read as windows-1251 (declared by the file)"
    ]


def test_wrong_declared_charset_falls_back_to_guessing() -> None:
    html = (
        '<html><head><meta charset="no-such-codec"></head><body><p>Caf\xe9 owners said so.</p></body></html>'
    )

    result = read_bytes(html.encode("cp1252"), "page.html", published="2025-01-02")

    assert result.articles[0].text == "Café owners said so."
    assert _messages(result.warnings) == ["page.html: not valid UTF-8; read as cp1252"]


def test_utf8_bom_is_dropped_silently() -> None:
    result = read_bytes(
        "\ufeffSerbia halts arms exports\nBody text.".encode(), "bom.txt", published="2025-01-02"
    )

    assert result.articles[0].title == "Serbia halts arms exports"
    assert result.problems == []


def test_utf16_with_bom_is_read_as_is_without_a_warning() -> None:
    # The BOM states the encoding: no fallback, nothing to warn about (as the README says).
    for encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeffSerbia halts arms exports\nBody text.".encode(encoding)

        result = read_bytes(data, "wide.txt", published="2025-01-02")

        assert result.articles[0].title == "Serbia halts arms exports"
        assert result.problems == []


def test_utf8_with_stray_cp1252_bytes_keeps_both() -> None:
    data = "Serbia’s arms exports\nBELGRADE - Serbia’s ministry said ".encode() + b"caf\xe9s were closed."

    result = read_bytes(data, "mixed.txt", published="2025-01-02")

    assert result.articles[0].title == "Serbia’s arms exports"
    assert result.articles[0].text.endswith("Serbia’s ministry said cafés were closed.")
    assert _messages(result.warnings) == [
        "mixed.txt: not valid UTF-8; read as UTF-8 with 1 stray byte as cp1252"
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file (contains NUL bytes), not text"),
    ],
)
def test_bad_files_are_errors_and_the_batch_goes_on(name: str, message: str) -> None:
    result = read_paths([INGEST / name, INGEST / "article.txt"])

    assert _messages(result.errors) == [f"{INGEST / name}: {message}"]
    assert [article.title for article in result.articles] == [
        "Czech firm shipped shells to Kyiv, report says"
    ]


def test_whitespace_only_file_is_empty() -> None:
    assert _messages(read_bytes(b" \n\t\n", "blank.txt").errors) == ["blank.txt: empty file"]


def test_control_character_soup_is_binary() -> None:
    data = bytes(range(1, 32)) * 20

    assert _messages(read_bytes(data, "soup.txt").errors) == [
        "soup.txt: binary file (mostly control characters), not text"
    ]


def test_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk

    result = read_paths([huge, INGEST / "article.txt"])

    assert _messages(result.errors) == [f"{huge}: file too large (50 MB); the limit is 20 MB for one file"]
    assert len(result.articles) == 1


def test_over_large_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.inputs, "MAX_FILE_BYTES", 1000)

    result = read_paths(["-"], stdin=io.BytesIO(b"x" * 1001))

    assert _messages(result.errors) == ["<stdin>: input too large (over 1000 bytes)"]


def test_hostile_text_is_kept_as_text_without_controls() -> None:
    [article] = read_paths([INGEST / "hostile.txt"]).articles

    assert article.text == "The ministry said <script>alert(1)</script> that exports stopped."


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("menu.txt", "ab |    " * 5000 + "x" * 40),  # near-breadcrumb: was exponential backtracking
        ("stars.md", "*a " * 100_000),
        ("brackets.md", "[" * 100_000 + "x"),
        ("links.md", "[a](" * 50_000),
        ("caps.txt", ". AB" * 100_000),
        ("spaces.txt", "June 23, 2025" + " " * 100_000 + "x"),
        ("one_line.txt", "Serbia sold shells to Ukraine, the SVR said. " * 50_000),
    ],
)
def test_pathological_lines_take_linear_time(name: str, text: str) -> None:
    started = time.perf_counter()

    result = read_bytes(text.encode(), name, published="2025-01-01")

    assert time.perf_counter() - started < 5  # each takes well under 0.1 s; backtracking took minutes
    assert len(result.articles) == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "deep.json: JSON nested too deeply to read"),
        ("deep.jsonl", b'{"text": "a"}\n' + b"[" * 100_000, "deep.jsonl:2: JSON nested too deeply to read"),
    ],
)
def test_deeply_nested_json_is_an_error_not_a_crash(name: str, data: bytes, message: str) -> None:
    assert _messages(read_bytes(data, name, published="2025-01-01").errors) == [message]


def test_broken_json_ld_only_loses_its_date() -> None:
    html = (
        '<html><head><script type="application/ld+json">' + "[" * 100_000 + "</script></head>"
        "<body><p>SOFIA - Bulgaria sent shells to Ukraine, officials said.</p></body></html>"
    )

    [article] = read_bytes(html.encode(), "page.html").articles

    assert (article.text, article.published) == (
        "SOFIA - Bulgaria sent shells to Ukraine, officials said.",
        "",
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_splits_into_clean_articles(text: str) -> None:
    for article in split_page(text):
        assert article.text.strip()
        assert not ingest.decoding.CONTROL_CHARS.search(article.full_text)
        assert "\u202e" not in article.full_text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(ingest.SUFFIXES))
def test_any_bytes_give_articles_or_named_problems(data: bytes, suffix: str) -> None:
    result = read_bytes(data, f"upload{suffix}", published="2025-06-23")

    assert result.articles or result.errors
    assert all(str(problem).startswith(f"upload{suffix}") for problem in result.problems)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-06-23", "2025-06-23"),
        ("2025-06-23T10:32:00+08:00", "2025-06-23"),  # the publisher's own day, not converted to UTC
        ("20250623", "2025-06-23"),
        ("2025/6/23", "2025-06-23"),
        ("June 23, 2025", "2025-06-23"),
        ("Jun. 23 2025", "2025-06-23"),
        ("23 June 2025", "2025-06-23"),
        ("23rd of June, 2025", "2025-06-23"),
        ("Monday, June 23, 2025", "2025-06-23"),
        ("Mon, 23 Jun 2025 10:00:00 GMT", "2025-06-23"),
        ("June 23, 2025 10:32 AM", "2025-06-23"),
        # Refused rather than guessed:
        ("23/06/2025", ""),  # day and month order unknown in general
        ("06/07/2025", ""),
        ("June 23", ""),  # no year
        ("June 2025", ""),  # no day
        ("2025", ""),
        ("23 June 25", ""),  # two-digit year
        ("2025-02-30", ""),
        ("June 23, 2025 and more words", ""),
        ("June 23, 2025 said", ""),  # a word after the date is not a time zone
        ("2025-06-23 junk", ""),
        ("23 June 2025, 14:05 CET", "2025-06-23"),
        ("June 23, 2025 at 5:42 p.m. EDT", "2025-06-23"),
        ("tomorrow", ""),
        ("", ""),
    ],
)
def test_normalise_date(value: str, iso: str) -> None:
    assert ingest.normalise_date(value) == iso


@pytest.mark.parametrize(
    ("body", "iso"),
    [
        ("PRAGUE, March 4, 2024 (Reuters) - A Czech company shipped shells.", "2024-03-04"),
        ("Published: 12 February 2024 09:15 CET\nWARSAW - Poland will buy howitzers.", "2024-02-12"),
        ("Updated 2024-02-12\nWARSAW - Poland will buy howitzers.", "2024-02-12"),
        ("June 23, 2025 — Serbia halted arms exports.", "2025-06-23"),
        # A date inside a sentence (here a photo caption) is not the article's date.
        ("The seal is seen in Washington, U.S., January 26, 2017. REUTERS/Joshua Roberts", ""),
        ("Serbia halted arms exports on June 23, 2025, the president said.", ""),
        ("LONDON, June 23 (Reuters) - No year in this dateline.", ""),
        # Only the top of the article counts.
        ("One.\nTwo.\nThree.\nFour.\nFive.\nJune 23, 2025 - late.", ""),
    ],
)
def test_date_from_the_top_of_the_text(body: str, iso: str) -> None:
    [article] = read_text(body, title="Arms exports").articles

    assert article.published == iso
    assert article.published_from == ("text" if iso else "")


def test_a_section_heading_above_the_article_is_menu_not_its_end() -> None:
    page = "World\n\nTop Stories\n\nMore\n\n" + "Poland sent howitzers to Ukraine, the ministry said on Monday. " * 6 + "\n\nRelated Articles\n\nOther story here."
    [article] = read_text(page, title="Howitzers").articles
    assert article.text.count("Poland sent howitzers") == 6 and "Other story" not in article.text


def test_stored_page_date_prefix_dates_the_article_and_leaves_its_text() -> None:
    [article] = read_text(" date 2024-01-16 The navy said it seized rifles bound for Yemen.\n\nMore text.").articles

    assert (article.published, article.published_from) == ("2024-01-16", "text")
    assert article.text.startswith("The navy said it seized rifles")
    # Not a date at all, or inside the text: left alone.
    [undated] = read_text("date 2024-13-45 is no date.").articles
    assert undated.published == "" and undated.text.startswith("date 2024-13-45")


def test_date_precedence_metadata_then_option_then_text() -> None:
    record = {"text": "PRAGUE, March 4, 2024 - Shells shipped.", "published": "2023-01-01"}
    from_metadata = read_bytes(json.dumps(record).encode(), "r.jsonl", published="2022-02-02")
    del record["published"]
    from_option = read_bytes(json.dumps(record).encode(), "r.jsonl", published="February 2, 2022")
    from_text = read_bytes(json.dumps(record).encode(), "r.jsonl")

    assert [
        (r.articles[0].published, r.articles[0].published_from)
        for r in (from_metadata, from_option, from_text)
    ] == [
        ("2023-01-01", "metadata"),
        ("2022-02-02", "option"),
        ("2024-03-04", "text"),
    ]


def test_unknown_date_stays_empty_and_is_a_warning_per_article() -> None:
    result = read_paths([SEED_PAGE])

    assert [article.published for article in result.articles] == ["", "", "", ""]
    assert result.errors == []
    assert [problem.line for problem in result.warnings] == [1, 23, 29, 35]
    assert str(result.warnings[1]) == (
        f"{SEED_PAGE}:23: no publication date for "
        "'US helped Americans leave Israel with flights over weekend'; "
        "give a published date or add one to the file"
    )


def test_published_option_applies_to_every_article_of_the_page() -> None:
    result = read_paths([SEED_PAGE], published="23 June 2025", source="Straits Times")

    assert {(a.published, a.published_from) for a in result.articles} == {("2025-06-23", "option")}
    assert [a.source for a in result.articles] == ["Straits Times"] * 4
    assert result.problems == []


@pytest.mark.parametrize(
    "read",
    [
        lambda published: read_paths([SEED_PAGE], published=published),
        lambda published: read_bytes(b"text", "a.txt", published=published),
        lambda published: read_text("text", published=published),
    ],
    ids=["read_paths", "read_bytes", "read_text"],
)
def test_unreadable_published_option_raises(read: Callable[[str], object]) -> None:
    with pytest.raises(ValueError, match="cannot read the published date '23/06/2025'"):
        read("23/06/2025")


# --------------------------------------------------------------------------- paths, batches, ids


def test_folder_is_read_recursively_with_known_suffixes_only() -> None:
    result = read_paths([INGEST / "folder"])

    assert [Path(article.path).name for article in result.articles] == ["a.txt", "b.md"]
    assert result.errors == []  # notes.csv and .hidden/ are skipped, not errors


def test_glob_and_missing_paths() -> None:
    result = read_paths([str(INGEST / "folder" / "**" / "*.md"), "no/such/file.txt", "no/*.nothing"])

    assert [article.title for article in result.articles] == ["Denmark gives Caesar howitzers"]
    assert _messages(result.errors) == [
        "no/such/file.txt: no such file or folder",
        "no/*.nothing: no files match this pattern",
    ]


def test_unsupported_suffix_named_explicitly_is_an_error() -> None:
    name = INGEST / "folder" / "notes.csv"

    result = read_paths([name])

    assert _messages(result.errors) == [
        f"{name}: unsupported file type (.csv); readable: .txt, .md, .html, .htm, .json, .jsonl"
    ]


def test_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    assert _messages(read_paths([pipe]).errors) == [f"{pipe}: not a regular file"]


def test_stdin_is_read_as_text() -> None:
    stdin = io.BytesIO(SEED_PAGE.read_bytes())

    result = read_paths(["-"], stdin=stdin, published="2025-06-23")

    assert [article.title for article in result.articles] == SEED_TITLES
    assert {article.path for article in result.articles} == {"<stdin>"}


def test_same_page_twice_is_not_duplicated(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_PAGE.read_bytes())

    result = read_paths([SEED_PAGE, copy, SEED_PAGE])

    assert [article.title for article in result.articles] == SEED_TITLES
    assert result.duplicates_skipped == 4  # the copy; the same path twice is read once
    assert len(result.warnings) == 4  # no date warnings for skipped duplicates


def test_article_id_is_stable_across_reads() -> None:
    first = [article.article_id for article in read_paths([SEED_PAGE]).articles]
    again = [article.article_id for article in read_bytes(SEED_PAGE.read_bytes(), "upload.txt").articles]

    assert first == again
    assert len(set(first)) == 4


def test_read_bytes_format_comes_from_the_name() -> None:
    record = json.dumps({"title": "Shells for Kyiv", "text": "Bulgaria sent shells."}).encode()

    as_json = read_bytes(record, "upload.JSON", published="2025-01-01")
    as_text = read_bytes(record, "upload.txt", published="2025-01-01")
    unknown = read_bytes(record, "upload.pdf")

    assert as_json.articles[0].title == "Shells for Kyiv"
    assert as_text.articles[0].text.startswith('{"title"')
    assert _messages(unknown.errors) == [
        "upload.pdf: unsupported file type (.pdf); readable: .txt, .md, .html, .htm, .json, .jsonl"
    ]


def test_read_text_uses_given_metadata() -> None:
    result = read_text(
        "BELGRADE - Serbia halted arms exports.",
        title="Serbia halts exports",
        url="https://x.example/a",
        source="Example",
        published="2025-06-23",
    )

    [article] = result.articles
    assert (article.title, article.url, article.source, article.published, article.path) == (
        "Serbia halts exports",
        "https://x.example/a",
        "Example",
        "2025-06-23",
        "<text>",
    )


def test_declared_source_and_agency_win_over_the_text() -> None:
    record = {
        "text": "Straits Times\n2 hours ago\nBELGRADE - Serbia halted arms exports, the president said. AFP",
        "source": "Daily Example",
        "agency": "Reuters",
    }

    [article] = read_bytes(json.dumps(record).encode(), "r.json", published="2025-01-02").articles

    assert (article.source, article.agency) == ("Daily Example", "Reuters")


def test_read_text_too_long_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.inputs, "MAX_FILE_BYTES", 100)

    assert _messages(read_text("x" * 101, name="paste").errors) == ["paste: text too long (over 100 bytes)"]


def test_read_text_empty_is_an_error() -> None:
    assert _messages(read_text(" \n ", name="paste").errors) == ["paste: empty text"]


def test_problem_str_with_and_without_line() -> None:
    assert str(IngestProblem("a.jsonl", 3, "not valid JSON", "error")) == "a.jsonl:3: not valid JSON"
    assert str(IngestProblem("a.txt", None, "empty file", "error")) == "a.txt: empty file"
