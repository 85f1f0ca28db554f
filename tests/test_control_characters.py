"""Invisible control characters in stored text: cleaned on every write, harmless on output.

The attack: a headline holding a vertical tab (pasted, invisible in the editor) made every feed
answer 500 (Django's XML writer refuses it) and the Google News sitemap ill-formed XML. Text is
now cleaned when it is written (`core.text`), and feeds and sitemaps clean what they output,
because rows written before the fix (or by raw SQL) may still hold anything.
"""

import feedparser
import pytest
from django.db import connection
from lxml import etree
from taggit.models import Tag

from articles.models import Article, Correction, Section
from authors.models import Author
from core.text import clean_text
from redirects.models import Redirect
from tests.admin_forms import article_post_data, change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    SectionFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

# What an editor cannot see and XML 1.0 cannot hold (NUL only where it never reaches a database).
HOSTILE = "Budget\x0bvote\x0c in\x1f the\x85 city\x7f council\x01\x08\x9f"
CLEAN = "Budget vote  in  the  city council"
XML_ILLEGAL = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]]


def store_raw(obj, **values) -> None:
    """Write `values` with raw SQL, as a row written before the fix would hold them."""
    quote = connection.ops.quote_name
    meta = obj._meta
    sets = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in values)
    sql = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values.values(), obj.pk])


def well_formed(response) -> etree._Element:
    """The response parsed by a strict XML parser (no recovery), after a 200."""
    assert response.status_code == 200, response.status_code
    assert not any(char in response.content.decode() for char in XML_ILLEGAL)
    return etree.fromstring(response.content, etree.XMLParser(recover=False))


# The function -------------------------------------------------------------------------------


def test_clean_text_removes_controls_and_keeps_text():
    assert clean_text(HOSTILE) == CLEAN
    assert clean_text("Tab\tnew\nline\r\nend") == "Tab\tnew\nline\r\nend"
    assert clean_text("NUL\x00 and lone \ud800 surrogate \ufffe") == "NUL and lone  surrogate "
    assert clean_text("Ünïcödé, 中文, עברית, emoji 😀 and ‘quotes’") == (
        "Ünïcödé, 中文, עברית, emoji 😀 and ‘quotes’"
    )
    assert clean_text(None) is None and clean_text(3) == 3


# Cleaned when written -----------------------------------------------------------------------


def test_headline_posted_to_the_admin_is_stored_without_control_characters(client):
    client.force_login(StaffUserFactory(role="Editor"))
    article = ArticleFactory()
    data = article_post_data(article, headline=HOSTILE, standfirst=f"One\x0btwo\nthree{HOSTILE}")
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == CLEAN
    assert article.standfirst == f"One two\nthree{CLEAN}"


def test_every_free_text_field_is_cleaned_on_save_even_with_nul():
    section = SectionFactory(name=f"\x00{HOSTILE}", description=HOSTILE)
    author = AuthorFactory(name=HOSTILE, job_title=HOSTILE, bio=HOSTILE)
    image = ImageFactory(alt_text=HOSTILE, caption=HOSTILE, credit=HOSTILE)
    article = ArticleFactory(
        section=section,
        authors=[author],
        headline=HOSTILE,
        standfirst=HOSTILE,
        lead_image=image,
        lead_image_caption=HOSTILE,
        body=f"<p>{HOSTILE}\x00</p>",
    )
    correction = CorrectionFactory(article=article, text=HOSTILE)
    redirect = Redirect.objects.create(old_path="/old\x0b/", new_path="/new\x00/")
    for obj, fields in [
        (section, ["name", "description"]),
        (author, ["name", "job_title", "bio"]),
        (image, ["alt_text", "caption", "credit"]),
        (article, ["headline", "standfirst", "lead_image_caption"]),
        (correction, ["text"]),
    ]:
        stored = type(obj).objects.values(*fields).get(pk=obj.pk)
        assert stored == dict.fromkeys(fields, CLEAN), type(obj).__name__
        assert all(getattr(obj, name) == CLEAN for name in fields)  # the instance agrees
    assert Article.objects.get(pk=article.pk).body == f"<p>{CLEAN}</p>"
    redirect.refresh_from_db()
    assert (redirect.old_path, redirect.new_path) == ("/old /", "/new/")


