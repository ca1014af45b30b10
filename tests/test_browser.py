"""End to end in a real browser: Playwright driving Debian's Chromium against `streamlit run`.

One server per module, on a free localhost port, with its own store (a temp
file, filled with the claims below). Every page runs behind a route that fails
the test on any request leaving localhost. Screenshots go to
``artifacts/screenshots/`` (git-ignored, left in the clone by CI).

The test that adds a pasted article runs last: it changes the store.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from flows.models import Claim, Evidence
from flows.store import ENV_VAR
from flows.table import read_claims_csv

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
WAIT = 30_000  # ms




@pytest.fixture(scope="module")
def claims(make_claim) -> list[Claim]:
    """Claims 1 to 6; 6 carries hostile markdown and HTML in its evidence."""
    return [
        make_claim(1),
        make_claim(2, claimant="Pentagon", stance="confirmed", origin="IRN", items="Shahed drones",
                   category="drones", claim_date="2022-10", date_precision="month"),
        make_claim(3, stance="denied", via=("BLR",), claim_date="2021", date_precision="year"),
        make_claim(4, claimant="SIPRI", method="import:sipri 1", origin="USA", destination="UKR",
                   via=("POL>SVK",), items="HIMARS", category="rockets and missiles", claim_date="2024-02-29",
                   quantity=20.0),
        make_claim(5, claimant="analyst", method="manual", origin="IRN", destination="YEM",
                   items="anti-ship missiles", category="rockets and missiles", claim_date="2023-01-15"),
        make_claim(6, claimant="Pentagon", stance="reported", origin="IRN", destination="RUS", via=("ARM", "TKM"),
                   items="Fath-360 missiles", category="rockets and missiles", claim_date="2024-09-10",
                   evidence=(Evidence("Missiles went north ![seen](https://evil.example/pixel.png) "
                                      "<img src=https://evil.example/i.png> [link](javascript:alert(1)).", 0, 10),)),
    ]  # fmt: skip


# Claims from Iran (2, 5 and 6) by id, written out rather than computed by the filters the app runs.
FROM_IRAN = ["502cbe074dc77296", "d452b6f5cfcde742", "e4252ba806cbd6c6"]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install chromium (Playwright's own download does not work here)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, fill_store, claims) -> Iterator[str]:
    _require_chromium()
    folder = tmp_path_factory.mktemp("browser-store")
    location = folder / "claims.sqlite"
    fill_store(location, claims)
    port = _free_port()
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    env = {**os.environ, ENV_VAR: str(location)}
    log = (folder / "streamlit.log").open("w")
    process = subprocess.Popen(
        [
            streamlit, "run", str(ROOT / "app.py"),
            "--server.headless", "true",
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"streamlit did not start; log: {(folder / 'streamlit.log').read_text()[-2000:]}")
        time.sleep(0.3)
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile that refuses, and records, any request leaving localhost."""
    context = browser.new_context(viewport={"width": 1400, "height": 1500}, accept_downloads=True)
    outside: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield context
    context.close()
    assert outside == [], f"requests left localhost: {outside}"


def _open(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=WAIT)
    return page


