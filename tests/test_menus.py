"""Header and footer menus: edited in the admin, cached, and sections when there is no menu."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import MenuItem, Page
from tests.factories import SectionFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db
HEADER, FOOTER = MenuItem.Menu.HEADER, MenuItem.Menu.FOOTER


def header_nav(html: str) -> str:
    return html.split('class="section-nav"', 1)[1].split("</nav>", 1)[0]


def footer(html: str) -> str:
    return html.split('class="site-footer"', 1)[1]


def test_without_menus_the_header_lists_the_top_level_sections(client):
    SectionFactory(name="Science", slug="science")
    html = client.get("/").content.decode()
    assert 'aria-label="Sections"' in html
    assert '<a href="/sections/science/">Science</a>' in header_nav(html)
    assert '<a href="/corrections/">Corrections</a>' in footer(html)


def test_header_menu_replaces_the_sections(client):
    science = SectionFactory(name="Science", slug="science")
    SectionFactory(name="Hidden", slug="hidden")
    about = Page.objects.create(slug="about", title="About us", status=Page.Status.PUBLISHED)
    MenuItem.objects.create(menu=HEADER, section=science, position=1)
    MenuItem.objects.create(menu=HEADER, page=about, position=2, label="Who we are")
    MenuItem.objects.create(menu=HEADER, url="https://shop.example/", label="Shop", position=0)
    nav = header_nav(client.get("/").content.decode())
    assert "Hidden" not in nav
    assert nav.index("Shop") < nav.index("Science") < nav.index("Who we are")
    assert 'href="/about/"' in nav and 'href="https://shop.example/"' in nav


def test_header_sub_items_sit_under_their_parent(client):
    tech = SectionFactory(name="Technology", slug="technology")
    gaming = SectionFactory(name="Gaming", slug="gaming", parent=tech)
    top = MenuItem.objects.create(menu=HEADER, section=tech)
    MenuItem.objects.create(menu=HEADER, section=gaming, parent=top)
    nav = header_nav(client.get("/").content.decode())
    assert 'class="section-nav__group"' in nav
    sub = nav.split('class="section-nav__sub"', 1)[1]
    assert '<a href="/sections/gaming/">Gaming</a>' in sub


def test_current_section_is_marked_in_the_menu(client):
    science = SectionFactory(name="Science", slug="science")
    MenuItem.objects.create(menu=HEADER, section=science)
    html = client.get("/sections/science/").content.decode()
    assert 'href="/sections/science/" aria-current="page"' in header_nav(html)


def test_footer_menu_replaces_the_default_footer_links(client):
    MenuItem.objects.create(menu=FOOTER, url="/corrections/", label="Fixes")
    html = footer(client.get("/").content.decode())
    assert '<a href="/corrections/">Fixes</a>' in html
    assert "RSS feed" not in html


def test_draft_pages_are_left_out_of_menus(client):
    draft = Page.objects.create(slug="soon", title="Coming soon")
    MenuItem.objects.create(menu=FOOTER, page=draft)
    assert "Coming soon" not in client.get("/").content.decode()


def test_menu_change_shows_on_cached_pages_at_once(client):
    client.get("/")
    item = MenuItem.objects.create(menu=HEADER, url="/corrections/", label="Fixes")
    assert "Fixes" in header_nav(client.get("/").content.decode())
    item.label = "Our fixes"
    item.save()
    assert "Our fixes" in header_nav(client.get("/").content.decode())
    item.delete()
    assert "Fixes" not in client.get("/").content.decode()


def test_page_rename_updates_menu_links(client):
    about = Page.objects.create(slug="about", title="About", status=Page.Status.PUBLISHED)
    MenuItem.objects.create(menu=FOOTER, page=about)
    client.get("/")
    about.slug = "about-us"
    about.save()
    assert 'href="/about-us/"' in footer(client.get("/").content.decode())


def test_section_rename_updates_menu_links(client):
    science = SectionFactory(name="Science", slug="science")
    MenuItem.objects.create(menu=HEADER, section=science)
    client.get("/")
    science.name = "Sciences"
    science.save()
    assert ">Sciences</a>" in header_nav(client.get("/").content.decode())


@pytest.mark.parametrize("items", [2, 20])
def test_menus_cost_no_queries_once_cached(client, items):
    for number in range(items):
        section = SectionFactory(name=f"Desk {number}", slug=f"desk-{number}")
        MenuItem.objects.create(menu=HEADER, section=section, position=number)
        MenuItem.objects.create(menu=FOOTER, url=f"/desk-{number}/", label=f"D{number}")
    cold = queries_for(client, "/corrections/")
    assert cold <= 8


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "exactly one thing"),
        ({"url": "/a/", "label": "A", "section": "s"}, "exactly one thing"),
        ({"url": "/a/"}, "needs a label"),
    ],
)
def test_menu_item_needs_exactly_one_target(fields, message):
    if fields.get("section"):
        fields["section"] = SectionFactory()
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=HEADER, **fields).full_clean()
    assert message in str(error.value)


@pytest.mark.parametrize("url", ["//evil.example/", "javascript:alert(1)", "/a b/", "ftp://x/"])
def test_menu_item_url_must_be_a_site_path_or_web_address(url):
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=HEADER, url=url, label="X").full_clean()
    assert "url" in error.value.message_dict


def test_sub_items_go_one_level_deep_and_only_in_the_header():
    top = MenuItem.objects.create(menu=HEADER, url="/a/", label="A")
    child = MenuItem.objects.create(menu=HEADER, url="/b/", label="B", parent=top)
    with pytest.raises(ValidationError):
        MenuItem(menu=HEADER, url="/c/", label="C", parent=child).full_clean()
    with pytest.raises(ValidationError):
        MenuItem(menu=FOOTER, url="/c/", label="C", parent=top).full_clean()
    top.parent = MenuItem.objects.create(menu=HEADER, url="/d/", label="D")
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "has sub-items" in str(error.value)
