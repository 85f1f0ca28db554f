"""Every public page type in a real browser: axe-core, layout widths, keyboard, no JS, print.

axe-core (tests/browser/vendor/axe.min.js, see the README there) runs inside headless Chromium on
each page, in the light and the dark colour scheme (emulated through the DevTools protocol), at
375 and 1280 CSS pixels; it must find no violation of the WCAG 2.0/2.1/2.2 A and AA rules.
A full-page screenshot of every combination goes to test-artifacts/.
"""

import base64
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from articles.models import Article
from tests.browser.conftest import ARTIFACTS
from tests.factories import ArticleFactory
from tests.public_pages import public_page_urls, seed_demo_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")
WIDTHS = (375, 1280)

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(results => done(results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
  }))))
  .catch(error => done([{id: 'axe-error', help: String(error), nodes: []}]));
"""

# An editor's worst case for narrow screens: an unbroken headline, a long URL, code, a table.
WIDE_BODY = (
    "<p>See https://example.org/a/very/long/address/that/has/no/spaces/anywhere/in/it/at/all</p>"
    "<pre>for year in range(1990, 2026): print(year, consoles_sold[year], homebrew_titles[year])"
    "</pre><table><thead><tr>"
    + "".join(f"<th>Quarterly column {n}</th>" for n in range(8))
    + "</tr></thead><tbody><tr>"
    + "".join(f"<td>{n * 1234567}</td>" for n in range(8))
    + "</tr></tbody></table>"
)


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """One media folder for the module's seeds: the demo pictures and their renditions are
    named by their content, so after the first test seeding again encodes no rendition (most
    of a seed's time, several AVIF and WebP sizes of 36 pictures)."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture
def site(settings, live_server, browser, demo_media):
    """The demo content on a live server that also serves uploaded images.

    Afterwards the browser leaves for a blank page, so no image request is still in flight when
    the live server stops (on SQLite that would close the shared connection from another thread).
    """
    settings.ROOT_URLCONF = "tests.browser.media_urls"
    settings.MEDIA_ROOT = demo_media
    seed_demo_site()
    pages = public_page_urls()
    wide = ArticleFactory(
        section=Article.objects.published().first().section,
        headline="Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft",
        body=WIDE_BODY,
    )
    pages["wide-article"] = wide.get_absolute_url()
    yield {name: live_server.url + url for name, url in pages.items()}
    browser.get("about:blank")


def emulate(browser, *, width: int, scheme: str = "light", media: str = "") -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def full_page_screenshot(browser, name: str) -> Path:
    metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def test_public_pages_have_no_wcag_a_or_aa_violations_in_light_and_dark(browser, site):
    browser.set_script_timeout(120)
    failures = []
    for name, url in site.items():
        for scheme in SCHEMES:
            for width in WIDTHS:
                emulate(browser, width=width, scheme=scheme)
                browser.get(url)
                full_page_screenshot(browser, f"axe-{name}-{scheme}-{width}")
                browser.execute_script(AXE_SOURCE)
                violations = browser.execute_async_script(RUN_AXE, WCAG_TAGS)
                failures += [
                    f"{name} {scheme} {width}px: {v['id']} ({v['impact']}) {v['help']}\n    "
                    + "\n    ".join(v["nodes"])
                    for v in violations
                ]
    emulate(browser, width=1280)
    assert set(site) >= {"home", "article", "section", "tag", "author", "not-found"}
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


def test_axe_reports_a_page_that_breaks_the_rules(browser, live_server):
    """Guard against an axe run that silently passes everything."""
    browser.get(live_server.url + "/no-such-page/")
    # Styles set through the CSSOM: the CSP (rightly) blocks style="" attributes in markup.
    browser.execute_script(
        "const main = document.querySelector('main');"
        "main.insertAdjacentHTML('beforeend', '<img src=\"x.png\"><p id=\"faint\">faint</p>');"
        "const faint = document.getElementById('faint');"
        "faint.style.color = '#eee'; faint.style.background = '#fff';"
    )
    browser.execute_script(AXE_SOURCE)
    violations = browser.execute_async_script(RUN_AXE, WCAG_TAGS)
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in violations}


def test_pages_fit_from_320_to_1920_pixels_without_horizontal_scroll(browser, site):
    overflowing = []
    for width in (320, 1920):
        emulate(browser, width=width)
        for name, url in site.items():
            browser.get(url)
            scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
            if scroll_width > width:
                overflowing.append(f"{name} at {width}px is {scroll_width}px wide")
            if width == 320:
                full_page_screenshot(browser, f"width-{name}-320")
    emulate(browser, width=1280)
    assert not overflowing


def test_no_request_leaves_our_origin(browser, site, live_server):
    foreign = []
    for name, url in site.items():
        browser.get(url)
        entries = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        foreign += [f"{name}: {url}" for url in entries if not url.startswith(live_server.url)]
    assert not foreign


def test_skip_link_is_the_first_tab_stop_is_visible_and_moves_focus_to_main(browser, site):
    browser.get(site["article"])
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert focused.rect["y"] >= 0 and focused.is_displayed()
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
    assert outline != "none"
    focused.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "content"


def test_article_is_readable_with_javascript_off(browser, site):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(site["article"])
        headline = browser.find_element(By.TAG_NAME, "h1")
        body = browser.find_element(By.CSS_SELECTOR, ".article__body")
        assert headline.is_displayed() and body.is_displayed()
        assert len(body.text) > 200
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_printed_article_drops_navigation_and_shows_link_urls(browser, site, live_server):
    article = Article.objects.published().filter(body__contains='<a href="https://').first()
    emulate(browser, width=1280, media="print")
    try:
        browser.get(live_server.url + article.get_absolute_url())
        assert not browser.find_element(By.CSS_SELECTOR, ".section-nav").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, ".site-footer").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, ".article__body").is_displayed()
        after = browser.execute_script(
            "const a = document.querySelector('.article__body a[href]');"
            "return a && getComputedStyle(a, '::after').content"
        )
        assert after is not None and "https://" in after
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "print-article.pdf").write_bytes(base64.b64decode(pdf["data"]))
    finally:
        emulate(browser, width=1280)
