"""Values every public page shows (brand, menus, navigation, live stories): one query for all.

`core.site_values` reads them together as JSON rows of one `UNION ALL`; these tests hold it to
what the four queries it replaced gave (types, relations, order, draft pages left out), to one
query per cold page, to each value's own cache entry and tags, and to the edits of a request.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.article_page import _article_for_page
from articles.context_processors import kept_navigation_sections
from branding.brand import current_brand
from branding.models import Brand
from core import site_values
from core.cache import pages, versions
from core.cache.fragments import not_kept
from core.cache.tags import BRAND
from core.cache.versions import bump, request_scope
from liveblog.models import LiveBlog
from liveblog.reading import LIVE_BLOGS, live_states
from pages.menus import menu_links
from pages.models import MenuItem, Page
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
HEADER, FOOTER = MenuItem.Menu.HEADER, MenuItem.Menu.FOOTER


@pytest.fixture
def site(section):
    """A brand, both menus (a section, a published and a draft page, a URL, a sub-item),
    a hidden section and a live blog."""
    Brand.objects.create(
        theme_colour="#123456",
        logo_svg="branding/logo.svg",
        logo_width=240,
        logo_height=48,
        logo_png="branding/logo.png",
        publisher_logo_width=600,
        publisher_logo_height=60,
        icons={"32": "branding/icon-32.png", "180": "branding/icon-180.png"},
    )
    science = SectionFactory(name="Science", slug="science", position=2)
    SectionFactory(name="Hidden", slug="hidden", show_in_navigation=False)
    about = Page.objects.create(slug="about", title="About us", status=Page.Status.PUBLISHED)
    draft = Page.objects.create(slug="soon", title="Coming soon")
    top = MenuItem.objects.create(menu=HEADER, section=science, position=1)
    MenuItem.objects.create(menu=HEADER, url="https://shop.example/", label="Shop", position=0)
    MenuItem.objects.create(menu=HEADER, page=about, parent=top, label="")
    MenuItem.objects.create(menu=FOOTER, page=draft)
    MenuItem.objects.create(menu=FOOTER, url="/corrections/", label="Fixes")
    story = ArticleFactory(section=section)
    LiveBlog.objects.create(article=story)
    return story


@pytest.fixture
def cold(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


def union_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if "_site_value" in query["sql"]]


def test_the_values_are_what_their_own_queries_gave(site):
    brand = current_brand()
    assert brand.theme_colour == "#123456"
    assert brand.header_logo_url.endswith("branding/logo.svg")
    assert brand.publisher_logo_size == (600, 60)
    assert (brand.logo_width, brand.logo_height) == (240, 48)
    assert set(brand.icon_urls) == {32, 180} and brand.favicon_url.endswith("icon-32.png")

    header = menu_links(HEADER)
    assert [link.text for link in header] == ["Shop", "Science"]
    assert header[1].href == "/sections/science/" and header[1].section_id is not None
    assert [(link.text, link.href) for link in header[1].children] == [("About us", "/about/")]
    assert [link.text for link in menu_links(FOOTER)] == ["Fixes"]  # the draft page left out

    sections = kept_navigation_sections()
    assert "Hidden" not in [section.name for section in sections]
    assert [section.position for section in sections] == sorted(s.position for s in sections)
    assert all(section.show_in_navigation is True for section in sections)  # not SQLite's 1

    assert live_states() == {site.pk: LiveBlog.State.LIVE}


def test_a_cold_page_reads_them_all_in_one_query(client, site, cold):
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert len(union_queries(captured)) == 1
    assert 'content="#123456"' in html  # the brand's theme colour
    assert "https://shop.example/" in html and "/sections/science/" in html
    others = [query["sql"] for query in captured if "_site_value" not in query["sql"]]
    for table in ("branding_brand", "pages_menuitem", "liveblog_liveblog"):
        assert not [sql for sql in others if f'FROM "{table}"' in sql]


def test_a_cold_article_page_brings_them_with_the_article(client, site, cold):
    """The article's own statement carries the values (`with_site_values()`): no statement
    of their own, and the page shows what the union's values show."""
    url = site.get_absolute_url()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    statements = [query["sql"] for query in captured]
    assert len(union_queries(captured)) == 1
    (carrier,) = union_queries(captured)
    assert '"articles_article"."id" = ' in carrier and '"site_rows"' in carrier
    for table in ("branding_brand", "pages_menuitem"):  # (a live story reads its own blog)
        assert [sql for sql in statements if f'FROM "{table}"' in sql] == [carrier]
    assert 'content="#123456"' in html
    assert "https://shop.example/" in html and "/sections/science/" in html
    assert "Coming soon" not in html  # the draft page still left out of the footer
    assert '<span class="live-badge">Live</span>' in html  # the live stories' value


