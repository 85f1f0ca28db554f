"""Every desk page for every role: editors everything, contributors their own (else 404)."""

import pytest

from desk.models import BudgetLine
from desk.notes import add_note
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
ROLES = ["contributor", "other_contributor", "editor", "administrator"]


@pytest.fixture
def work(contributor):
    article = ArticleFactory(authors=[contributor.author], draft=True)
    line = BudgetLine.objects.create(slug="Planned", section=SectionFactory(), writer=contributor)
    add_note(contributor, "internal", article=article)
    return {"article": article, "line": line}


def expected(role: str, own: bool = True) -> int:
    return 404 if own and role == "other_contributor" else 200


@pytest.mark.parametrize("role", ROLES)
def test_every_get_page_per_role(client, people, work, role):
    client.force_login(people[role])
    pages = {
        "/admin/": 200,
        "/admin/desk/plan/": 200,
        "/admin/desk/plan/?view=week": 200,
        "/admin/desk/notifications/": 200,
        "/admin/desk/preferences/": 200,
        f"/admin/desk/articles/{work['article'].pk}/": expected(role),
        f"/admin/desk/lines/{work['line'].pk}/": expected(role),
        "/admin/desk/budgetline/": 200,
        "/admin/desk/articles/99999999/": 404,
        "/admin/desk/lines/99999999/": 404,
    }
    for url, status in pages.items():
        assert client.get(url).status_code == status, (role, url)


def test_readers_are_sent_to_the_login(client, work):
    for url in ("/admin/desk/plan/", f"/admin/desk/articles/{work['article'].pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_changes_need_a_post(client, editor, work):
    client.force_login(editor)
    for url in (
        f"/admin/desk/articles/{work['article'].pk}/notes/",
        f"/admin/desk/articles/{work['article'].pk}/send-back/",
        f"/admin/desk/articles/{work['article'].pk}/assign/",
        f"/admin/desk/lines/{work['line'].pk}/draft/",
    ):
        assert client.get(url).status_code == 405, url
