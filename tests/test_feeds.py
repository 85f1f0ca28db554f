"""Feeds read by a real feed parser: every feed, both formats, only public stories."""

from datetime import timedelta

import feedparser
import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone
from lxml import html as lxml_html

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def parse(client, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def feed_urls(article) -> list[str]:
    section, author = article.section.slug, article.byline_authors[0].slug
    return [
        base + suffix
        for base in ["/", f"/sections/{section}/", f"/authors/{author}/", "/tags/privacy/"]
        for suffix in ["feed/", "feed/atom/"]
    ]


@pytest.fixture
def rich_article(section, author, tmp_path):
    co_author = AuthorFactory(name="Ravi Ode")
    article = ArticleFactory(
        headline="Messaging app tightens rules: what “public” now means",
        standfirst="Accounts face new checks.",
        body="<h2>WeChat public accounts</h2><p>Rules &amp; <a href='https://example.com/'>links</a>.</p>",
        section=section,
        authors=[author, co_author],
        tags=["privacy", "regulation"],
        lead_image=ImageFactory(size=(16, 9), alt_text="A phone screen"),
        updated_at=timezone.now() - timedelta(minutes=10),
    )
    return article


def test_every_feed_parses_and_describes_the_story_fully(client, rich_article):
    url = f"{SITE}{rich_article.get_absolute_url()}"
    for feed_url in feed_urls(rich_article):
        feed = parse(client, feed_url)
        assert feed.feed.title.startswith("Newsroom")
        assert feed.feed.language == "en"
        (entry,) = feed.entries
        assert entry.title == "Messaging app tightens rules: what “public” now means"
        assert entry.link == url
        assert entry.id == f"{SITE}/articles/{rich_article.pk}/"
        assert entry.summary == "Accounts face new checks."
        assert "<h2>WeChat public accounts</h2>" in entry.content[0].value
        assert 'href="https://example.com/"' in entry.content[0].value
        assert [a.name for a in entry.authors] == ["Mara Quill", "Ravi Ode"]
        assert {t.term for t in entry.tags} == {"Technology", "privacy", "regulation"}
        assert entry.published_parsed[:6] == rich_article.published_at.utctimetuple()[:6]
        image_url = f"{SITE}{rich_article.lead_image.social_url()}"
        length = str(default_storage.size(image_url.removeprefix(f"{SITE}/media/")))
        enclosures = [(e.href, e.type, e.length) for e in entry.enclosures]
        assert enclosures == [(image_url, "image/jpeg", length)]  # RSS <enclosure>, Atom link
        if feed.version == "atom10":
            assert entry.updated_parsed[:6] == rich_article.updated_at.utctimetuple()[:6]
            assert entry.authors[0].href == f"{SITE}/authors/{rich_article.byline_authors[0].slug}/"
        else:
            assert feed.version == "rss20"
            assert entry.media_content == [
                {"url": image_url, "medium": "image", "type": "image/jpeg"}
            ]


def test_feeds_link_to_themselves_and_their_page(client, rich_article):
    feed = parse(client, f"/sections/{rich_article.section.slug}/feed/atom/")
    assert feed.feed.link == f"{SITE}/sections/technology/"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{SITE}/sections/technology/feed/atom/"


def test_unpublished_and_scheduled_stories_are_in_no_feed(client, article):
    hidden = [
        ArticleFactory(draft=True, section=article.section, authors=article.byline_authors,
                       tags=["privacy"], headline="Draft story"),
        ArticleFactory(scheduled=True, section=article.section, authors=article.byline_authors,
                       tags=["privacy"], headline="Scheduled story"),
        ArticleFactory(status="unpublished", section=article.section,
                       authors=article.byline_authors, tags=["privacy"], headline="Pulled story"),
    ]  # fmt: skip
    for feed_url in feed_urls(article):
        titles = [entry.title for entry in parse(client, feed_url).entries]
        assert titles == [article.headline], feed_url
        for story in hidden:
            assert story.headline not in titles


def test_section_feed_includes_child_sections_and_nothing_else(client, section):
    child = SectionFactory(name="Gaming", slug="gaming", parent=section)
    own, from_child = ArticleFactory(section=section), ArticleFactory(section=child)
    ArticleFactory(section=SectionFactory(slug="science"), headline="Elsewhere")
    titles = {entry.title for entry in parse(client, "/sections/technology/feed/").entries}
    assert titles == {own.headline, from_child.headline}


def test_feed_lists_newest_first_and_caps_its_length(client):
    now = timezone.now()
    for n in range(32):
        ArticleFactory(headline=f"Story {n}", published_at=now - timedelta(minutes=n + 1))
    titles = [entry.title for entry in parse(client, "/feed/").entries]
    assert titles == [f"Story {n}" for n in range(30)]


def test_hostile_text_stays_inside_the_feed_markup(client):
    ArticleFactory(
        headline="Tags like </title><script> & ]]> stay text",
        standfirst="<b>not bold</b>",
        body="<p>A ]]> sequence and <script>alert(1)</script> removed</p>",
    )
    for url in ["/feed/", "/feed/atom/"]:
        (entry,) = parse(client, url).entries
        assert entry.title == "Tags like </title><script> & ]]> stay text"
        assert "<script>" not in entry.content[0].value
        assert "]]&gt;" in entry.content[0].value or "]]>" in entry.content[0].value


@pytest.mark.parametrize(
    "url", ["/sections/nope/feed/", "/sections/nope/feed/atom/", "/authors/nope/feed/",
            "/authors/nope/feed/atom/", "/tags/nope/feed/", "/tags/nope/feed/atom/"],
)  # fmt: skip
def test_feed_of_a_missing_section_author_or_tag_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/tags/merger-talks/feed/", "/tags/merger-talks/feed/atom/"])
def test_feed_of_a_tag_used_only_by_unpublished_stories_is_404(client, url):
    """The feed would confirm what a draft or an embargoed story is about (issue 19)."""
    ArticleFactory(tags=["merger-talks"], draft=True)
    ArticleFactory(tags=["merger-talks"], scheduled=True)
    ArticleFactory(tags=["merger-talks"], trashed_at=timezone.now())
    assert client.get(url).status_code == 404
    ArticleFactory(tags=["merger-talks"], headline="Public merger story")
    assert [entry.title for entry in parse(client, url).entries] == ["Public merger story"]


def test_guid_survives_a_renamed_article(client, article):
    before = parse(client, "/feed/").entries[0].id
    article.slug = "a-new-slug"
    article.save()
    entry = parse(client, "/feed/").entries[0]
    assert entry.id == before
    assert entry.link.endswith("/a-new-slug/")


def test_every_page_links_its_feeds_and_the_links_work(client, article):
    author = article.byline_authors[0]
    expected = {
        "/": ["/feed/", "/feed/atom/"],
        article.get_absolute_url(): ["/feed/", "/feed/atom/", "/sections/technology/feed/",
                                     "/sections/technology/feed/atom/"],
        "/sections/technology/": ["/feed/", "/feed/atom/", "/sections/technology/feed/",
                                  "/sections/technology/feed/atom/"],
        author.get_absolute_url(): ["/feed/", "/feed/atom/", f"/authors/{author.slug}/feed/",
                                    f"/authors/{author.slug}/feed/atom/"],
        "/tags/privacy/": ["/feed/", "/feed/atom/", "/tags/privacy/feed/",
                           "/tags/privacy/feed/atom/"],
    }  # fmt: skip
    for page, feeds in expected.items():
        doc = lxml_html.fromstring(client.get(page).content)
        links = doc.xpath("//head/link[@rel='alternate']")
        assert [link.get("href") for link in links] == feeds, page
        for link in links:
            assert link.get("type") in {"application/rss+xml", "application/atom+xml"}
            assert link.get("title")
            parse(client, link.get("href"))


def _archive(size: int, section, author) -> None:
    for _ in range(size):
        ArticleFactory(section=section, authors=[author, AuthorFactory()], tags=["privacy", "x"])


def test_feed_query_count_does_not_grow_with_the_archive(client, section, author):
    urls = [
        "/feed/", "/feed/atom/", "/sections/technology/feed/", "/sections/technology/feed/atom/",
        f"/authors/{author.slug}/feed/", f"/authors/{author.slug}/feed/atom/",
        "/tags/privacy/feed/", "/tags/privacy/feed/atom/",
    ]  # fmt: skip
    _archive(2, section, author)
    small = {url: queries_for(client, url) for url in urls}
    _archive(25, section, author)
    large = {url: queries_for(client, url) for url in urls}
    assert large == small
    # Items, bylines, tags, the feed's object, the scheduling horizon of the cached copy, and
    # the brand (channel image; kept as a fragment after the first feed).
    assert max(small.values()) <= 6


def test_site_relative_links_and_images_in_the_body_become_absolute(client):
    ArticleFactory(
        body='<p><a href="/sections/x/">x</a> <a href="//cdn.example/a">a</a>'
        '<img src="/media/body/chart.png" alt="Chart"></p>',
    )
    for url in ["/feed/", "/feed/atom/"]:
        content = parse(client, url).entries[0].content[0].value
        assert f'href="{SITE}/sections/x/"' in content
        assert 'href="//cdn.example/a"' in content
        assert f'src="{SITE}/media/body/chart.png"' in content


def test_story_without_byline_is_credited_to_the_publication_in_atom(client):
    ArticleFactory(authors=[])
    feed = parse(client, "/feed/atom/")
    assert feed.feed.author == "Newsroom"
    assert "author" not in parse(client, "/feed/").entries[0]


def test_enclosure_lengths_are_read_from_storage_once(client, rich_article, monkeypatch):
    image = rich_article.lead_image
    image.make_renditions()
    social = image.renditions_of("social")[-1]
    sizes = []
    original_size = FileSystemStorage.size

    def counting_size(storage, name):
        sizes.append(name)
        return original_size(storage, name)

    monkeypatch.setattr(FileSystemStorage, "size", counting_size)
    first = parse(client, "/feed/?one")
    second = parse(client, "/feed/atom/?two")
    for feed in (first, second):
        (enclosure,) = feed.entries[0].enclosures
        assert enclosure.href == f"{SITE}{image.rendition_url(social, 'jpg')}"
        assert enclosure.length == str(original_size(default_storage, sizes[0]))
    assert len(sizes) == 1


def test_an_image_without_renditions_encloses_the_original_with_its_length(client, section):
    from images.models import Image

    article = ArticleFactory(section=section, lead_image=ImageFactory(size=(40, 30)))
    Image.objects.filter(pk=article.lead_image_id).update(renditions_key="")
    (entry,) = parse(client, "/feed/").entries
    (enclosure,) = entry.enclosures
    assert enclosure.href.endswith(article.lead_image.file.url)
    assert enclosure.length == str(article.lead_image.file_size)
