"""A reader searches from the header box, reads the highlighted result and opens the story."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.interactions import click_and_load
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_searches_from_the_header_and_opens_a_result(browser, live_server, screenshot):
    story = ArticleFactory(
        headline="Harbour cranes return to the docks",
        body="<p>The port authority said the gantry cranes would be back by spring.</p>",
    )
    ArticleFactory(draft=True, headline="Gantry draft", body="<p>gantry secrets</p>")

    browser.get(live_server.url + "/")
    box = browser.find_element(By.ID, "site-search")
    box.send_keys("gantry", Keys.ENTER)
    # Wait for the results page: an element found earlier could still belong to the home page.
    WebDriverWait(browser, 10).until(lambda driver: "/search/" in driver.current_url)

    assert browser.find_element(By.TAG_NAME, "h1").text == "Search"
    assert "1 result for “gantry”" in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, ".search-result__snippet mark").text == "gantry"
    assert "Gantry draft" not in browser.page_source
    assert browser.find_element(By.ID, "id_q").get_attribute("value") == "gantry"
    screenshot("search-results")

    click_and_load(browser, browser.find_element(By.LINK_TEXT, story.headline))
    assert browser.find_element(By.TAG_NAME, "h1").text == story.headline
