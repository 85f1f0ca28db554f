"""The live desk run through the admin while a reader's tab watches the public page: the
editor posts in one step from the article's admin page, the reader's page shows the update
within the polling interval without a reload, and a deleted update leaves a reloaded page."""

import pytest
from django.contrib.auth.models import Group, Permission
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from editorial.roles import ensure_roles
from liveblog.models import Entry, LiveBlog
from tests.browser.interactions import click
from tests.browser.test_editor_flow import log_in
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
POLL_SECONDS = 2
TEXT = "The lifeboat crew has brought all four sailors ashore."


@pytest.fixture(autouse=True)
def roles(transactional_db):
    ensure_roles(Group, Permission)


def test_editor_posts_from_the_article_admin_and_the_reader_sees_it(
    browser, live_server, settings, screenshot
):
    settings.LIVEBLOG_POLL_SECONDS = POLL_SECONDS
    base = live_server.url
    editor = StaffUserFactory(role="Editor", username="desk")
    AuthorFactory(name="Eda Desk", slug="eda-desk", user=editor)
    article = ArticleFactory(
        section=SectionFactory(name="Local", slug="local"), headline="Gale on the coast: live"
    )
    LiveBlog.objects.create(article=article, key_points="Lifeboat launched")
    wait = WebDriverWait(browser, 10)

    # The reader's tab, opened before anything is posted.
    browser.get(base + article.get_absolute_url())
    reader = browser.current_window_handle
    assert "No updates yet." in browser.page_source

    # The editor's tab: article admin → "Live blog: post an update" → post.
    browser.switch_to.new_window("tab")
    log_in(browser, base, "desk")
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
    # The admin's tools are shown in capitals: found by address, checked by their text.
    desk_link = browser.find_element(By.CSS_SELECTOR, ".object-tools a[href$='/desk/']")
    assert desk_link.get_attribute("textContent") == "Live blog: post an update"
    click(browser, desk_link)
    editor_area = wait.until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".prose-editor [contenteditable=true]"))
    )
    click(browser, editor_area)
    editor_area.send_keys(TEXT)
    screenshot("live-desk")
    click(browser, browser.find_element(By.CSS_SELECTOR, "#post-update input[type=submit]"))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".messagelist"), "is live"))
    entry = Entry.objects.get()
    assert entry.published and entry.author.name == "Eda Desk"

    # Back to the reader: the update arrives without a reload.
    browser.switch_to.window(reader)
    WebDriverWait(browser, POLL_SECONDS * 3 + 2).until(
        EC.text_to_be_present_in_element((By.ID, entry.anchor), TEXT)
    )
    assert "No updates yet." not in browser.find_element(By.ID, "live-updates").text
    screenshot("reader-sees-update")

    # The editor deletes it; the reader's next load no longer has it.
    browser.switch_to.window(next(h for h in browser.window_handles if h != reader))
    click(browser, browser.find_element(By.CSS_SELECTOR, "a.deletelink[href$='/delete/']"))
    click(browser, wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input[type=submit]"))))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".messagelist"), "deleted"))
    browser.close()
    browser.switch_to.window(reader)
    browser.delete_all_cookies()
    browser.get(base + article.get_absolute_url())
    assert TEXT not in browser.page_source
