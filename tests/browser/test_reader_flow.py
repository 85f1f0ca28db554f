"""A reader's path through the site in a real browser: home → article → author."""

import pytest
from selenium.webdriver.common.by import By

from tests.browser.interactions import click, click_and_load
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_follows_a_teaser_and_then_the_byline(browser, live_server, screenshot):
    section = SectionFactory(name="Technology", slug="technology")
    author = AuthorFactory(name="Mara Quill", bio="Mara Quill covers tech and gaming news.")
    article = ArticleFactory(
        section=section, authors=[author], headline="Quantum chips leave the lab"
    )
    for _ in range(3):
        ArticleFactory(section=section)

    browser.get(live_server.url + "/")
    assert browser.find_element(By.CSS_SELECTOR, ".site-title").text == "Newsroom"
    screenshot("home")
    # Wherever the front puts the story (a lead, a secondary story without a "Continue
    # reading" link, a teaser), the reader can follow a visible link to it.
    links = browser.find_elements(By.XPATH, f"//main//a[contains(., '{article.headline}')]")
    visible = [link for link in links if link.is_displayed()]
    assert visible, "no visible link to the story on the front page"
    click_and_load(browser, visible[0])

    assert browser.find_element(By.TAG_NAME, "h1").text == article.headline
    assert "About Mara Quill" in browser.page_source
    assert "More in Technology" in browser.page_source
    screenshot("article")
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, ".article__meta a[rel=author]"))

    assert browser.find_element(By.TAG_NAME, "h1").text == "Mara Quill"
    assert browser.current_url == live_server.url + author.get_absolute_url()
    assert article.headline in browser.page_source
    click(browser, browser.find_element(By.CSS_SELECTOR, "a.to-top"))
    assert browser.current_url.endswith("#top")
