"""JSON-LD read back with extruct, the extractor search-engine tooling uses."""

from datetime import timedelta

import extruct
import pytest
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from distribution import structured_data
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    SectionFactory,
)
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def json_ld(client, url: str) -> dict[str, dict]:
    """The page's JSON-LD items keyed by @type (each type appears once per page)."""
    response = client.get(url)
    assert response.status_code == 200, url
    items = extruct.extract(response.content.decode(), base_url=SITE, syntaxes=["json-ld"])[
        "json-ld"
    ]
    by_type = {item["@type"]: item for item in items}
    assert len(by_type) == len(items), "a type appears twice"
    return by_type


def test_article_page_has_a_complete_news_article(client, section, author):
    co_author = AuthorFactory(name="Ravi Ode", x_url="https://x.com/ravi")
    updated = timezone.now() - timedelta(minutes=3)
    article = ArticleFactory(
        headline="Messaging app tightens rules",
        standfirst="Accounts face new checks.",
        section=section,
        authors=[author, co_author],
        tags=["privacy", "regulation"],
        updated_at=updated,
        lead_image=ImageFactory(size=(16, 9)),
    )
    url = f"{SITE}{article.get_absolute_url()}"

    data = json_ld(client, article.get_absolute_url())["NewsArticle"]

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Messaging app tightens rules"
    assert data["description"] == "Accounts face new checks."
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["image"] == [
        {
            "@type": "ImageObject",
            "url": f"{SITE}{article.lead_image.social_url()}",
            "width": 16,
            "height": 9,
        }
    ]
    assert data["datePublished"].startswith(article.published_at.strftime("%Y-%m-%dT%H:%M:%S"))
    assert data["dateModified"].startswith(updated.strftime("%Y-%m-%dT%H:%M:%S"))
    assert [(p["@type"], p["name"], p["url"]) for p in data["author"]] == [
        ("Person", "Mara Quill", f"{SITE}{author.get_absolute_url()}"),
        ("Person", "Ravi Ode", f"{SITE}{co_author.get_absolute_url()}"),
    ]
    assert data["author"][1]["sameAs"] == ["https://x.com/ravi"]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Newsroom"
    assert publisher["logo"]["url"].startswith(f"{SITE}/static/")
    assert data["articleSection"] == "Technology"
    assert data["keywords"] == ["privacy", "regulation"]


def test_date_modified_falls_back_to_publication(client, article):
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    assert data["dateModified"] == data["datePublished"]
    assert "image" not in data


def test_breadcrumbs_go_home_section_article(client):
    parent = SectionFactory(name="Technology", slug="technology")
    child = SectionFactory(name="Gaming", slug="gaming", parent=parent)
    article = ArticleFactory(section=child, headline="A new console")
    crumbs = json_ld(client, article.get_absolute_url())["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Newsroom", f"{SITE}/"),
        (2, "Technology", f"{SITE}/sections/technology/"),
        (3, "Gaming", f"{SITE}/sections/gaming/"),
        (4, "A new console", f"{SITE}{article.get_absolute_url()}"),
    ]


def test_hostile_headline_cannot_break_out_of_the_script(client):
    headline = 'Close </script><script>alert("x")</script> & <!-- tags'
    article = ArticleFactory(headline=headline, standfirst="</SCRIPT>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    assert data["headline"] == headline
    assert data["description"] == "</SCRIPT>"


def test_json_ld_rendering_escapes_markup_characters():
    rendered = structured_data.json_ld({"a": "</script>&<"})
    assert rendered == (
        '<script type="application/ld+json">{"a": "\\u003C/script\\u003E\\u0026\\u003C"}</script>'
    )


def test_author_page_is_a_profile_page_of_a_person(client, author):
    author.x_url = "https://x.com/mara"
    author.job_title = "Technology reporter"
    author.save()
    ArticleFactory(authors=[author])
    data = json_ld(client, author.get_absolute_url())["ProfilePage"]
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Mara Quill"
    assert person["url"] == f"{SITE}{author.get_absolute_url()}"
    assert person["jobTitle"] == "Technology reporter"
    assert person["sameAs"] == ["https://x.com/mara"]


def test_home_page_declares_the_website_and_its_search(client, article):
    data = json_ld(client, "/")["WebSite"]
    assert data["url"] == f"{SITE}/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"


def test_fronts_are_collection_pages_of_public_stories_only(client, section):
    public = ArticleFactory(section=section, tags=["privacy"])
    hidden = [
        ArticleFactory(section=section, draft=True, tags=["privacy"]),
        ArticleFactory(section=section, scheduled=True, tags=["privacy"]),
    ]
    for url in ["/sections/technology/", "/tags/privacy/"]:
        data = json_ld(client, url)["CollectionPage"]
        assert data["url"] == f"{SITE}{url}"
        listed = [item["url"] for item in data["mainEntity"]["itemListElement"]]
        assert listed == [f"{SITE}{public.get_absolute_url()}"]
        for story in hidden:
            assert f"{SITE}{story.get_absolute_url()}" not in listed


def test_unpublished_and_scheduled_articles_have_no_page_and_no_data(client):
    for article in [ArticleFactory(draft=True), ArticleFactory(scheduled=True)]:
        assert client.get(article.get_absolute_url()).status_code == 404


def test_article_page_structured_data_adds_no_queries(client, section, author):
    small = ArticleFactory(section=section, authors=[author], tags=["a"])
    few = queries_for(client, small.get_absolute_url())
    big = ArticleFactory(
        section=section,
        authors=[author, *(AuthorFactory() for _ in range(4))],
        tags=["a", "b", "c", "d", "e"],
    )
    assert queries_for(client, big.get_absolute_url()) == few


def test_corrections_appear_as_notes_and_raise_date_modified(client, section, author):
    article = ArticleFactory(section=section, authors=[author])
    noted = timezone.now() - timedelta(minutes=5)
    CorrectionFactory(article=article, text="The vote was on Tuesday, not Monday.", noted_at=noted)
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    stamp = DjangoJSONEncoder().default(noted)  # W3C datetime, as every date we publish
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The vote was on Tuesday, not Monday.",
            "datePublished": stamp,
        }
    ]
    assert data["dateModified"] == stamp


def test_news_article_lists_16x9_4x3_and_1x1_renditions(client, section):
    article = ArticleFactory(section=section, lead_image=ImageFactory(size=(1600, 1200)))
    article.lead_image.make_renditions()
    images = json_ld(client, article.get_absolute_url())["NewsArticle"]["image"]
    assert [(image["width"], image["height"]) for image in images] == [
        (1280, 720),
        (1200, 900),
        (640, 640),
    ]
    for image in images:
        assert image["url"].startswith(f"{SITE}/media/images/renditions/")
        assert image["url"].endswith(f"-{image['width']}x{image['height']}.jpg")
        name = image["url"].removeprefix(f"{SITE}/media/")
        assert default_storage.exists(name)
    for image in images:  # Google asks for at least 50,000 pixels
        assert image["width"] * image["height"] >= 50_000
