"""What each role may see through the admin's choices: no form, inline or autocomplete names an
article the user may not open or read on the site (issue 19, B), and impossible lookups answer
400 or a plain result, never a 500 (issue 19, E)."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.forms import ModelChoiceField
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, HomeSlot, RelatedArticle
from core.admin import GuardedLookupsMixin, ModelAdmin
from tests.admin_forms import ADD_URL, article_post_data, change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db
AUTOCOMPLETE = "/admin/autocomplete/"


@pytest.fixture
def contributor():
    user = StaffUserFactory(role="Contributor", username="connie")
    AuthorFactory(name="Connie Writer", slug="connie", user=user)
    return user


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor", username="eddie")


@pytest.fixture
def hidden(editor):
    """What a contributor must never read: another writer's draft, an embargoed story, an
    editor's private draft, one in the trash."""
    return {
        "draft": ArticleFactory(draft=True, headline="Secret merger draft"),
        "scheduled": ArticleFactory(
            headline="Embargoed budget story",
            published_at=timezone.now() + timedelta(days=2),
        ),
        "private": ArticleFactory(draft=True, headline="Editor private note", authors=[]),
        "trashed": ArticleFactory(headline="Trashed scoop", trashed_at=timezone.now()),
    }


@pytest.fixture
def own_draft(contributor):
    return ArticleFactory(draft=True, headline="Connie's draft", authors=[contributor.author])


def _with_related(data: dict, target_id) -> dict:
    return {
        **data,
        "related_links-TOTAL_FORMS": 1,
        "related_links-0-target": target_id,
        "related_links-0-position": 0,
    }


@pytest.mark.parametrize("which", ["draft", "scheduled", "private", "trashed"])
def test_contributor_cannot_pick_a_hidden_article_as_related(
    client, contributor, own_draft, hidden, which
):
    target = hidden[which]
    client.force_login(contributor)
    response = client.post(
        change_url(own_draft), _with_related(article_post_data(own_draft), target.pk)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in html
    assert target.headline not in html
    assert not RelatedArticle.objects.filter(article=own_draft).exists()
    assert target.headline not in client.get(change_url(own_draft)).content.decode()


def test_contributor_cannot_pick_a_hidden_article_on_the_add_page(client, contributor, hidden):
    client.force_login(contributor)
    data = article_post_data(section=SectionFactory(), headline="Brand new")
    response = client.post(ADD_URL, _with_related(data, hidden["draft"].pk))
    assert response.status_code == 200
    assert hidden["draft"].headline not in response.content.decode()
    assert not Article.objects.filter(headline="Brand new").exists()


def test_contributor_links_a_public_story_and_their_own(client, contributor, own_draft):
    public = ArticleFactory(headline="Public council story")
    other_own = ArticleFactory(draft=True, authors=[contributor.author], headline="My other")
    client.force_login(contributor)
    for target in (public, other_own):
        RelatedArticle.objects.filter(article=own_draft).delete()
        own_draft.refresh_from_db()
        response = client.post(
            change_url(own_draft), _with_related(article_post_data(own_draft), target.pk)
        )
        assert response.status_code == 302
        assert list(own_draft.related_links.values_list("target", flat=True)) == [target.pk]
        assert target.headline in client.get(change_url(own_draft)).content.decode()


def test_a_link_made_by_an_editor_to_a_hidden_draft_is_not_shown_to_the_contributor(
    client, contributor, own_draft, hidden
):
    RelatedArticle.objects.create(article=own_draft, target=hidden["draft"], position=0)
    client.force_login(contributor)
    html = client.get(change_url(own_draft)).content.decode()
    assert hidden["draft"].headline not in html


def test_editor_still_picks_any_article(client, editor, hidden):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    for target in hidden.values():
        RelatedArticle.objects.filter(article=article).delete()
        article.refresh_from_db()
        response = client.post(
            change_url(article), _with_related(article_post_data(article), target.pk)
        )
        assert response.status_code == 302, target
        assert target.headline in client.get(change_url(article)).content.decode()


def _autocomplete(client, model: str, field: str, term: str = "") -> set[str]:
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "articles", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    return {result["text"] for result in response.json()["results"]}


def test_related_autocomplete_lists_own_and_public_articles_to_a_contributor(
    client, contributor, own_draft, hidden
):
    public = ArticleFactory(headline="Public council story")
    client.force_login(contributor)
    found = _autocomplete(client, "relatedarticle", "target")
    assert found == {own_draft.headline, public.headline}


def test_autocompletes_list_everything_to_an_editor(client, editor, hidden):
    client.force_login(editor)
    everything = {article.headline for article in hidden.values()}
    assert _autocomplete(client, "relatedarticle", "target") >= everything
    assert _autocomplete(client, "homeslot", "article") >= everything


def test_contributor_has_no_home_picks(client, contributor, hidden):
    client.force_login(contributor)
    assert client.get("/admin/articles/homeslot/add/").status_code == 403
    response = client.post(
        "/admin/articles/homeslot/add/", {"article": hidden["draft"].pk, "position": 0}
    )
    assert response.status_code == 403 and not HomeSlot.objects.exists()


def _choice_fields(model_admin, request):
    """Every model-choice field of the admin's form and of its inlines' forms."""
    form = model_admin.get_form(request)()
    yield from ((name, field) for name, field in form.fields.items())
    for inline in model_admin.get_inline_instances(request):
        formset = inline.get_formset(request)(instance=model_admin.model())
        yield from ((f"{inline.model.__name__}.{n}", f) for n, f in formset.form().fields.items())


def test_no_admin_form_offers_a_contributor_an_article_they_may_not_see(
    contributor, own_draft, hidden
):
    """Every registered admin and inline, so a field added later is checked too."""
    request = RequestFactory().get("/admin/")
    request.user = contributor
    allowed = set(Article.objects.visible_to(contributor).values_list("pk", flat=True))
    checked = 0
    for model_admin in admin.site._registry.values():
        if not model_admin.has_add_permission(request):
            continue
        for name, field in _choice_fields(model_admin, request):
            if isinstance(field, ModelChoiceField) and field.queryset.model is Article:
                offered = set(field.queryset.values_list("pk", flat=True))
                assert offered <= allowed, name
                checked += 1
    assert checked  # the related-article inline at least


def test_visible_to_is_own_and_public_for_contributors_and_all_for_editors(
    contributor, editor, own_draft, hidden
):
    public = ArticleFactory()
    assert set(Article.objects.visible_to(contributor)) == {own_draft, public}
    assert set(Article.objects.visible_to(editor)) == {own_draft, public, *hidden.values()}


# Impossible lookups: a 400 or a plain answer, never a 500 ------------------------------------


@pytest.fixture
def admin_user():
    return StaffUserFactory(role="Administrator", is_superuser=True)


OUR_APPS = {"editorial", "images", "authors", "redirects", "accounts", "jobs", "webhooks"}


def _our_admins():
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if type(model_admin).__module__.split(".")[0] in OUR_APPS
    }


