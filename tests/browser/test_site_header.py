"""The site header in a real browser: short on phones, a menu that needs no JavaScript, the
header menu's sub-items reachable by keyboard, and no axe-core violation with the menu open."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from demo.site import seed_site
from tests.browser.test_accessibility import AXE_SOURCE, RUN_AXE, WCAG_TAGS, emulate
from tests.browser.test_accessibility import full_page_screenshot as shot
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_HEADER_MAX = 120


@pytest.fixture
def site(live_server, browser):
    technology = SectionFactory(name="Technology", slug="technology", position=0)
    SectionFactory(name="Gaming", slug="gaming", parent=technology)
    for position, (name, slug) in enumerate(
        [("Science", "science"), ("Business", "business"), ("Culture", "culture"),
         ("Good News", "good-news")], start=1,
    ):  # fmt: skip
        SectionFactory(name=name, slug=slug, position=position)
    ArticleFactory(section=technology)
    seed_site()
    yield live_server.url
    browser.get("about:blank")


def header_height(browser) -> float:
    return browser.execute_script(
        "return document.querySelector('.site-header').getBoundingClientRect().height"
    )


def test_phone_header_is_short_and_its_menu_opens_without_javascript(browser, site):
    emulate(browser, width=375)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        for path in ("/", "/about/", "/about/team/", "/sections/technology/"):
            browser.get(site + path)
            assert header_height(browser) <= PHONE_HEADER_MAX, path
        assert not browser.find_element(By.CSS_SELECTOR, ".section-nav").is_displayed()
        link = browser.find_element(By.CSS_SELECTOR, ".site-menu__links a[href='/about/']")
        assert not link.is_displayed()
        browser.find_element(By.CSS_SELECTOR, ".site-menu__toggle").click()
        WebDriverWait(browser, 5).until(EC.visibility_of(link))
        assert browser.find_element(By.ID, "menu-search").is_displayed()
        shot(browser, "header-375-menu-open")
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_desktop_header_shows_the_menu_and_sub_items_on_keyboard_focus(browser, site):
    emulate(browser, width=1280)
    browser.get(site + "/about/")
    assert not browser.find_element(By.CSS_SELECTOR, ".site-menu").is_displayed()
    gaming = browser.find_element(By.CSS_SELECTOR, ".section-nav__sub a[href='/sections/gaming/']")
    assert not gaming.is_displayed()
    technology = browser.find_element(
        By.CSS_SELECTOR, ".section-nav a[href='/sections/technology/']"
    )
    technology.send_keys(Keys.NULL)  # focus it
    browser.execute_script("arguments[0].focus()", technology)
    WebDriverWait(browser, 5).until(EC.visibility_of(gaming))
    logo = browser.find_element(By.CSS_SELECTOR, ".site-title__logo")
    assert logo.get_attribute("alt") == "Newsroom" and logo.size["height"] > 0
    shot(browser, "header-1280-about")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_phone_menu_and_pages_have_no_axe_violations(browser, site, scheme):
    browser.set_script_timeout(60)
    failures = []
    for width in (375, 1280):
        emulate(browser, width=width, scheme=scheme)
        browser.get(site + "/about/team/")
        if width == 375:
            browser.find_element(By.CSS_SELECTOR, ".site-menu__toggle").click()
            WebDriverWait(browser, 5).until(
                EC.visibility_of_element_located((By.CSS_SELECTOR, ".site-menu__panel"))
            )
        shot(browser, f"header-page-{scheme}-{width}")
        browser.execute_script(AXE_SOURCE)
        violations = browser.execute_async_script(RUN_AXE, WCAG_TAGS)
        failures += [f"{width}px {v['id']}: {v['help']} {v['nodes']}" for v in violations]
    emulate(browser, width=1280)
    assert not failures, failures
