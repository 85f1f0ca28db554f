"""The article's edit page leads to its desk page (notes, assignment, activity)."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_the_edit_page_links_the_articles_notes_and_activity(client, people, role):
    user = people[role]
    article = ArticleFactory(authors=[people["contributor"].author], draft=True)
    client.force_login(user)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200
    desk = reverse("desk:article", args=[article.pk])
    assert f'href="{desk}"' in page.content.decode()
    assert client.get(desk).status_code == 200
