"""The rendered public pages keep the markup rules of docs/accessibility.md.

These run on the test client (no browser), so they are quick and run on every change. The browser
side (axe-core, widths, keyboard, print) is tests/browser/test_accessibility.py.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from richtext import rendering
from richtext.rendering import scrollable_tables
from tests.factories import ArticleFactory
from tests.public_pages import public_page_urls, seed_demo_site

pytestmark = pytest.mark.django_db

LANDMARKS = ("header", "nav", "main", "footer")
# Script types that a browser executes; anything else (JSON-LD) is a data block.
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}
RESOURCE_ATTRIBUTES = {"img": "src", "script": "src", "source": "srcset", "iframe": "src"}


@dataclass
class Page:
    """What the accessibility rules need to know about one HTML document."""

    lang: str | None = None
    tags: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)
    images_without_alt: list[str] = field(default_factory=list)
    times_without_datetime: int = 0
    inline_styles: list[str] = field(default_factory=list)
    event_handlers: list[str] = field(default_factory=list)
    inline_scripts: int = 0
    blocking_scripts: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._link: list | None = None
        self._script_src: str | None = None
        self._script_executable = False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        page = self.page
        page.tags.append(tag)
        if tag == "html":
            page.lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            page.headings.append(int(tag[1]))
        if "id" in attributes:
            page.ids.append(attributes["id"])
        if "style" in attributes:
            page.inline_styles.append(tag)
        page.event_handlers += [f"{tag}[{name}]" for name in attributes if name.startswith("on")]
        hidden = attributes.get("aria-hidden") == "true" and attributes.get("tabindex") == "-1"
        if tag == "a" and "href" in attributes and not hidden:  # hidden duplicates are skipped
            self._link = ["", attributes["href"]]
        if tag == "img":
            if "alt" not in attributes:
                page.images_without_alt.append(attributes.get("src", "?"))
            if self._link is not None:
                self._link[0] += attributes.get("alt") or ""
        if tag == "time" and not attributes.get("datetime"):
            page.times_without_datetime += 1
        if tag == "link" and attributes.get("rel") in {"stylesheet", "icon", "preload"}:
            page.resources.append(attributes.get("href", ""))
        if tag in RESOURCE_ATTRIBUTES and attributes.get(RESOURCE_ATTRIBUTES[tag]):
            page.resources += [
                candidate.split()[0]
                for candidate in attributes[RESOURCE_ATTRIBUTES[tag]].split(",")
                if candidate.strip()
            ]
        if tag == "script":
            self._in_script = True
            self._script_src = attributes.get("src")
            self._script_executable = (attributes.get("type") or "") in EXECUTABLE_SCRIPT_TYPES
            deferred = "defer" in attributes or attributes.get("type") == "module"
            if self._script_executable and self._script_src and not deferred:
                page.blocking_scripts.append(self._script_src)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "a" and self._link is not None:
            text = " ".join(self._link[0].split())
            self.page.links.append((text, self._link[1]))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[0] += data
        inline = self._in_script and self._script_executable and not self._script_src
        if inline and data.strip():
            self.page.inline_scripts += 1


def parse(html: str) -> Page:
    parser = PageParser()
    parser.feed(html)
    return parser.page


@pytest.fixture
def pages(client) -> dict[str, Page]:
    seed_demo_site()
    rendered = {}
    for name, url in public_page_urls().items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        rendered[name] = parse(response.content.decode())
    return rendered


def test_every_page_declares_its_language_and_has_the_landmarks(pages):
    for name, page in pages.items():
        assert page.lang == "en", name
        missing = [landmark for landmark in LANDMARKS if landmark not in page.tags]
        assert not missing, f"{name} lacks {missing}"
        assert page.tags.count("main") == 1, name


def test_every_page_has_one_h1_and_never_skips_a_heading_level(pages):
    for name, page in pages.items():
        assert page.headings.count(1) == 1, f"{name}: {page.headings}"
        assert page.headings[0] == 1, f"{name} starts with h{page.headings[0]}"
        skips = [
            f"h{before}→h{after}"
            for before, after in zip(page.headings, page.headings[1:], strict=False)
            if after > before + 1
        ]
        assert not skips, f"{name} skips heading levels: {skips}"


def test_the_skip_link_comes_first_and_points_at_main(pages):
    for name, page in pages.items():
        text, href = page.links[0]
        assert (text, href) == ("Skip to content", "#content"), name
        assert "content" in page.ids, name


def test_same_link_text_always_leads_to_the_same_place(pages):
    """WCAG 2.4.4: a link's text says where it goes, so one text never means two targets."""
    for name, page in pages.items():
        targets: dict[str, set[str]] = {}
        for text, href in page.links:
            assert text, f"{name}: a link to {href} has no text"
            targets.setdefault(text.casefold(), set()).add(href)
        ambiguous = {text: hrefs for text, hrefs in targets.items() if len(hrefs) > 1}
        assert not ambiguous, f"{name}: {ambiguous}"


