"""A reader watches a live blog while the desk posts: the new update appears within the polling
interval, the entry being read does not move, screen readers hear about it, and axe finds no
violation on the live page (375 and 1,280 px, light and dark), with the new entry in it."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from liveblog.models import Entry, LiveBlog
from tests.browser.test_accessibility import (
    AXE_SOURCE,
    RUN_AXE,
    SCHEMES,
    WCAG_TAGS,
    WIDTHS,
    emulate,
    full_page_screenshot,
)
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLL_SECONDS = 2


def publish(blog: LiveBlog, text: str, **fields) -> Entry:
    entry = Entry.objects.create(live_blog=blog, body=f"<p>{text}</p>", **fields)
    entry.publish()
    return entry


@pytest.fixture
def live_page(settings, live_server, browser):
    settings.LIVEBLOG_POLL_SECONDS = POLL_SECONDS
    author = AuthorFactory(name="Mara Quill")
    article = ArticleFactory(
        section=SectionFactory(name="Science", slug="science"),
        authors=[author],
        headline="Storm reaches the coast: live updates",
    )
    blog = LiveBlog.objects.create(
        article=article, key_points="Coast road closed\nShelters open at the school"
    )
    publish(blog, "Pinned: where to find help tonight.", pinned=True, author=author)
    for number in range(1, 9):
        paragraphs = "</p><p>".join(["The harbour crew reports on the tide."] * 4)
        publish(blog, f"Update number {number}. {paragraphs}", author=author)
    yield blog, live_server.url + article.get_absolute_url()
    browser.get("about:blank")


def test_a_new_update_appears_for_the_reader_without_moving_the_page(browser, live_page):
    blog, url = live_page
    emulate(browser, width=1280)
    browser.get(url)
    reading = browser.find_element(By.XPATH, "//li[contains(., 'Update number 4.')]")
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'start', behavior: 'instant'});", reading
    )
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return window.scrollY") > 0)
    top_before = browser.execute_script("return arguments[0].getBoundingClientRect().top", reading)

    entry = publish(blog, "Breaking: the flood gates have closed.")
    WebDriverWait(browser, POLL_SECONDS * 3 + 2).until(
        ec.presence_of_element_located((By.ID, entry.anchor))
    )
    top_after = browser.execute_script("return arguments[0].getBoundingClientRect().top", reading)
    assert abs(top_after - top_before) <= 2, (top_before, top_after)
    announcer = browser.find_element(By.CSS_SELECTOR, "#live-updates [role=status]")
    assert announcer.get_attribute("aria-live") == "polite"
    assert announcer.get_attribute("textContent") == "1 new update"
    # Newest first, and only once.
    items = browser.find_elements(By.CSS_SELECTOR, "[data-live-entries] > li")
    assert items[0].get_attribute("id") == entry.anchor
    assert len(browser.find_elements(By.ID, entry.anchor)) == 1
    errors = [log for log in browser.get_log("browser") if log["level"] == "SEVERE"]
    assert not errors, errors


def test_a_deleted_update_never_appears_and_drafts_stay_hidden(browser, live_page):
    blog, url = live_page
    browser.get(url)
    draft = Entry.objects.create(live_blog=blog, body="<p>Draft nobody may read.</p>")
    short_lived = publish(blog, "Posted by mistake.")
    short_lived.delete()
    latest = publish(blog, "The right update.")
    WebDriverWait(browser, POLL_SECONDS * 3 + 2).until(
        ec.presence_of_element_located((By.ID, latest.anchor))
    )
    assert "Posted by mistake" not in browser.page_source
    assert draft.body not in browser.page_source


def test_live_page_has_no_axe_violations_with_a_new_update(browser, live_page):
    blog, url = live_page
    browser.set_script_timeout(120)
    browser.get(url)
    entry = publish(blog, "An update that arrived while the page was open.")
    WebDriverWait(browser, POLL_SECONDS * 3 + 2).until(
        ec.presence_of_element_located((By.ID, entry.anchor))
    )
    failures = []
    for scheme in SCHEMES:
        for width in WIDTHS:
            emulate(browser, width=width, scheme=scheme)
            full_page_screenshot(browser, f"axe-live-blog-{scheme}-{width}")
            browser.execute_script(AXE_SOURCE)
            violations = browser.execute_async_script(RUN_AXE, WCAG_TAGS)
            failures += [
                f"{scheme} {width}px: {v['id']} ({v['impact']}) {v['help']}\n    "
                + "\n    ".join(v["nodes"])
                for v in violations
            ]
    emulate(browser, width=1280)
    assert not failures, "axe-core violations:\n" + "\n".join(failures)
