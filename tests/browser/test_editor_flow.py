"""The newsroom's whole path in a real browser.

A contributor writes and submits a draft; an editor previews and publishes it; it appears on the
home page and its section front; then an editor whose form went stale is refused, with their
text kept.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from articles.models import Article
from editorial.roles import ensure_roles
from tests.admin_forms import article_post_data, change_url
from tests.browser.interactions import click
from tests.factories import AuthorFactory, SectionFactory, StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"
HEADLINE = "Harbour ferry returns after repairs"


@pytest.fixture(autouse=True)
def roles(transactional_db):
    """Other transactional tests flush the database, roles from the data migration included."""
    ensure_roles(Group, Permission)


def log_in(browser, base: str, username: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD + Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "user-tools")))


def choose_autocomplete(browser, field_id: str, text: str) -> None:
    """Pick `text` in a Django admin autocomplete (select2) field, as a person would."""
    container = browser.find_element(By.CSS_SELECTOR, f"#{field_id} + .select2 .select2-selection")
    click(browser, container)
    search = WebDriverWait(browser, 10).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, ".select2-search__field"))
    )
    search.send_keys(text)
    WebDriverWait(browser, 10).until(
        EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, ".select2-results__option--highlighted"), text
        )
    )
    search.send_keys(Keys.ENTER)


def test_contributor_to_editor_to_readers_and_a_stale_editor_is_refused(
    browser, live_server, screenshot
):
    base = live_server.url
    section = SectionFactory(name="Local", slug="local")
    contributor = StaffUserFactory(role="Contributor", username="writer")
    AuthorFactory(name="Wren Writer", slug="wren-writer", user=contributor)
    StaffUserFactory(role="Editor", username="desk", first_name="Eda", last_name="Desk")
    second = StaffUserFactory(role="Editor", first_name="Noor", last_name="Second")
    wait = WebDriverWait(browser, 10)

    # The contributor writes a draft in the rich-text editor and submits it.
    log_in(browser, base, "writer")
    browser.get(base + "/admin/articles/article/add/")
    browser.find_element(By.ID, "id_headline").send_keys(HEADLINE)
    browser.find_element(By.ID, "id_standfirst").send_keys("The crossing reopens on Monday.")
    choose_autocomplete(browser, "id_section", "Local")
    editor_area = wait.until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".prose-editor [contenteditable=true]"))
    )
    click(browser, editor_area)
    editor_area.send_keys("The ferry is back on the water after six weeks in dry dock.")
    screenshot("contributor-draft")
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.IN_REVIEW
    assert "six weeks in dry dock" in article.body
    assert article.byline_authors[0].name == "Wren Writer"
    assert not browser.find_elements(By.CSS_SELECTOR, "button[value=publish]")

    # The editor previews it, then publishes it.
    log_in(browser, base, "desk")
    browser.get(base + change_url(article))
    preview = browser.find_element(By.CSS_SELECTOR, ".object-tools a[href$='/preview/']")
    preview = preview.get_attribute("href")
    browser.get(preview)
    assert browser.find_element(By.TAG_NAME, "h1").text == HEADLINE
    assert "Preview" in browser.find_element(By.CSS_SELECTOR, ".preview-banner").text
    browser.get(base + change_url(article))
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[value=publish]"))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".messagelist"), "published"))
    screenshot("editor-published")

    # Readers see it on the home page and on its section front.
    browser.get(base + "/")
    assert HEADLINE in browser.find_element(By.TAG_NAME, "main").text
    browser.get(base + section.get_absolute_url())
    assert HEADLINE in browser.page_source

    # The editor opens the form; meanwhile a second editor saves; the stale save is refused.
    browser.get(base + change_url(article))
    headline = browser.find_element(By.ID, "id_headline")
    other = Client()
    other.force_login(second)
    fresh = Article.objects.get(pk=article.pk)
    other.post(change_url(fresh), article_post_data(fresh, headline=HEADLINE + " on Monday"))
    headline.clear()
    headline.send_keys("My stale rewrite of the headline")
    click(browser, browser.find_element(By.NAME, "_continue"))
    conflict = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".conflict")))
    assert "Noor Second saved this article" in conflict.text
    assert "My stale rewrite of the headline" in browser.find_element(
        By.ID, "refused-headline"
    ).get_attribute("value")
    screenshot("stale-refused")
    assert Article.objects.get(pk=article.pk).headline == HEADLINE + " on Monday"
