"""The admin works under the Content-Security-Policy: sign in, open "Add article", no violation."""

import pytest
from django.contrib.auth import get_user_model
from selenium.webdriver.common.by import By

from tests.browser.interactions import click_and_load
from tests.factories import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csp_violations(browser) -> list[str]:
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]


def test_editor_signs_in_and_opens_add_article_without_csp_violations(
    browser, live_server, screenshot, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_superuser("chief", "chief@example.com", "correct horse 9")
    SectionFactory(name="Technology", slug="technology")
    browser.get_log("browser")  # start from an empty console

    browser.get(live_server.url + "/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("chief")
    browser.find_element(By.NAME, "password").send_keys("correct horse 9")
    click_and_load(
        browser, browser.find_element(By.CSS_SELECTOR, "input[type=submit], button[type=submit]")
    )
    assert "Site administration" in browser.page_source

    browser.get(live_server.url + "/admin/articles/article/add/")
    assert browser.find_element(By.NAME, "headline")
    # Admin JavaScript ran (it is external or nonced): the slug is prepopulated as we type.
    browser.find_element(By.NAME, "headline").send_keys("Storm closes the harbour")
    assert browser.find_element(By.NAME, "slug").get_attribute("value") == (
        "storm-closes-the-harbour"
    )
    screenshot("article-add")
    assert _csp_violations(browser) == []


def test_an_injected_inline_script_is_blocked_and_reported(browser, live_server):
    """Control: proves the console check above would see a violation."""
    browser.get(live_server.url + "/admin/login/")
    browser.get_log("browser")
    browser.execute_script(
        "const s = document.createElement('script');"
        "s.textContent = 'document.title = \"pwned\"'; document.body.appendChild(s);"
    )
    assert browser.title != "pwned"
    assert any("script-src" in message for message in _csp_violations(browser))
