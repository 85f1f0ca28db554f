"""The site header and footer as `pages.chrome_markup` writes them: links, the current section,
sub-menus, the logo, the reader's query and every value escaped."""

from types import SimpleNamespace

import pytest

from pages.chrome_markup import site_footer, site_header
from pages.menus import Link

SOCIAL = [("X", "https://x.example/newsroom"), ("Fediverse", "https://social.example/@nr")]
SECTIONS = [
    Link("Technology", "/sections/technology/", 1),
    Link("Science", "/sections/science/", 2),
]


def _header(**values) -> str:
    values = {
        "links": SECTIONS,
        "menu_is_custom": False,
        "brand": None,
        "site_name": "Newsroom",
        "social_links": SOCIAL,
        **values,
    }
    return site_header(**values)


def test_the_header_links_home_the_sections_twice_and_connect_twice():
    html = _header()
    assert '<a class="site-title" href="/">Newsroom</a>' in html
    # The wide header's navigation and the phones' "Menu" each list every section.
    assert html.count('<a href="/sections/technology/">Technology</a>') == 2
    assert '<nav class="section-nav" aria-label="Sections">' in html
    assert html.count("Connect with us") == 2 and html.count('rel="me noopener"') == 4
    assert 'aria-labelledby="connect-label"' in html and 'id="menu-connect-label"' in html
    assert 'id="site-search"' in html and 'id="menu-search"' in html
    assert html.count('<a href="/feed/">RSS</a>') == 2
    assert "aria-current" not in html


def test_the_section_being_shown_is_the_current_page_in_both_lists():
    html = _header(current_section_id=2)
    assert html.count('<a href="/sections/science/" aria-current="page">Science</a>') == 2
    assert html.count("aria-current") == 2


def test_a_custom_menu_nests_its_sub_items_and_marks_a_current_child():
    gadgets = Link("Gadgets", "/sections/gadgets/", 7)
    menu = [Link("Tech", "/sections/tech/", 6, (gadgets,)), Link("About", "/pages/about/")]
    html = _header(links=menu, menu_is_custom=True, current_section_id=7)
    assert '<nav class="section-nav" aria-label="Main">' in html
    assert '<li class="section-nav__group"><a href="/sections/tech/">Tech</a>' in html
    assert '<ul class="section-nav__sub"><li><a href="/sections/gadgets/" aria-current' in html
    assert '<ul><li><a href="/sections/gadgets/" aria-current' in html  # the phones' menu
    assert html.count('<li><a href="/pages/about/">About</a></li>') == 2


def test_a_logo_replaces_the_name_and_keeps_it_as_its_text():
    brand = SimpleNamespace(header_logo_url="/media/brand/logo.svg", logo_width=180, logo_height=40)
    html = _header(brand=brand, site_name="The Daily <Tide>")
    assert (
        '<img class="site-title__logo" src="/media/brand/logo.svg" alt="The Daily &lt;Tide&gt;"'
        ' width="180" height="40">'
    ) in html
    assert "<Tide>" not in html


@pytest.mark.parametrize(
    "values",
    [
        {"site_name": '<script>"n"</script>'},
        {"query": '"><script>q</script>'},
        {"links": [Link("<b>Tech</b>", '/x/"onmouseover="y', 1)]},
        {"social_links": [("<i>X</i>", 'https://x.example/"q')]},
    ],
)
def test_every_value_is_escaped(values):
    html = _header(**values)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert '"onmouseover' not in html and '/"q' not in html


def test_the_reader_s_query_stays_in_both_search_boxes():
    html = _header(query="solar & wind")
    assert html.count('value="solar &amp; wind"') == 2


def test_the_footer_lists_the_sections_the_feed_and_the_corrections():
    html = site_footer(
        links=SECTIONS,
        menu_is_custom=False,
        site_name="Newsroom",
        site_description="News & views",
    )
    assert '<p class="site-footer__name">Newsroom — News &amp; views</p>' in html
    assert '<li><a href="/sections/science/">Science</a></li>' in html
    assert '<a href="/feed/">RSS feed</a>' in html and '<a href="/corrections/">' in html
    assert '<a class="to-top" href="#top">To top</a>' in html


def test_a_custom_footer_menu_is_all_the_footer_lists():
    menu = [Link("Contact", "/pages/contact/")]
    html = site_footer(links=menu, menu_is_custom=True, site_name="N", site_description="D")
    assert '<li><a href="/pages/contact/">Contact</a></li>' in html
    assert "RSS feed" not in html and "Corrections" not in html
