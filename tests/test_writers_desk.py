"""The small things around the article form: live preview, tags, the section chooser, the
read-only view, the revision diff's colours, the admin's name and labels."""

from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory

from articles.models import Article
from tests.admin_forms import ADD_URL, article_post_data, change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db
LIVE_NEW = "/admin/articles/article/live-preview/"


def live_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/live-preview/"


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor")


@pytest.fixture
def contributor():
    user = StaffUserFactory(role="Contributor")
    AuthorFactory(name="Connie Writer", slug="connie", user=user)
    return user


# -- live preview ------------------------------------------------------------------------------


def test_live_preview_shows_the_unsaved_form_through_the_public_template(client, editor):
    article = ArticleFactory(headline="Saved headline", body="<p>Saved body.</p>", tags=["old"])
    client.force_login(editor)
    data = article_post_data(
        article,
        headline="Unsaved headline",
        body="<p>Unsaved body.</p><script>alert(1)</script>",
        tags="New York, harbour",
    )
    response = client.post(live_url(article), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="article__headline">Unsaved headline</h1>' in html
    assert "Unsaved body." in html and "<script>alert(1)" not in html  # sanitized as on save
    assert ">New York</a>" in html and ">harbour</a>" in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    article.refresh_from_db()
    assert article.headline == "Saved headline" and list(article.tags.names()) == ["old"]


def test_live_preview_keeps_no_shared_fragment_of_unsaved_text(client, editor):
    article = ArticleFactory(headline="Saved headline")
    client.get(article.get_absolute_url())
    client.force_login(editor)
    other_section = SectionFactory(name="Elsewhere", slug="elsewhere")
    data = article_post_data(article, headline="Secret draft", section=other_section)
    assert "Elsewhere" in client.post(live_url(article), data).content.decode()
    client.logout()
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Secret draft" not in public
    assert '<a class="section-label" href="/sections/elsewhere/">' not in public


def test_live_preview_of_a_new_article_and_of_an_incomplete_form(client, contributor):
    section = SectionFactory(name="Harbour", slug="harbour")
    client.force_login(contributor)
    data = article_post_data(section=section, headline="Brand new", body="<p>First words.</p>")
    html = client.post(LIVE_NEW, data).content.decode()
    assert "Brand new" in html and "Connie Writer" in html
    incomplete = client.post(LIVE_NEW, {**data, "section": ""})
    assert incomplete.status_code == 200
    assert "The preview needs a section" in incomplete.content.decode()
    assert not Article.objects.exists()


def test_live_preview_permissions(client, contributor):
    theirs = ArticleFactory(draft=True)
    client.force_login(contributor)
    assert client.post(live_url(theirs), article_post_data(theirs)).status_code == 404
    assert client.get(LIVE_NEW).status_code == 405
    client.logout()
    assert client.post(LIVE_NEW, {}).status_code == 302


# -- tags and sections -------------------------------------------------------------------------


def test_tags_show_without_quotes_and_a_spaced_name_is_one_tag(client, editor):
    article = ArticleFactory(tags=["New York", "transport"])
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert 'value="New York, transport"' in html
    client.post(change_url(article), article_post_data(article, tags="Old Town"))
    assert list(Article.objects.get(pk=article.pk).tags.names()) == ["Old Town"]


def test_tag_suggestions_come_from_existing_tags(client, contributor):
    ArticleFactory(tags=["Harbour", "Harvest", "Council"])
    client.force_login(contributor)
    answer = client.get("/admin/articles/article/tag-suggestions/?q=har").json()
    assert answer == {"tags": ["Harbour", "Harvest"]}
    assert client.get("/admin/articles/article/tag-suggestions/?q=").json() == {"tags": []}
    client.logout()
    assert client.get("/admin/articles/article/tag-suggestions/?q=har").status_code == 302


def test_section_chooser_lists_sub_sections_under_their_parent(client, editor):
    news = SectionFactory(name="News", slug="news", position=1)
    sport = SectionFactory(name="Sport", slug="sport", position=2)
    SectionFactory(name="Local", slug="local", parent=news, position=0)
    SectionFactory(name="Football", slug="football", parent=sport, position=0)
    client.force_login(editor)
    answer = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "section"},
    ).json()
    names = [item["text"] for item in answer["results"]]
    assert names == ["News", "News › Local", "Sport", "Sport › Football"]


# -- read-only view, diff colours, branding ----------------------------------------------------


def test_contributor_read_only_view_renders_the_body(client, contributor):
    submitted = ArticleFactory(
        authors=[contributor.author], status="in_review", body="<p>Read <em>this</em>.</p>"
    )
    client.force_login(contributor)
    html = client.get(change_url(submitted)).content.decode()
    assert '<div class="readonly-body"><p>Read <em>this</em>.</p></div>' in html
    assert "&lt;p&gt;Read" not in html


def test_revision_diff_is_coloured_by_a_static_stylesheet_not_inline_css(client, editor):
    from django.contrib.staticfiles import finders

    article = ArticleFactory()
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/revisions/").content.decode()
    assert "<style" not in html
    assert "editorial/article-form.css" in html
    css = Path(finders.find("editorial/article-form.css")).read_text()
    assert ".diff ins {" in css and ".diff del {" in css
    assert "<style" not in client.get(change_url(article)).content.decode()


def test_admin_wears_the_site_name(client, settings, editor):
    settings.SITE_NAME = "Harbour Gazette"
    login = client.get("/admin/login/").content.decode()
    assert "Harbour Gazette" in login and "Django administration" not in login
    client.force_login(editor)
    page = client.get(ADD_URL).content.decode()
    assert "<title>Add article | Harbour Gazette newsroom</title>" in page
    assert "Django" not in page.split("<body", 1)[1].split("</header>", 1)[0]


def test_app_labels_read_as_words(editor):
    request = RequestFactory().get("/admin/")
    request.user = StaffUserFactory(role="Administrator")
    names = {app["app_label"]: app["name"] for app in admin.site.get_app_list(request)}
    assert names["taggit"] == "Tags"
    assert "Taggit" not in names.values()
