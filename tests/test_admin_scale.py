"""The admin at newsroom scale: list columns, filters, search, and a fixed query budget."""

import pytest

from editorial import revisions
from tests.admin_forms import change_url
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, StaffUserFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db


def archive(size: int) -> list:
    sections = [SectionFactory(slug=f"s{i}") for i in range(3)]
    authors = [AuthorFactory(slug=f"a{i}") for i in range(3)]
    editor = StaffUserFactory(role="Editor", username=f"bulk{size}")
    articles = []
    for index in range(size):
        article = ArticleFactory(
            section=sections[index % 3], authors=authors[: 1 + index % 2], tags=["x"]
        )
        article.last_edited_by = editor
        article.save()
        articles.append(article)
    revisions.record(articles[0], editor, "Edited")
    return articles


@pytest.fixture
def editor_client(client, db):
    client.force_login(StaffUserFactory(role="Editor", username="measured"))
    return client


def test_list_shows_status_section_bylines_dates_and_last_editor(editor_client):
    author = AuthorFactory(name="Ruth Byline")
    ArticleFactory(headline="Listed story", authors=[author], scheduled=True)
    html = editor_client.get("/admin/articles/article/").content.decode()
    for text in ["Listed story", "Scheduled", "Ruth Byline", "Last edited by", "Expires at"]:
        assert text.lower() in html.lower(), text


def test_filters_and_search(editor_client):
    section = SectionFactory(name="Science", slug="science")
    author = AuthorFactory(name="Ruth Byline")
    wanted = ArticleFactory(headline="Comet returns", section=section, authors=[author])
    ArticleFactory(headline="Council meets")
    results = lambda query: list(  # noqa: E731
        editor_client.get(f"/admin/articles/article/{query}").context["cl"].result_list
    )
    assert results(f"?section__id__exact={section.pk}") == [wanted]
    assert results(f"?author={author.pk}") == [wanted]
    assert results("?q=comet") == [wanted]
    assert results("?q=Ruth") == [wanted]
    assert results("?author=nonsense") == []
    assert results("?state=draft") == []


@pytest.mark.parametrize("url", ["/admin/articles/article/", "/admin/articles/article/?q=story"])
def test_list_page_query_count_does_not_grow_with_the_archive(editor_client, url):
    archive(5)
    small = queries_for(editor_client, url)
    archive(195)
    assert queries_for(editor_client, url) == small
    assert small <= 14


def test_edit_page_query_count_does_not_grow_with_the_archive(editor_client):
    first = archive(5)[0]
    small = queries_for(editor_client, change_url(first))
    archive(195)
    assert queries_for(editor_client, change_url(first)) <= small
    # 22, plus the preview key that signs the edit page's preview link, plus the writer's desk:
    # the autosaved draft (1) and who else is editing (1), and whether it is a live blog (2).
    assert small <= 27
