"""WordPress import: menus rebuilt as the header and footer, links mapped to the new pages."""

import json

import pytest

from articles.models import Article
from importers.models import WordPressMenuItemSource
from pages.menus import menu_links
from pages.models import MenuItem, Page
from tests.test_wordpress_identity import export, post, refused, run
from tests.test_wordpress_pages import BLOG, page

pytestmark = pytest.mark.django_db

DECLARATIONS = """<wp:category><wp:term_id>5</wp:term_id>
<wp:category_nicename>news</wp:category_nicename><wp:cat_name>News</wp:cat_name></wp:category>
<wp:tag><wp:term_id>7</wp:term_id><wp:tag_slug>ferries</wp:tag_slug>
<wp:tag_name>Ferries</wp:tag_name></wp:tag>
<wp:term><wp:term_id>20</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy>
<wp:term_slug>main-menu</wp:term_slug><wp:term_name>Main Menu</wp:term_name></wp:term>"""
TERMS = """<category domain="category" nicename="news">News</category>
<category domain="post_tag" nicename="ferries">Ferries</category>"""


def menu_item(
    post_id: int,
    menu: str,
    *,
    kind: str = "custom",
    obj: str = "custom",
    obj_id: int = 0,
    url: str = "",
    title: str = "",
    parent: int = 0,
    order: int = 1,
) -> str:
    """A nav_menu_item as WordPress writes it: the link lives in post meta."""
    metas = {
        "_menu_item_type": kind,
        "_menu_item_menu_item_parent": parent,
        "_menu_item_object_id": obj_id or post_id,
        "_menu_item_object": obj,
        "_menu_item_target": "",
        "_menu_item_url": url,
    }
    meta = "".join(
        f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key><wp:meta_value><![CDATA[{v}]]>"
        "</wp:meta_value></wp:postmeta>"
        for k, v in metas.items()
    )
    return f"""<item><title>{title}</title><link>{BLOG}/?p={post_id}</link>
<guid isPermaLink="false">{BLOG}/?p={post_id}</guid><wp:post_id>{post_id}</wp:post_id>
<wp:post_name>{post_id}</wp:post_name><wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent><wp:menu_order>{order}</wp:menu_order>
<wp:post_type>nav_menu_item</wp:post_type>
<category domain="nav_menu" nicename="{menu}">{menu.replace("-", " ").title()}</category>
{meta}</item>"""


def site_items() -> list[str]:
    main, foot = "main-menu", "footer-links"
    return [
        post(1, terms=TERMS),
        page(41, "team", parent=40),
        page(40, "about", title="About us"),
        page(42, "hidden", status="draft"),
        menu_item(201, main, kind="post_type", obj="page", obj_id=40, order=1),
        menu_item(202, main, kind="post_type", obj="page", obj_id=41, parent=201, order=2),
        menu_item(203, main, url=f"{BLOG}/about/team/#staff", title="Staff", parent=202, order=3),
        menu_item(204, main, kind="taxonomy", obj="category", obj_id=5, order=4),
        menu_item(205, main, kind="taxonomy", obj="post_tag", obj_id=7, order=5),
        menu_item(206, main, kind="post_type", obj="post", obj_id=1, order=6),
        menu_item(207, main, url="https://example.org/", title="Partner", order=7),
        menu_item(208, main, url=f"{BLOG}/2020/01/story-1/", title="Old link", order=8),
        menu_item(209, main, kind="post_type", obj="page", obj_id=999, order=9),
        menu_item(301, foot, url="mailto:desk@example.org", title="Write to us"),
        menu_item(302, foot, url="/about/", title="About", parent=301, order=2),
        menu_item(401, "social", url="https://social.example/gazette", title="Follow"),
    ]


def links(menu: str) -> list[tuple]:
    return [
        (link.text, link.href, [(c.text, c.href) for c in link.children])
        for link in menu_links(menu)
    ]