def _wait_idle(page) -> None:
    """Until Streamlit has finished the current run (the status widget is gone)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT
    )


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _sankey_labels(page) -> list[str]:
    page.wait_for_selector(".sankey-node", timeout=WAIT)
    return sorted(page.locator(".sankey-node .node-label").all_text_contents())


def _metric(page, n: int = 0) -> str:
    return page.locator('[data-testid="stMetricValue"]').nth(n).inner_text()


def test_the_sankey_and_the_map_render(context, server):
    page = _open(context, server)
    page.wait_for_selector(".sankey-link", timeout=WAIT)
    assert page.locator(".sankey-node").count() >= 6
    assert page.locator(".sankey-link").count() >= 6
    labels = _sankey_labels(page)
    assert {"Iran", "North Korea", "Russia", "Ukraine"} <= set(labels)
    _shot(page, "01-sankey")

    page = _open(context, server + "?view=Map")
    page.wait_for_selector(".geo .choroplethlocation", timeout=WAIT)
    assert page.locator(".geo .choroplethlocation").count() >= 100, "country shapes"
    assert page.locator(".scattergeo .js-line").count() >= 5, "flow lines"
    arrows = page.evaluate(
        "() => [...document.querySelectorAll('.scattergeo path.point')]"
        ".filter(p => /^M[^A]*Z$/.test(p.getAttribute('d') || '')).length"
    )
    assert arrows >= 5, "arrow heads (triangle markers) on the flows"
    _shot(page, "02-map")


def test_a_filter_change_updates_the_sankey(context, server):
    page = _open(context, server)
    before = _sankey_labels(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="denied", exact=True).click()
    page.wait_for_url(re.compile(r"st=denied"), timeout=WAIT)
    _wait_idle(page)
    page.wait_for_function(
        "() => document.querySelectorAll('.sankey-node').length === 3", timeout=WAIT
    )
    after = _sankey_labels(page)
    assert after != before
    assert after == ["Belarus", "North Korea", "Russia"]
    assert _metric(page) == "1"
    _shot(page, "03-filtered-sankey")


def test_a_copied_link_opened_in_a_new_page_shows_the_same_view(context, server, browser):
    page = _open(context, server + "?view=Map")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="reported", exact=True).click()
    page.wait_for_url(re.compile(r"st=reported"), timeout=WAIT)
    _wait_idle(page)
    page.get_by_role("radio", name="units", exact=True).click()
    page.wait_for_url(re.compile(r"measure=units"), timeout=WAIT)
    _wait_idle(page)
    page.wait_for_function(
        "() => (document.querySelector('[data-testid=\"stCode\"] code') || {}).innerText?.includes('measure=units')",
        timeout=WAIT,
    )
    link = page.locator('[data-testid="stCode"] code').inner_text().strip()
    assert "st=reported" in link and "view=Map" in link and "measure=units" in link
    assert sorted(link.split("?")[1].split("&")) == sorted(page.url.split("?")[1].split("&"))
    metrics = [_metric(page, n) for n in range(4)]

    fresh = browser.new_context(viewport={"width": 1400, "height": 1500})
    outside: list[str] = []
    fresh.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                if (urlparse(route.request.url).hostname or "") not in LOCAL_HOSTS else route.continue_())
    try:
        other = _open(fresh, link)
        other.wait_for_selector(".geo .choroplethlocation", timeout=WAIT)
        # The first run rewrites the address and runs again: compare once the page has settled.
        _wait_idle(other)
        settled = time.monotonic() + WAIT / 1000
        seen = [_metric(other, n) for n in range(4)]
        while seen != metrics and time.monotonic() < settled:
            other.wait_for_timeout(250)
            seen = [_metric(other, n) for n in range(4)]
        assert seen == metrics
        pressed = other.locator('[data-testid="stSidebar"] button[aria-pressed="true"]')
        assert [t.strip() for t in pressed.all_inner_texts()] == ["reported"]
        chosen = other.locator('[role="radio"][aria-checked="true"]')
        assert [t.strip() for t in chosen.all_inner_texts()] == ["Map", "claimant", "units", "Claims"]  # lines: claims
        _shot(other, "04-shared-link")
    finally:
        fresh.close()
    assert outside == []


def test_the_downloaded_csv_holds_the_rows_on_screen(context, server):
    page = _open(context, server + "?o=Iran&view=Claims")
    _wait_idle(page)
    with page.expect_download(timeout=WAIT) as download:
        page.get_by_role("button", name=re.compile(r"^Claims \(")).click()
    assert download.value.suggested_filename == "claims_o-IRN.csv"
    data = Path(download.value.path()).read_bytes()
    loaded = read_claims_csv(data, "download.csv")
    assert loaded.problems == []
    assert sorted(loaded.claims["claim_id"]) == FROM_IRAN
    assert _metric(page) == str(len(loaded.claims))
    _shot(page, "05-claims-table")


def test_the_claims_view_lists_claims_and_a_toggle_in_the_address_lists_reports(context, server):
    page = _open(context, server + "?view=Claims")
    page.get_by_text(re.compile(r"^6 claims, one line each")).wait_for(timeout=WAIT)
    _address_is_the_share_link(page)
    page.get_by_role("radio", name="Reports", exact=True).click()
    page.wait_for_url(re.compile(r"rows=Reports"), timeout=WAIT)
    _wait_idle(page)
    page.get_by_text(re.compile(r"^Pick a row to see the whole claim")).wait_for(timeout=WAIT)
    _address_is_the_share_link(page)
    _shot(page, "05-claims-by-report")


def test_a_linked_claim_shows_untrusted_text_as_text(context, server, claims):
    claim = claims[5]
    page = _open(context, server + f"?view=Claims&c={claim.claim_id}")
    page.get_by_text("The claim", exact=True).wait_for(timeout=WAIT)
    quote = page.locator('[data-testid="stMarkdownContainer"] blockquote').first
    quote.wait_for(timeout=WAIT)
    shown = quote.inner_text().replace("\u2060", "")  # word joiners keep bare addresses unlinked
    assert "![seen](https://evil.example/pixel.png) <img src=https://evil.example/i.png>" in shown
    assert page.locator("img[src*='evil.example']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("a[href*='evil.example']").count() == 0
    _shot(page, "05-claim-detail")
    # the route guard of `context` fails the test if the page fetched anything from evil.example


def test_a_hostile_link_falls_back_with_a_notice_and_loads_nothing(context, server, claims):
    from urllib.parse import urlencode

    query = urlencode({
        "o": "![x](https://evil.example/a.png)",
        "view": "<img src=https://evil.example/b.png>",
        "top": "[click](javascript:alert(1))",
    })
    page = _open(context, server + "?" + query)
    notice = page.locator('[data-testid="stAlertContentWarning"]').first
    notice.wait_for(timeout=WAIT)
    text = notice.inner_text().replace("\u2060", "")
    assert "![x](https://evil.example/a.png)" in text and "<img src=https://evil.example/b.png>" in text
    assert page.locator("img[src*='evil.example'], a[href*='evil.example'], a[href^='javascript']").count() == 0
    page.wait_for_selector(".sankey-node", timeout=WAIT)  # the default view, Sankey
    assert _metric(page) == str(len(claims))
    _shot(page, "06-hostile-link")
    # the route guard of `context` fails the test on any request to evil.example


# --------------------------------------------------------------------------- what a reader sees

# Background of the page and the plot area: what is not drawn.
BACKGROUND = (255, 255, 255)


def _plot_pixels(page, name: str):
    """The figure as the reader sees it: an RGB array of its screenshot (also saved)."""
    import io

    import numpy as np
    from PIL import Image

    plot = page.locator(".js-plotly-plot").first
    plot.wait_for(timeout=WAIT)
    page.wait_for_timeout(500)  # plotly's transitions
    SHOTS.mkdir(parents=True, exist_ok=True)
    png = plot.screenshot(path=str(SHOTS / f"{name}.png"))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _near(pixels, hex_color: str, alpha: float = 1.0, tolerance: int = 24) -> int:
    """How many pixels show ``hex_color`` drawn at ``alpha`` over white."""
    import numpy as np

    rgb = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)])
    seen = rgb * alpha + np.array(BACKGROUND) * (1 - alpha)
    return int((np.abs(pixels - seen).max(axis=2) <= tolerance).sum())


def _coloured(pixels) -> int:
    """Pixels of a colour, not a grey (text, axes and grid are greys)."""
    return int((pixels.max(axis=2) - pixels.min(axis=2) > 40).sum())


def _address_is_the_share_link(page) -> None:
    """The address bar holds exactly the link the share box offers."""
    page.wait_for_function(
        """() => {
            const box = document.querySelector('[data-testid="stCode"] code');
            if (!box) return false;
            const sorted = (q) => q.split('&').filter(Boolean).sort().join('&');
            const shared = box.innerText.trim().split('?')[1] || '';
            return sorted(shared) === sorted(location.search.replace(/^\\?/, ''));
        }""",
        timeout=WAIT,
    )


STANCE_COLORS = {"alleged": "#EE7733", "reported": "#0077BB", "confirmed": "#009988", "denied": "#BBBBBB"}


@pytest.mark.parametrize(
    ("view", "alpha"),
    [("", 0.55), ("view=Map&", 0.8)],
    ids=["sankey", "map"],
)
def test_each_stance_is_seen_in_its_colour_and_denials_are_drawn_apart(context, server, view, alpha):
    page = _open(context, server + f"?{view}color=stance")
    pixels = _plot_pixels(page, f"10-stance-{view.split('=')[1][:-1] if view else 'Sankey'}")
    for stance in ("alleged", "reported", "confirmed"):
        assert _near(pixels, STANCE_COLORS[stance], alpha) > 150, stance
    if view:  # the map: the denied leg is dotted, its arrow open
        dotted = page.evaluate(
            "() => [...document.querySelectorAll('.scattergeo .js-line')]"
            ".filter(l => (l.style.strokeDasharray || '').match(/\\d/)).length"
        )
        assert dotted >= 1
    else:  # the Sankey: the denied link is hollow, a faint fill inside an outline
        hollow = page.evaluate(
            "() => [...document.querySelectorAll('.sankey-link')].filter(l => "
            "parseFloat(getComputedStyle(l).strokeWidth) > 0 && parseFloat(getComputedStyle(l).fillOpacity || 1) < 0.2"
            " || (getComputedStyle(l).fill.match(/rgba\\(.*, 0\\.0\\d\\)/))).length"
        )
        assert hollow >= 1
    assert _near(pixels, STANCE_COLORS["denied"], 0.95, tolerance=30) > 30, "the denial's outline or dots"
    assert page.get_by_text("denied (a party says nothing moved)").count() >= 1, "the legend says what marks a denial"
    assert _metric(page, 1) == "1", "the headline counts the denial"


@pytest.mark.parametrize("query", ["view=Timeline", "view=Timeline&st=alleged"])
def test_the_timeline_shows_its_bars(context, server, query):
    page = _open(context, server + "?" + query)
    pixels = _plot_pixels(page, "11-" + query.replace("&", "-").replace("=", "-"))
    # The bars (with st=alleged: Ukraine's HUR's claim 1, SIPRI's 4) are in claimant colours under
    # white stripes; the only coloured pixels in the figure, text and axes being grey.
    assert _coloured(pixels) > 1500
    colours = page.evaluate(
        "() => [...document.querySelectorAll('.barlayer .point path')].map(p => getComputedStyle(p).fill)"
    )
    assert colours and all(c not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)", "none") for c in colours), colours


def test_map_legend_colours_are_distinct(context, server):
    page = _open(context, server + "?view=Map")
    page.wait_for_selector(".legend .traces", timeout=WAIT)
    colours = page.evaluate(
        "() => [...document.querySelectorAll('.legend .traces')].filter(t => t.querySelector('.js-line'))"
        ".filter(t => !(t.querySelector('.js-line').style.strokeDasharray || '').match(/\\d/))"
        ".map(t => t.querySelector('.js-line').style.stroke)"
    )
    assert len(colours) >= 4 and len(set(colours)) == len(colours), colours


def test_an_iso_code_link_is_written_back_in_full_and_unknown_keys_dropped(context, server):
    page = _open(context, server + "?o=IRN&d=rus&zz=1")
    page.get_by_text("Ignored unknown link setting").wait_for(timeout=WAIT)
    _wait_idle(page)
    _address_is_the_share_link(page)
    query = page.url.split("?", 1)[1]
    assert sorted(query.split("&")) == ["d=Russia", "o=Iran"]
    _shot(page, "12-iso-link")


def test_every_change_is_in_the_address_bar_and_back_returns_to_the_view_before(context, server):
    page = _open(context, server)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="denied", exact=True).click()
    page.wait_for_url(re.compile(r"st=denied"), timeout=WAIT)
    _wait_idle(page)
    _address_is_the_share_link(page)
    page.get_by_role("radio", name="Map", exact=True).click()
    page.wait_for_url(re.compile(r"view=Map"), timeout=WAIT)
    _wait_idle(page)
    _address_is_the_share_link(page)
    page.go_back()
    page.wait_for_url(lambda url: "view=Map" not in url and "st=denied" in url, timeout=WAIT)
    _wait_idle(page)
    page.wait_for_selector(".sankey-node", timeout=WAIT)
    assert _metric(page) == "1"
    page.go_back()
    page.wait_for_url(lambda url: "st=denied" not in url, timeout=WAIT)
    _wait_idle(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMetricValue\"]').innerText === '6'", timeout=WAIT
    )
    assert page.url.startswith(server)  # still the app


def test_a_date_typed_in_the_sidebar_is_applied_on_enter_and_fits_its_field(context, server):
    page = _open(context, server)
    date_field = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').first
    scroller = date_field.locator('[data-testid="stDateInputFieldsScroller"]')
    assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the whole date is shown"
    date_field.locator('[role="spinbutton"]').first.click()
    page.keyboard.type("20230101")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"from=2023-01-01"), timeout=WAIT)
    _wait_idle(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMetricValue\"]').innerText === '4'", timeout=WAIT
    )  # claims 1, 4, 5 and 6 end on or after 2023-01-01
    _address_is_the_share_link(page)


PHONE_USER_AGENT = (  # what a phone's browser says it is (the app sizes the map by it)
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Mobile/15E148 Safari/604.1"
)


def test_on_a_phone_the_sidebar_is_closed_and_the_figure_takes_the_width(browser, server):
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, user_agent=PHONE_USER_AGENT
    )
    outside: list[str] = []
    phone.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                if (urlparse(route.request.url).hostname or "") not in LOCAL_HOSTS else route.continue_())
    try:
        for query in ("", "?view=Map"):
            page = _open(phone, server + query)
            plot = page.locator(".js-plotly-plot").first
            plot.wait_for(timeout=WAIT)
            page.wait_for_timeout(500)
            sidebar = page.locator('[data-testid="stSidebar"]')
            assert sidebar.get_attribute("data-collapsed") == "true"
            box = plot.bounding_box()
            assert box and box["width"] >= 0.85 * 390, box
            drawn = page.locator(".js-plotly-plot .main-svg").first.bounding_box()
            assert drawn and drawn["width"] >= 0.85 * 390 and drawn["height"] >= 300, drawn
            if query:
                # The map fills its figure: beside it only the title and the legend, no blank area
                # (a fixed 560 px figure left about 400 px empty under a map the width of the phone).
                shapes = page.locator(".js-plotly-plot .geolayer").first.bounding_box()
                assert shapes and drawn["height"] - shapes["height"] <= 260, (drawn, shapes)
            _shot(page, f"13-phone{query.replace('?', '-').replace('=', '-')}")
    finally:
        phone.close()
    assert outside == []


def _arrow_at(page, pair: list[str]) -> tuple[float, float]:
    """Where on the screen the map's arrow of a flow has its tip (its point): found by the
    flow's country codes, which plotly keeps on each marker's datum (the trace's customdata)."""
    found = page.evaluate(
        """(pair) => {
            const arrow = [...document.querySelectorAll('.trace.scattergeo path.point')]
                .find(p => JSON.stringify((p.__data__ || {}).data) === JSON.stringify(pair));
            if (!arrow) return null;
            const at = arrow.getScreenCTM();
            return [at.e, at.f];
        }""",
        pair,
    )
    assert found, f"no arrow on the map carries {pair}"
    return found[0], found[1]


def _picked_flow(page) -> str:
    return page.get_by_role("combobox", name="Claims behind a flow").input_value()


def _flow_table(page) -> str:
    """The text of the claims table under the picker (the grid's accessible copy of its cells)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"] table')].map(t => t.innerText).join('|')"
    )


def test_clicking_an_arrow_on_the_map_lists_the_claims_of_its_flow(context, server):
    page = _open(context, server + "?view=Map")
    page.wait_for_selector(".scattergeo path.point", timeout=WAIT)
    _wait_idle(page)
    page.wait_for_timeout(500)  # plotly's transitions
    assert _picked_flow(page) == ""
    tip = _arrow_at(page, ["USA", "POL"])  # claim 4's first leg, over the Atlantic, away from the others
    page.mouse.move(*tip)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.hoverlayer .hovertext')].some(t => t.textContent.includes("
        "'United States → Poland'))",
        timeout=WAIT,
    )  # the hover still works with selection on
    page.mouse.click(*tip)
    page.wait_for_function(
        "() => document.querySelector('input[aria-label=\"Claims behind a flow\"]').value.startsWith("
        "'United States → Poland')",
        timeout=WAIT,
    )
    _wait_idle(page)
    assert _picked_flow(page) == "United States → Poland · 1 claim: 1 alleged"
    page.get_by_text(re.compile(r"^Pick a row to see the whole claim")).wait_for(timeout=WAIT)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"] table')]"
        ".some(t => t.innerText.includes('HIMARS'))",
        timeout=WAIT,
    )
    listed = _flow_table(page)
    assert "United States › Poland › Slovakia › Ukraine" in listed and "SIPRI" in listed
    assert "Ukraine's HUR" not in listed and "Pentagon" not in listed, "only the claim behind the flow"
    _address_is_the_share_link(page)
    assert page.url.split("?", 1)[1] == "view=Map", "a click on the map puts nothing in the link"
    _shot(page, "14-map-arrow-picked")

    # A click on a country (Brazil, no flow near) picks nothing: the flow stays picked.
    brazil = page.evaluate(
        """() => { const c = [...document.querySelectorAll('.choroplethlocation')]
            .find(p => (p.__data__ || {}).loc === 'BRA').getBoundingClientRect();
            return [c.x + c.width / 2, c.y + c.height / 2]; }"""
    )
    page.mouse.click(*brazil)
    page.wait_for_timeout(500)
    _wait_idle(page)
    assert _picked_flow(page) == "United States → Poland · 1 claim: 1 alleged"
    assert "HIMARS" in _flow_table(page)

    # The map still pans with a drag (selection by click leaves the drag to panning).
    before = _arrow_at(page, ["USA", "POL"])
    page.mouse.move(brazil[0], brazil[1] + 40)
    page.mouse.down()
    page.mouse.move(brazil[0] + 60, brazil[1] + 10, steps=8)
    page.mouse.up()
    page.wait_for_timeout(500)
    after = _arrow_at(page, ["USA", "POL"])
    assert abs(after[0] - before[0]) > 20, (before, after)
    _wait_idle(page)
    assert _picked_flow(page) == "United States → Poland · 1 claim: 1 alleged"
    _address_is_the_share_link(page)


def test_adding_a_pasted_article_shows_its_claims(context, server):
    page = context.new_page()
    page.goto(server + "add")
    page.get_by_label("…or paste an article").fill(
        "UN sanctions monitors said on Tuesday that Iran had shipped Mohajer-6 drones to Sudan."
    )
    page.get_by_label("Source (outlet)").fill("Test Wire")
    page.get_by_role("button", name="Extract claims").click()
    page.get_by_text(re.compile(r"1 claim\(s\) proposed")).wait_for(timeout=WAIT)
    page.wait_for_selector('[data-testid="stDataFrame"] canvas', timeout=WAIT)
    page.wait_for_timeout(500)
    _shot(page, "07-proposed-claims")
    page.get_by_role("button", name="Save decisions").click()
    page.get_by_text(re.compile(r"1 claim saved")).wait_for(timeout=WAIT)

    page = _open(context, server + "?d=Sudan")
    assert "Sudan" in _sankey_labels(page)
    assert _metric(page) == "1"
    _shot(page, "08-added-claim")

