"""Corrections and update notes: on the article, on /corrections/, and marking it updated."""

from datetime import UTC, datetime

import pytest

from articles.models import Correction
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, CorrectionFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_correction_is_shown_dated_at_the_end_of_the_article(client):
    article = ArticleFactory()
    CorrectionFactory(
        article=article,
        text="The vote was 5 to 4, not 4 to 5.",
        noted_at=datetime(2026, 3, 14, 9, 0, tzinfo=UTC),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Correction, <time" in html and "14 March 2026" in html
    # Shown after the body (the structured data in <head> carries it too).
    after_body = html[html.index('class="article__body"') :]
    assert "The vote was 5 to 4, not 4 to 5." in after_body


def test_corrections_page_lists_public_articles_only_newest_first(client):
    older = CorrectionFactory(text="Older fix.", noted_at=datetime(2026, 1, 1, tzinfo=UTC))
    newer = CorrectionFactory(
        text="Newer update.", kind=Correction.Kind.UPDATE, noted_at=datetime(2026, 2, 1, tzinfo=UTC)
    )
    CorrectionFactory(article=ArticleFactory(draft=True), text="Draft-only note.")
    html = client.get("/corrections/").content.decode()
    assert html.index("Newer update.") < html.index("Older fix.")
    assert "Update, <time" in html
    assert newer.article.get_absolute_url() in html and older.article.headline in html
    assert "Draft-only note." not in html


def test_footer_links_to_the_corrections_page(client, db):
    assert 'href="/corrections/"' in client.get("/").content.decode()


def test_corrections_page_with_none_says_so_and_bad_pages_404(client, db):
    assert "No corrections so far." in client.get("/corrections/").content.decode()
    assert client.get("/corrections/?page=9").status_code == 404


def test_adding_a_correction_in_the_admin_marks_the_article_updated(client):
    article = ArticleFactory()
    assert article.updated_at is None
    client.force_login(StaffUserFactory(role="Editor"))
    data = article_post_data(article)
    data.update(
        {
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-kind": "correction",
            "corrections-0-text": "We misspelled the mayor's name.",
            "corrections-0-noted_at_0": "2026-03-14",
            "corrections-0-noted_at_1": "10:00:00",
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.corrections.get().text == "We misspelled the mayor's name."
    assert article.updated_at is not None
    assert "Updated" in client.get(article.get_absolute_url()).content.decode()


def test_corrections_page_query_count_is_fixed(client, django_assert_max_num_queries):
    for _ in range(3):
        CorrectionFactory()
    with django_assert_max_num_queries(8):  # 5, and brand, menus, live stories on a cold cache
        client.get("/corrections/")
    for _ in range(30):
        CorrectionFactory()
    with django_assert_max_num_queries(5):
        client.get("/corrections/")