def test_images_have_alt_text_and_dates_are_machine_readable(pages):
    for name, page in pages.items():
        assert not page.images_without_alt, f"{name}: {page.images_without_alt}"
        assert page.times_without_datetime == 0, name
    assert "time" in pages["article"].tags


def test_pages_have_no_inline_script_style_attribute_or_event_handler(pages):
    """A strict nonce-based CSP is coming: everything must live in external files."""
    for name, page in pages.items():
        assert page.inline_scripts == 0, name
        assert not page.inline_styles, f"{name}: style attribute on {page.inline_styles}"
        assert not page.event_handlers, f"{name}: {page.event_handlers}"
        assert not page.blocking_scripts, f"{name}: scripts without defer {page.blocking_scripts}"
        assert "style" not in page.tags, f"{name} has a <style> element"


def test_every_resource_a_page_loads_comes_from_our_own_origin(pages):
    for name, page in pages.items():
        assert page.resources, name
        foreign = [url for url in page.resources if urlsplit(url).netloc or url.startswith("//")]
        assert not foreign, f"{name} loads {foreign}"


def test_the_parser_catches_what_the_rules_forbid():
    page = parse(
        '<html><body><h1>A</h1><h3>B</h3><a href="/a">More</a><a href="/b">More</a>'
        '<img src="x.png"><p style="color:red" onclick="go()">x</p><time>today</time>'
        '<script>alert(1)</script><script type="application/ld+json">{}</script>'
        '<script src="/s.js"></script><img src="https://cdn.example.com/x.png" alt="">'
    )
    assert page.headings == [1, 3]
    assert page.links == [("More", "/a"), ("More", "/b")]
    assert page.images_without_alt == ["x.png"]
    assert page.inline_styles == ["p"] and page.event_handlers == ["p[onclick]"]
    assert page.times_without_datetime == 1
    assert page.inline_scripts == 1
    assert page.blocking_scripts == ["/s.js"]
    assert "https://cdn.example.com/x.png" in page.resources


def test_article_tables_sit_in_a_focusable_labelled_scroll_box(client):
    article = ArticleFactory(body="<p>Sales</p><table><tr><td>1</td></tr></table>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<div class="scroll-box" role="region" tabindex="0" '
        'aria-label="Table (scrolls sideways)"><table>'
    ) in html
    assert "</table></div>" in html


def test_scrollable_tables_leaves_a_body_without_tables_alone():
    body = "<p>No tables <em>here</em>.</p>"
    assert scrollable_tables(body) == body


def test_a_body_without_tables_is_not_scanned_by_the_expression(monkeypatch):
    class Refusing:
        def sub(self, *args, **kwargs):
            raise AssertionError("the expression ran over a body without tables")

    monkeypatch.setattr(rendering, "_TABLE", Refusing())
    body = "<p>No tables <em>here</em>.</p>" * 100
    assert scrollable_tables(body) is body
