import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import article_page
from core.cache.tags import tag_for_pk
from images.models import Image
from richtext import rendering
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db


def test_article_page_has_every_part_of_the_reference_page(client, section, author):
    other_author = AuthorFactory(name="Ravi Ode", bio="Ravi Ode writes about science.")
    neighbours = [ArticleFactory(section=section, tags=["privacy"]) for _ in range(3)]
    article = ArticleFactory(
        headline="Messaging app tightens rules: what “public” now means?",
        standfirst="Accounts face new checks.",
        body="<p>Intro.</p><h2>WeChat public accounts</h2><p>More.</p><h2>China's crackdown</h2>",
        section=section,
        authors=[author, other_author],
        tags=["privacy", "regulation"],
        lead_image=ImageFactory(
            alt_text="A phone screen",
            caption="The new settings screen.",
            credit="Photo: Newsroom",
        ),
        updated_at=timezone.now(),
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count("<h1") == 1
    assert "Messaging app tightens rules: what “public” now means?" in html
    assert "Accounts face new checks." in html
    assert "Connect with us" in html
    assert f'href="{section.get_absolute_url()}"' in html
    assert f'href="{author.get_absolute_url()}" rel="author">Mara Quill</a>' in html
    assert f'href="{other_author.get_absolute_url()}" rel="author">Ravi Ode</a>' in html
    assert "<time" in html and "Updated" in html
    assert 'alt="A phone screen"' in html
    assert "The new settings screen." in html and "Photo: Newsroom" in html
    assert "<h2>WeChat public accounts</h2>" in html
    assert 'href="/tags/regulation/"' in html
    assert "About Mara Quill" in html and "Mara Quill covers tech and gaming news." in html
    assert "About Ravi Ode" in html
    assert "More in Technology" in html
    for neighbour in neighbours:
        assert neighbour.get_absolute_url() in html
    assert re.search(r'<body id="top">', html)
    assert 'href="#top">To top</a>' in html


def test_byline_author_order_is_the_editors(client, section):
    first = AuthorFactory(name="Zed Last")
    second = AuthorFactory(name="Amy First")
    article = ArticleFactory(section=section, authors=[first, second])
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Zed Last") < html.index("Amy First")


def test_updated_is_not_shown_for_an_unedited_article(client, article):
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()


def test_draft_answers_404(client):
    article = ArticleFactory(draft=True)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_answers_404_until_its_time(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unknown_article_answers_404(client):
    response = client.get("/articles/999999/nothing/")
    assert response.status_code == 404
    assert "couldn’t find that page" in response.content.decode()


def test_old_slug_redirects_permanently_to_the_current_url(client, article):
    old_url = article.get_absolute_url()
    article.slug = "a-better-slug"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_shortlink_redirects_to_the_article(client, article):
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_body_html_is_rendered_not_escaped(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>What happened</h2>" in html


def test_headline_is_escaped(client, section):
    article = ArticleFactory(section=section, headline="<script>alert(1)</script> & more")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def _archive(size: int):
    sections = [SectionFactory(slug=f"s{index}") for index in range(3)]
    child = SectionFactory(slug="child", parent=sections[0])
    image = ImageFactory()  # lead images and portraits: any lookup per item would show
    authors = [AuthorFactory(photo=image) for _ in range(3)]
    articles = [
        ArticleFactory(
            section=[*sections, child][index % 4],
            authors=[authors[index % 3], authors[(index + 1) % 3]],
            tags=[f"tag{index % 5}", "shared"],
            lead_image=image,
        )
        for index in range(size)
    ]
    articles[0].related.add(articles[1], articles[2], through_defaults={"position": 0})
    return articles


@pytest.mark.parametrize("size", [5, 50])
def test_article_page_query_count_is_fixed(client, size, django_assert_max_num_queries):
    """A page-cache miss once the site-wide pieces (navigation, section blocks) are warm."""
    articles = _archive(size)
    client.get(articles[-1].get_absolute_url())
    with django_assert_max_num_queries(8):
        client.get(articles[0].get_absolute_url())


@pytest.mark.parametrize("size", [9, 50])  # with fewer, "More in" fills from other sections
def test_article_page_on_a_cold_cache_stays_small(client, size):
    """Everything cold: the page, the widgets, the navigation and the scheduling horizon.

    Three queries: the article with its bylines and tags, the values every page shows (brand,
    menus, navigation, live stories: core/site_values.py), and "More in" with the section
    blocks' rows in one statement; a fourth for a story with picks.
    """
    articles = _archive(size)
    assert queries_for(client, articles[0].get_absolute_url()) == 4  # with picks
    assert queries_for(client, articles[-1].get_absolute_url()) == 3


def test_article_page_costs_the_same_with_9_and_50_articles(client):
    """(With fewer, the section blocks have no story left to show, and fetch none.)"""
    small = queries_for(client, _archive(9)[0].get_absolute_url())
    large = queries_for(client, _archive(45)[0].get_absolute_url())
    assert small == large


def test_links_follow_a_changed_slug_at_once(section):
    article = ArticleFactory(section=section, slug="first")
    assert article.get_absolute_url() == f"/articles/{article.pk}/first/"
    article.slug = "second"
    assert article.get_absolute_url() == f"/articles/{article.pk}/second/"


def test_non_latin_slugs_are_quoted_in_links(section):
    article = ArticleFactory(section=section, headline="Новости дня", slug="")
    assert article.get_absolute_url() == (
        f"/articles/{article.pk}/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8-%D0%B4%D0%BD%D1%8F/"
    )


def test_a_story_without_corrections_or_picks_reads_neither(client, section, settings):
    """Most stories have none: the article's own row says so, and their queries are skipped."""
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = False
    plain, picked = ArticleFactory(section=section), ArticleFactory(section=section)
    picked.related.add(plain, through_defaults={"position": 0})
    picked.corrections.create(text="The date was wrong.")

    def tables_read(article) -> str:
        with CaptureQueriesContext(connection) as captured:
            html = client.get(article.get_absolute_url()).content.decode()
        return html, " ".join(query["sql"] for query in captured)

    corrections = 'SELECT "articles_correction"."id"'
    html, sql = tables_read(plain)
    assert corrections not in sql and '"articles_relatedarticle"."position"' not in sql
    html, sql = tables_read(picked)
    assert "The date was wrong." in html and corrections in sql
    assert "Picked by the editors" in html or plain.headline in html
    assert '"articles_relatedarticle"."position"' in sql


@pytest.mark.parametrize("kept", [True, False], ids=["caches on", "caches off"])
def test_the_page_works_out_what_it_shows_once_per_request(client, section, settings, kept):
    """The view and the three kept parts of the page need the same dependency tags (the
    article's, its section's, authors', tags' and body images'): the body is scanned for its
    images once per request, however many ask."""
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = kept
    image = ImageFactory()
    article = ArticleFactory(
        section=section,
        tags=["harbour"],
        body=f'<p>Intro.</p><figure data-image-id="{image.pk}" data-alt="A quay"></figure>',
    )
    scanned = []
    original = rendering.image_ids
    with mock.patch.object(
        rendering, "image_ids", lambda html: scanned.append(html) or original(html)
    ):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(scanned) == 2  # the page's dependencies, then the body's images to show them
    assert tag_for_pk(Image, image.pk) in article_page.shown_tags(article)  # still shown