def test_bulk_writes_and_updates_are_cleaned_too():
    section = SectionFactory()
    (created,) = Section.objects.bulk_create([Section(name=HOSTILE, slug="bulk")])
    assert Section.objects.get(slug="bulk").name == CLEAN
    Section.objects.filter(pk=section.pk).update(description=HOSTILE)
    assert Section.objects.get(pk=section.pk).description == CLEAN
    section.name = HOSTILE
    Section.objects.bulk_update([section], ["name"])
    assert Section.objects.get(pk=section.pk).name == CLEAN
    assert created.name == CLEAN


def test_an_exact_lookup_with_a_nul_is_cleaned_like_the_stored_value():
    """PostgreSQL refuses NUL in a parameter; the value compared is the one that was stored."""
    ArticleFactory(headline="Budget vote")
    assert Article.objects.filter(headline="Budget\x00 vote").exists()
    assert Article.objects.filter(headline__in=["x\x00", "Budget\x00 vote"]).count() == 1


def test_tag_names_are_cleaned_and_match_the_existing_tag():
    existing = ArticleFactory(tags=["city council"])
    article = ArticleFactory()
    article.tags.add("city\x0bcouncil", "\x0c", "budget\x00")  # "\x0c" alone names nothing
    assert sorted(article.tags.names()) == ["budget", "city council"]
    assert Tag.objects.filter(name="city council").count() == 1
    assert list(existing.tags.names()) == ["city council"]
    tag = Tag.objects.create(name="Direct\x1fsave", slug="direct-save")
    assert Tag.objects.get(pk=tag.pk).name == "Direct save"


# Output that cannot be broken by what is stored --------------------------------------------


@pytest.fixture
def poisoned(section, author):
    """A public story whose stored texts hold control characters, as an old row could."""
    article = ArticleFactory(
        section=section,
        authors=[author],
        tags=["privacy"],
        lead_image=ImageFactory(),
        standfirst="Standfirst",
    )
    store_raw(
        article,
        headline=HOSTILE,
        standfirst=HOSTILE,
        body=f"<p>{HOSTILE}</p>",
        lead_image_caption=HOSTILE,
    )
    store_raw(section, name=HOSTILE, description=HOSTILE)
    store_raw(author, name=HOSTILE, bio=HOSTILE, job_title=HOSTILE)
    store_raw(article.lead_image, alt_text=HOSTILE)
    store_raw(Tag.objects.get(name="privacy"), name=f"privacy{HOSTILE}")
    store_raw(CorrectionFactory(article=article), text=HOSTILE)
    assert Article.objects.values_list("headline", flat=True).get(pk=article.pk) == HOSTILE
    return article


FEEDS = [
    f"{base}{suffix}"
    for base in ["/", "/sections/technology/", "/authors/mara-quill/", "/tags/privacy/"]
    for suffix in ["feed/", "feed/atom/"]
]


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_stays_well_formed_whatever_the_stored_text_holds(client, poisoned, url):
    if "/authors/" in url:
        url = url.replace("mara-quill", poisoned.byline_authors[0].slug)
    response = client.get(url)
    root = well_formed(response)
    assert CLEAN in etree.tostring(root, encoding="unicode")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title.split() == CLEAN.split()


def test_every_sitemap_stays_well_formed_whatever_the_stored_text_holds(client, poisoned):
    news = well_formed(client.get("/sitemap-news.xml"))
    ns = {"news": "http://www.google.com/schemas/sitemap-news/0.9"}
    assert news.xpath("//news:title/text()", namespaces=ns) == [CLEAN]
    index = well_formed(client.get("/sitemap.xml"))
    locations = index.xpath("//*[local-name()='loc']/text()")
    assert len(locations) == 6  # site, articles, sections, authors, tags, news
    for name in ["site", "articles", "sections", "authors", "tags"]:
        well_formed(client.get(f"/sitemap-{name}.xml"))


def test_the_public_pages_of_a_poisoned_story_still_answer(client, poisoned):
    for url in [poisoned.get_absolute_url(), "/sections/technology/", "/tags/privacy/"]:
        assert client.get(url).status_code == 200, url


def test_nothing_stored_changes_when_cleaning_the_output(client, poisoned):
    client.get("/feed/")
    client.get("/sitemap-news.xml")
    assert Article.objects.values_list("headline", flat=True).get(pk=poisoned.pk) == HOSTILE
    assert Correction.objects.values_list("text", flat=True).get() == HOSTILE
    assert Author.objects.values_list("bio", flat=True).get(pk=poisoned.byline_authors[0].pk) == (
        HOSTILE
    )