def test_offered_values_are_the_unions_values(site, cold):
    carried = _article_for_page(pk=site.pk, now=site.published_at)[0].site_values
    generation, names, pairs = carried
    assert generation == site_values._generation
    assert names == sorted(site_values._registry)  # every value, those without rows too
    assert site_values._made(names, pairs).keys() == set(names)
    with request_scope():
        site_values.offer(carried)
        with CaptureQueriesContext(connection) as captured:
            brand, live = current_brand(), live_states()
            header = menu_links(HEADER)
    assert captured.captured_queries == []  # all made from the offered rows
    assert brand.theme_colour == "#123456" and live == {site.pk: LiveBlog.State.LIVE}
    assert [link.text for link in header] == ["Shop", "Science"]


def test_an_offer_outside_a_request_or_of_nothing_is_ignored(site, cold):
    site_values.offer(None)
    site_values.offer([site_values._generation, ["brand"], None])  # no request: not kept
    with CaptureQueriesContext(connection) as captured:
        assert current_brand().theme_colour == "#123456"
    assert len(union_queries(captured)) == 1


@pytest.fixture
def article_query_compiled_again():
    yield
    _article_for_page.forget()  # compiled under this test's registration: the next test's own


def test_rows_read_before_a_value_was_registered_again_are_not_offered(
    site, cold, article_query_compiled_again
):
    carried = _article_for_page(pk=site.pk, now=site.published_at)[0].site_values
    brand = site_values._registry["brand"]
    site_values.register(
        "brand",
        tags=brand.tags,
        rows=brand.rows,
        fields=brand.fields,
        make=brand.make,
        lifetime=brand.lifetime,
    )
    with request_scope():
        site_values.offer(carried)  # compiled under the registration before
        with CaptureQueriesContext(connection) as captured:
            assert current_brand().theme_colour == "#123456"
    assert len(union_queries(captured)) == 1  # read afresh


def test_without_any_row_every_value_is_empty():
    assert current_brand() is None
    assert menu_links(HEADER) == []
    assert live_states() == {}


def test_kept_values_need_no_query_until_an_edit_retires_one(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert union_queries(captured) == []
    MenuItem.objects.filter(label="Fixes").update(label="Our fixes")
    bump(["menus"])
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert len(union_queries(captured)) == 1 and "Our fixes" in html


def test_a_page_depends_only_on_the_values_it_asked_for(site):
    record = pages._PageRecord()
    token = pages._dependencies.set(record)
    try:
        with versions.request_scope():
            current_brand()
            assert record.tags == {BRAND}
            live_states()
    finally:
        pages._dependencies.reset(token)
    assert record.tags == {BRAND, LIVE_BLOGS}


def test_a_request_reads_once_and_sees_its_own_edits(site, cold):
    with versions.request_scope(), CaptureQueriesContext(connection) as captured:
        current_brand()
        menu_links(HEADER)
        kept_navigation_sections()
        assert len(union_queries(captured)) == 1
        Brand.objects.update(theme_colour="#654321")
        bump([BRAND])  # what the brand's signal does: the request forgets what it read
        assert current_brand().theme_colour == "#654321"
    assert len(union_queries(captured)) == 2


def test_a_page_made_from_unsaved_data_reads_afresh(site, cold):
    with versions.request_scope():
        current_brand()
        Brand.objects.update(theme_colour="#000000")
        with not_kept():
            assert current_brand().theme_colour == "#000000"


def test_fields_json_would_carry_as_text_are_refused():
    with pytest.raises(ValueError, match="updated_at"):
        site_values.register(
            "brand-dates",
            tags=[BRAND],
            rows=Brand.objects.all,
            fields=["id", "updated_at"],
            make=list,
        )
    assert "brand-dates" not in site_values._registry