def _our_changelists():
    return [f"/admin/{m._meta.app_label}/{m._meta.model_name}/" for m in _our_admins()]


def test_every_admin_of_ours_stands_on_the_guarded_base():
    """The guards below live in `core.admin.ModelAdmin`: an admin built on Django's bare
    class would let NUL and out-of-range dates through again."""
    bare = [
        type(a).__name__
        for a in _our_admins().values()
        if not isinstance(a, (ModelAdmin, GuardedLookupsMixin))
    ]
    assert not bare


@pytest.mark.parametrize(
    "url, date_field",
    [("/admin/articles/article/", "published_at"), ("/admin/images/image/", "uploaded_at")],
)
@pytest.mark.parametrize(
    "params",
    [
        {"__year": "99999999999"},
        {"__year": "2024", "__month": "99999999999"},
        {"__year": "9999", "__month": "12", "__day": "31"},
        {"__year": "9999"},
        {"__year": "10000"},
        {"__year": "1"},
        {"__year": "-5"},
    ],
)
def test_dates_at_the_edges_of_the_calendar_never_fail(client, admin_user, url, date_field, params):
    ArticleFactory()
    ImageFactory()
    client.force_login(admin_user)
    query = {f"{date_field}{suffix}": value for suffix, value in params.items()}
    assert client.get(url, query).status_code in {200, 302, 400}


def test_a_year_beyond_the_calendar_is_a_bad_request(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/articles/article/?published_at__year=99999999999")
    assert response.status_code == 400


def test_nul_in_a_lookup_is_a_bad_request_and_in_a_search_is_a_space(client, admin_user):
    ArticleFactory(headline="Walrus census")
    client.force_login(admin_user)
    for url in _our_changelists():
        assert client.get(url, {"q": "\x00"}).status_code == 200, url
        assert client.get(url, {"q": "walrus\x00"}).status_code == 200, url
        assert client.get(url, {"x\x00": "1"}).status_code == 400, url
    assert client.get("/admin/articles/article/", {"state": "\x00"}).status_code == 400
    assert client.get("/admin/permalinks/redirect/", {"source__exact": "\x00"}).status_code == 400


@pytest.mark.parametrize(
    "model, field",
    [("relatedarticle", "target"), ("homeslot", "article"), ("byline", "author"),
     ("article", "lead_image"), ("article", "section")],
)  # fmt: skip
def test_autocomplete_with_a_nul_term_answers_plainly(client, admin_user, model, field):
    ArticleFactory(headline="Walrus census")
    client.force_login(admin_user)
    for term in ("\x00", "walrus\x00", "\x00\x00census"):
        response = client.get(
            AUTOCOMPLETE,
            {"app_label": "articles", "model_name": model, "field_name": field, "term": term},
        )
        assert response.status_code == 200 and "results" in response.json()


def test_tag_admin_has_no_merge_page_for_anyone(client, contributor, editor):
    """taggit's merge page checked only `is_staff`: a contributor created tags through it."""
    from taggit.models import Tag

    for user in (contributor, editor):
        client.force_login(user)
        response = client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "sneaky"})
        assert response.status_code in {302, 403, 404}
    assert not Tag.objects.filter(name="sneaky").exists()
    assert client.get("/admin/taggit/tag/", {"q": "\x00"}).status_code == 200