def test_menus_are_rebuilt_with_links_mapped_to_pages_sections_tags_and_articles(tmp_path):
    out = run(export(tmp_path / "a.xml", site_items(), declarations=DECLARATIONS))
    story = Article.objects.get(wordpress_source__wp_post_id=1).get_absolute_url()
    assert links("header") == [
        ("About us", "/about/", [("Team", "/about/team/"), ("Staff", "/about/team/#staff")]),
        ("News", "/sections/news/", []),
        ("Ferries", "/tags/ferries/", []),
        ("Ferry timetable changes", story, []),
        ("Partner", "https://example.org/", []),
        ("Old link", story, []),
    ]
    assert links("footer") == [
        ("Write to us", "mailto:desk@example.org", []),
        ("About", "/about/", []),
    ]
    about = MenuItem.objects.get(wordpress_source__wp_post_id=201)
    assert about.page == Page.objects.get(path="about") and about.label == ""  # follows the page
    assert "menu items: 10 created, 2 skipped" in out
    assert "menus: 1 placed in the header, 1 placed in the footer, 1 not placed" in out
    assert "menus nest one level; it sits under About us" in out
    assert "the footer menu has no sub-items" in out
    assert "its page 999 was not imported" in out
    assert "menu 'Social' was not placed (--menus header=social or footer=social)" in out


def test_a_second_run_writes_nothing_and_a_deleted_link_stays_deleted(tmp_path):
    path = export(tmp_path / "a.xml", site_items(), declarations=DECLARATIONS)
    run(path)
    MenuItem.objects.get(label="Partner").delete()
    before = list(MenuItem.objects.values()), list(WordPressMenuItemSource.objects.values())
    out = run(path)
    assert "created" not in out.split("menu items:")[1].split("\n")[0]
    after = list(MenuItem.objects.values()), list(WordPressMenuItemSource.objects.values())
    assert after == before


def test_a_menu_an_editor_made_is_left_alone(tmp_path):
    ours = MenuItem.objects.create(menu=MenuItem.Menu.HEADER, label="Ours", url="/ours/")
    out = run(export(tmp_path / "a.xml", site_items(), declarations=DECLARATIONS))
    assert list(MenuItem.objects.filter(menu="header")) == [ours]
    assert "the header menu has links made in Newsroom; left as it is" in out
    assert [link.text for link in menu_links("footer")] == ["Write to us", "About"]


def test_the_menus_option_chooses_and_refuses_unknown_menus(tmp_path):
    path = export(tmp_path / "a.xml", site_items(), declarations=DECLARATIONS)
    message = refused(path, menus="header=nope")
    assert "'nope', which is not a menu of this export" in message
    assert "main-menu" in message and not MenuItem.objects.exists()
    assert "write header=SLUG" in refused(path, menus="sidebar=social")
    run(path, menus="header=social")
    assert links("header") == [("Follow", "https://social.example/gazette", [])]
    assert not MenuItem.objects.filter(menu="footer").exists()


def test_a_lone_menu_goes_to_the_header_and_a_draft_page_link_is_hidden(tmp_path):
    items = [
        page(42, "hidden", status="draft"),
        menu_item(501, "stuff", kind="post_type", obj="page", obj_id=42),
        menu_item(502, "stuff", url="https://example.org/x", title="X", order=2),
    ]
    run(export(tmp_path / "a.xml", items))
    assert MenuItem.objects.filter(menu="header").count() == 2
    assert [link.text for link in menu_links("header")] == ["X"]


def test_menu_items_are_in_the_report(tmp_path):
    run(
        export(tmp_path / "a.xml", site_items(), declarations=DECLARATIONS),
        report=tmp_path / "r",
    )
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["items_in_file"] == report["items_accounted_for"] == 16
    items = {e["ref"].split(" (")[0]: e for e in report["entries"] if e["kind"] == "menu item"}
    assert items["post 201"]["outcome"] == "created" and items["post 201"]["url"] == "/about/"
    assert items["post 401"]["outcome"] == "skipped"
    assert "was not placed" in items["post 401"]["notes"][0]
    assert "its page 999 was not imported" in items["post 209"]["notes"][0]
    assert report["totals"]["menu item"] == {"created": 10, "skipped": 2}
    assert report["totals"]["page"] == {"created": 3}


