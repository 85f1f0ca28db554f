"""A small newsroom's day at the desk, in a real browser, by three roles.

The editor plans a story and assigns it; the writer starts the draft from the budget line,
writes and submits it; the editor sends it back with a note; the writer reads the note (and
its email), fixes the story and submits again; the editor approves and schedules it. The
dashboard's counts are compared with the database on the way; screenshots at 1,280 and 390 px.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from articles.models import Article
from desk.models import BudgetLine, Note
from editorial.roles import ensure_roles
from tests.browser.interactions import click_and_load
from tests.browser.test_admin_csp import _csp_violations
from tests.browser.test_editor_flow import log_in
from tests.factories import AuthorFactory, SectionFactory, StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def roles(transactional_db):
    ensure_roles(Group, Permission)


def count_of(browser, panel: str) -> int:
    return int(browser.find_element(By.CSS_SELECTOR, f"#panel-{panel} .desk-count").text)


def fill(browser, field_id: str, text: str) -> None:
    field = browser.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def test_plan_assign_write_send_back_approve_and_schedule(browser, live_server, screenshot):
    base = live_server.url
    wait = WebDriverWait(browser, 10)
    SectionFactory(name="City", slug="city")
    writer = StaffUserFactory(role="Contributor", username="wren", first_name="Wren")
    AuthorFactory(name="Wren Writer", slug="wren", user=writer)
    StaffUserFactory(role="Editor", username="eda", first_name="Eda")
    StaffUserFactory(role="Administrator", username="ada")
    browser.set_window_size(1280, 900)
    browser.get_log("browser")  # start from an empty console

    # Morning: the editor plans the tram strike for this afternoon and gives it to Wren.
    log_in(browser, base, "eda")
    browser.get(base + "/admin/desk/budgetline/add/")
    fill(browser, "id_slug", "Tram strike: what riders need to know")
    Select(browser.find_element(By.ID, "id_section")).select_by_visible_text("City")
    Select(browser.find_element(By.ID, "id_writer")).select_by_visible_text("wren")
    Select(browser.find_element(By.ID, "id_editor")).select_by_visible_text("eda")
    when = timezone.localtime() + timedelta(hours=1)
    fill(browser, "id_planned_for_0", when.strftime("%d/%m/%Y"))
    fill(browser, "id_planned_for_1", when.strftime("%H:%M:00"))
    fill(browser, "id_length", "700")
    click_and_load(browser, browser.find_element(By.NAME, "_save"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
    line = BudgetLine.objects.get()
    assert line.writer == writer and line.status == BudgetLine.Status.ASSIGNED
    # The line's own day: within an hour of midnight, an hour from now is tomorrow.
    browser.get(base + f"/admin/desk/plan/?date={when.date().isoformat()}")
    assert "Tram strike" in browser.find_element(By.ID, "content-main").text
    screenshot("plan-day")

    # The writer sees it on their dashboard and starts the draft from the line.
    log_in(browser, base, "wren")
    browser.get(base + "/admin/")
    assert "Tram strike" in browser.find_element(By.ID, "panel-my_lines").text
    assert "1 unread" in browser.find_element(By.ID, "desk-notifications").text.lower()
    browser.get(base + line.get_absolute_url())
    click_and_load(browser, browser.find_element(By.ID, "start-draft"))
    standfirst = wait.until(EC.presence_of_element_located((By.ID, "id_standfirst")))
    standfirst.send_keys("Trams stop at noon on Thursday.")
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
    article = Article.objects.get()
    assert article.status == Article.Status.IN_REVIEW
    assert any("submitted" in message.body for message in mail.outbox)

    # The editor's review queue has it; she sends it back with a note.
    log_in(browser, base, "eda")
    browser.get(base + "/admin/")
    assert count_of(browser, "review") == Article.objects.filter(status="in_review").count() == 1
    screenshot("editor-dashboard")
    browser.get(base + f"/admin/desk/articles/{article.pk}/")
    fill(browser, "id_text", "The second paragraph needs a source.")
    form = browser.find_element(By.ID, "send-back-form")
    click_and_load(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait.until(EC.text_to_be_present_in_element((By.ID, "article-status"), "Draft"))
    assert Note.objects.get().step == "return_to_draft"
    screenshot("sent-back")

    # The writer finds it under "Came back to me", with the note, also at 390 px.
    mail.outbox.clear()
    log_in(browser, base, "wren")
    browser.get(base + "/admin/")
    assert count_of(browser, "came_back") == 1
    browser.set_window_size(390, 844)
    screenshot("writer-dashboard-390")
    browser.get(base + "/admin/desk/notifications/")
    assert "second paragraph needs a source" in browser.find_element(By.ID, "content-main").text
    screenshot("writer-notifications-390")
    browser.get(base + f"/admin/desk/articles/{article.pk}/")
    screenshot("writer-article-desk-390")
    browser.set_window_size(1280, 900)
    browser.get(base + f"/admin/articles/article/{article.pk}/change/")
    fill(browser, "id_standfirst", "Trams stop at noon on Thursday, the union says.")
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))

    # The editor approves it and schedules it for tomorrow morning.
    log_in(browser, base, "eda")
    browser.get(base + f"/admin/articles/article/{article.pk}/change/")
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "button[value=approve]"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
    tomorrow = timezone.localtime() + timedelta(days=1)
    fill(browser, "id_published_at_0", tomorrow.strftime("%d/%m/%Y"))
    fill(browser, "id_published_at_1", "08:00:00")
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "button[value=schedule]"))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".messagelist"), "scheduled"))
    browser.get(base + "/admin/")
    schedule = browser.find_element(By.ID, "panel-schedule").text
    assert "Tram strike" in schedule and "08:00" in schedule
    assert count_of(browser, "ready") == 0 and count_of(browser, "review") == 0
    screenshot("editor-schedule")
    line.refresh_from_db()
    assert line.current_status == BudgetLine.Status.PUBLISHED
    assert {m.to[0] for m in mail.outbox} >= {writer.email}
    assert all(m.alternatives for m in mail.outbox)

    # The administrator's home page has the same panels plus background work.
    log_in(browser, base, "ada")
    browser.get(base + "/admin/")
    assert browser.find_element(By.ID, "panel-jobs") and browser.find_element(
        By.ID, "panel-imports"
    )
    screenshot("administrator-dashboard")
    assert _csp_violations(browser) == []  # the desk's pages hold no inline style or script