def navigation(post_id: int, slug: str, blocks: str, title: str = "Header navigation") -> str:
    """A block theme's `wp_navigation` post: its links are blocks in its content."""
    return f"""<item><title>{title}</title><link>{BLOG}/navigation/{slug}/</link>
<guid isPermaLink="false">{BLOG}/navigation/{slug}/</guid>
<content:encoded><![CDATA[{blocks}]]></content:encoded><wp:post_id>{post_id}</wp:post_id>
<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>
<wp:post_type>wp_navigation</wp:post_type></item>"""


def link_block(label: str, **settings) -> str:
    return f"<!-- wp:navigation-link {json.dumps({'label': label, **settings})} /-->"


NAVIGATION_BLOCKS = "\n".join(
    [
        '<!-- wp:home-link {"label":"Front page"} /-->',
        link_block("About us", type="page", id=40, kind="post-type", url=f"{BLOG}/about/"),
        '<!-- wp:navigation-submenu {"label":"Desks","type":"category","id":5,'
        '"kind":"taxonomy","url":"' + BLOG + '/category/news/"} -->',
        link_block("Ferries", type="tag", id=7, kind="taxonomy", url=f"{BLOG}/tag/ferries/"),
        link_block("The story", type="post", id=1, kind="post-type"),
        "<!-- /wp:navigation-submenu -->",
        link_block("Team", kind="custom", url=f"{BLOG}/about/team/"),
        link_block("Partner", kind="custom", url="https://example.org/"),
        "<!-- wp:page-list /-->",
        "<!-- wp:navigation-link {not json} /-->",
    ]
)


def test_a_block_theme_navigation_becomes_the_header_menu(tmp_path):
    items = [post(1, terms=TERMS), page(41, "team", parent=40), page(40, "about", title="About")]
    path = export(
        tmp_path / "a.xml",
        [*items, navigation(70, "header-navigation", NAVIGATION_BLOCKS)],
        declarations=DECLARATIONS,
    )
    report = tmp_path / "report"
    out = run(path, report=report)
    story = Article.objects.get(wordpress_source__wp_post_id=1).get_absolute_url()
    assert links("header") == [
        ("Front page", "/", []),
        ("About us", "/about/", []),
        ("Desks", "/sections/news/", [("Ferries", "/tags/ferries/"), ("The story", story)]),
        ("Team", "/about/team/", []),
        ("Partner", "https://example.org/", []),
    ]
    assert "navigation links: 7 created" in out and "navigation menus: 1 imported" in out
    assert "post 70 (line" in out and "a page list block (all pages) was not imported" in out
    assert "a navigation-link block with unreadable settings was not imported" in out
    account = json.loads(report.with_suffix(".json").read_text())
    entry = next(e for e in account["entries"] if e["ref"].startswith("post 70 "))
    assert (entry["kind"], entry["outcome"]) == ("navigation", "imported")
    assert account["items_in_file"] == account["items_accounted_for"]

    before = list(MenuItem.objects.values()), list(WordPressMenuItemSource.objects.values())
    out = run(path)
    assert "navigation links: 7 unchanged" in out
    after = list(MenuItem.objects.values()), list(WordPressMenuItemSource.objects.values())
    assert after == before


def test_classic_menus_take_their_places_before_a_navigation_post(tmp_path):
    items = [*site_items(), navigation(70, "navigation", NAVIGATION_BLOCKS, title="Navigation")]
    out = run(export(tmp_path / "a.xml", items, declarations=DECLARATIONS))
    assert links("header")[0][0] == "About us"  # the classic main menu
    assert "menus: 1 placed in the header, 1 placed in the footer, 2 not placed" in out
    assert "navigation menus: 1 skipped" in out and "navigation links: 7 skipped" in out


def test_a_navigation_post_can_be_chosen_with_the_menus_option(tmp_path):
    items = [*site_items(), navigation(70, "navigation", NAVIGATION_BLOCKS, title="Navigation")]
    run(export(tmp_path / "a.xml", items, declarations=DECLARATIONS), menus="header=navigation")
    assert links("header")[0] == ("Front page", "/", [])
