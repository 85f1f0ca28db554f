"""WordPress content conversion, the WXR reader and the mapping rules, without a database."""

import re
from pathlib import Path

import pytest

from core.sanitize import clean_html
from importers.wordpress import wxr
from importers.wordpress.content import autop, convert, plain_text
from importers.wordpress.mapping import headline_for, old_paths, status_for, tags_of
from importers.wordpress.media import find_upload

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"


def test_autop_makes_paragraphs_from_blank_lines_and_breaks_from_single_newlines():
    assert autop("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"


def test_autop_leaves_block_elements_alone_and_wraps_text_inside_blockquotes():
    html = autop("<ul>\n<li>a</li>\n</ul>\n\n<blockquote>Quote one\n\nQuote two</blockquote>")
    assert "<ul>\n<li>a</li>\n</ul>" in html
    assert "<blockquote><p>Quote one</p>\n<p>Quote two</p></blockquote>" in html


def test_preformatted_text_keeps_its_blank_lines():
    assert convert("Intro\n\n<pre>a\n\nb</pre>").html == "<p>Intro</p>\n<pre>a\n\nb</pre>"


def test_caption_with_a_linked_image_and_caption_attribute():
    html = convert(
        '[caption id="a" width="300" caption="Old style"]<a href="https://x.example/a.jpg">'
        '<img src="https://x.example/a.jpg" alt="A" /></a>[/caption]'
    ).html
    assert html == (
        '<figure><a href="https://x.example/a.jpg"><img src="https://x.example/a.jpg" alt="A" />'
        "</a><figcaption>Old style</figcaption></figure>"
    )


def test_block_posts_are_not_autopd():
    html = convert("<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->").html
    assert html == "<p>One\ntwo</p>"


def test_embed_shortcode_becomes_an_embed_and_escaped_shortcodes_print_literally():
    converted = convert("[embed]https://video.example/1[/embed]\n\nWrite [[gallery]] to show one.")
    assert converted.html.startswith(
        '<figure data-embed="link"><a href="https://video.example/1">https://video.example/1</a>'
        "</figure>"
    )
    assert "Write [gallery] to show one." in converted.html
    assert converted.notes == []


YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
EMBED_URLS = [
    (YOUTUBE, "youtube"),
    ("https://vimeo.com/76979871", "vimeo"),
    ("https://wordpress.tv/2023/05/01/a-talk/", "link"),
    ("https://twitter.com/gazette/status/1234567890", "x"),
    ("https://www.facebook.com/gazette/posts/10158", "link"),
    ("https://www.instagram.com/p/CxYz123abc/", "instagram"),
    ("https://unknown-provider.example/story/9", "link"),
]


def embedded(html: str) -> list[tuple[str, str]]:
    """(key, URL) of each embed a body holds once sanitized, as the page will show it."""
    return re.findall(r'<figure data-embed="([\w-]+)"><a href="([^"]+)"', clean_html(html))


@pytest.mark.parametrize(("url", "key"), EMBED_URLS)
def test_every_embed_form_becomes_an_embed_of_its_provider_or_a_link_card(url, key):
    provider = "youtube" if key == "youtube" else "twitter"
    forms = [
        f"[embed]{url}[/embed]",
        f"Before.\n\n{url}\n\nAfter.",  # WordPress's auto-embed: a URL alone on its line
        f"Before.\n{url}\nAfter.",
        f'<!-- wp:embed {{"url":"{url}","type":"rich","providerNameSlug":"{provider}"}} -->\n'
        f'<figure class="wp-block-embed is-type-rich wp-block-embed-{provider}">'
        f'<div class="wp-block-embed__wrapper">\n{url}\n</div></figure>\n<!-- /wp:embed -->',
        f'<!-- wp:core-embed/{provider} {{"url":"{url}"}} -->\n<figure class="wp-block-embed-'
        f'{provider} wp-block-embed"><div class="wp-block-embed__wrapper">\n{url}\n</div>'
        f"</figure>\n<!-- /wp:core-embed/{provider} -->",
        f"<!-- wp:paragraph -->\n<p>{url}</p>\n<!-- /wp:paragraph -->",
    ]
    for form in forms:
        converted = convert(form)
        assert embedded(converted.html) == [(key, url)], form
        assert converted.notes == [], form
        assert f">{url}<" in converted.html  # the address stays readable, as the link's text


def test_an_embed_blocks_caption_becomes_its_title_and_its_address_comes_from_the_settings():
    html = convert(
        '<!-- wp:embed {"url":"https://vimeo.com/76979871"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"></div>'
        "<figcaption>The <em>harbour</em> film</figcaption></figure>\n<!-- /wp:embed -->"
    ).html
    assert html == (
        '<figure data-embed="vimeo"><a href="https://vimeo.com/76979871">The harbour film</a>'
        "</figure>"
    )


def test_provider_videos_and_iframes_become_embeds_and_other_iframes_are_reported():
    converted = convert(
        '[video src="https://youtu.be/dQw4w9WgXcQ"]\n\n[youtube=https://youtu.be/dQw4w9WgXcQ]\n\n'
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560"></iframe>\n\n'
        '<iframe src="https://ads.example/slot"></iframe><iframe src="https://ads.example/2">'
        "</iframe><script>track()</script>"
    )
    assert [key for key, _ in embedded(converted.html)] == ["youtube"] * 3
    assert converted.notes == ["removed: <iframe> ×2, <script>"]


def test_a_url_inside_a_sentence_or_a_link_is_left_alone():
    html = convert(f'See {YOUTUBE} now.\n\n<a href="{YOUTUBE}">{YOUTUBE}</a> too').html
    assert "data-embed" not in html


def test_an_embed_without_a_usable_address_keeps_its_text_and_is_reported():
    converted = convert("[embed]not a web address[/embed]")
    assert converted.html == "<p>not a web address</p>"
    assert converted.notes == ["[embed] without a usable address: its text kept"]


def test_more_and_nextpage_leave_no_trace_and_empty_paragraphs_are_dropped():
    classic = convert("Teaser.\n<!--more-->\nRest.\n\n<!--nextpage-->\n\n&nbsp;\n\nPage two.")
    assert classic.html == "<p>Teaser.</p>\n<p>Rest.</p>\n<p>Page two.</p>"
    blocks = convert(
        "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n"
        "<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->\n\n"
        "<!-- wp:paragraph -->\n<p></p>\n<!-- /wp:paragraph -->\n<p>Two</p>"
    )
    assert re.sub(r"\s+", "", clean_html(blocks.html)) == "<p>One</p><p>Two</p>"


def test_an_h1_shifts_every_heading_down_a_level_and_h6_stays():
    html = convert("<h1>A</h1>\n<h2>B</h2>\n<h5>E</h5>\n<h6 class='x'>F</h6>").html
    assert html == "<h2>A</h2>\n<h3>B</h3>\n<h6>E</h6>\n<h6 class='x'>F</h6>"
    untouched = "<h2>B</h2>\n<h5>E</h5>\n<h6>F</h6>"
    assert convert(untouched).html == untouched


@pytest.mark.parametrize(
    ("wordpress", "ours"),
    [
        ('<p class="has-text-align-center">T</p>', '<p class="align-center">T</p>'),
        (
            '<h2 class="wp-block-heading has-text-align-right">T</h2>',
            '<h2 class="align-right">T</h2>',
        ),
        ('<p style="text-align: center;">T</p>', '<p class="align-center">T</p>'),
        ("<p align='right'>T</p>", '<p class="align-right">T</p>'),
        ('<h3 class="aligncenter">T</h3>', '<h3 class="align-center">T</h3>'),
        ('<p class="has-large-font-size">T</p>', "<p>T</p>"),
    ],
)
def test_alignment_becomes_our_one_class_family(wordpress, ours):
    assert clean_html(convert(wordpress).html) == ours


def test_button_blocks_become_links_with_their_href():
    converted = convert(
        '<!-- wp:buttons -->\n<div class="wp-block-buttons"><!-- wp:button -->\n'
        '<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" '
        'href="https://tickets.example/?a=1&amp;b=2">Buy tickets</a></div>\n<!-- /wp:button -->\n'
        '<!-- wp:button -->\n<div class="wp-block-button is-style-outline">'
        '<a class="wp-block-button__link">Nowhere</a></div>\n<!-- /wp:button --></div>\n'
        "<!-- /wp:buttons -->"
    )
    html = clean_html(converted.html)
    assert '<p><a href="https://tickets.example/?a=1&amp;b=2" rel="noopener noreferrer">' in html
    assert "Buy tickets</a></p>" in html and "<p>Nowhere</p>" in html
    assert converted.notes == ["button without a link: kept as text"]


FOOTNOTES = (
    '[{"id":"4f1a-77","content":"Council minutes, <a href=\\"https://council.example/m\\">'
    'p. 4</a>."},{"id":"9b2c-01","content":"Second note."},'
    '{"id":"unused","content":"Never cited."}]'
)


def test_block_footnotes_become_a_list_with_working_anchors():
    converted = convert(
        '<!-- wp:paragraph -->\n<p>The vote<sup data-fn="4f1a-77" class="fn">'
        '<a href="#4f1a-77" id="4f1a-77-link">1</a></sup> was close<sup data-fn="9b2c-01" '
        'class="fn"><a href="#9b2c-01" id="9b2c-01-link">2</a></sup>.</p>\n'
        "<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->",
        FOOTNOTES,
    )
    html = clean_html(converted.html)
    assert '<sup><a href="#fn-1" id="fn-1-ref" rel="noopener noreferrer">1</a></sup>' in html
    assert '<sup><a href="#fn-2" id="fn-2-ref" rel="noopener noreferrer">2</a></sup>' in html
    assert html.endswith(
        '<ol class="footnotes"><li id="fn-1">Council minutes, <a href="https://council.example/m"'
        ' rel="noopener noreferrer">p. 4</a>. <a href="#fn-1-ref" title="Back to the text" '
        'rel="noopener noreferrer">↩</a></li><li id="fn-2">Second note. <a href="#fn-2-ref" '
        'title="Back to the text" rel="noopener noreferrer">↩</a></li><li id="fn-3">Never cited.'
        "</li></ol>"
    )
    assert "4f1a" not in html and "data-fn" not in html
    assert converted.notes == []


@pytest.mark.parametrize("meta", ["{not json", '{"id": "x"}', "[1, 2]"])
def test_unreadable_footnotes_are_reported_and_their_references_removed(meta):
    converted = convert('<p>Claim<sup data-fn="x" class="fn"><a href="#x">1</a></sup>.</p>', meta)
    assert converted.html == "<p>Claim.</p>"
    assert "footnote reference without its note removed" in converted.notes


def test_what_the_sanitizer_drops_is_named_and_plain_wrappers_are_not():
    converted = convert(
        '<div class="wp-block-group"><span>Kept</span><form><input name="q"></form>'
        "<marquee>Old</marquee><marquee>Older</marquee><style>p{}</style></div>"
    )
    assert converted.notes == [
        "removed: <input>, <style>",
        "tags removed, their text kept: <form>, <marquee> ×2",
    ]


@pytest.mark.parametrize("text", ["[sic]", "[1]", "[Editor's note: updated]", "[a-b]"])
def test_bracketed_prose_is_not_taken_for_a_shortcode(text):
    assert text in convert(f"He said {text} twice.").html


def test_self_closing_unknown_shortcode_is_removed_and_noted():
    converted = convert('Before [ad slot="top" /] after.')
    assert converted.html == "<p>Before  after.</p>"
    assert converted.notes == ["unknown shortcode [ad] removed (enclosed text kept)"]


def test_plain_text_drops_markup_and_decodes_entities():
    assert plain_text("<b>Tom</b> &amp; <i>Jerry</i>&#8217;s\n  show") == "Tom & Jerry’s show"


def item(**fields) -> wxr.Item:
    return wxr.Item(line=1, **fields)


def test_title_from_date_when_there_are_no_words():
    headline, made_up = headline_for(item(post_date_gmt="2014-02-03 10:00:00", post_id=9))
    assert (headline, made_up) == ("Untitled post of 3 February 2014", True)
    assert headline_for(item(post_id=9))[0] == "Untitled post 9"


def test_a_very_long_title_is_cut_to_the_headline_length():
    headline, _ = headline_for(item(title="word " * 200))
    assert len(headline) == 300 and headline.endswith("…")


@pytest.mark.parametrize(
    ("fields", "status", "public_date"),
    [
        ({"status": "publish"}, "published", True),
        ({"status": "future"}, "published", True),
        ({"status": "draft"}, "draft", False),
        ({"status": "pending"}, "draft", False),
        ({"status": "private"}, "draft", False),
        ({"status": "publish", "password": "x"}, "draft", False),
        ({"status": "future", "password": "x"}, "draft", False),
        ({"status": "weird"}, "draft", False),
    ],
)
def test_status_mapping(fields, status, public_date):
    mapping = status_for(item(post_date_gmt="2013-01-01 00:00:00", **fields))
    assert mapping.status == status
    assert (mapping.published_at is not None) == public_date


def test_published_post_without_any_date_stays_a_draft_with_a_warning():
    mapping = status_for(item(status="publish", post_date_gmt="0000-00-00 00:00:00"))
    assert mapping.status == "draft"
    assert mapping.warning


def test_old_paths_replace_the_slug_segment_and_ignore_query_links():
    post = item(
        link="https://site.example/2013/03/new-name/",
        post_name="new-name",
        meta=[("_wp_old_slug", "first-name"), ("_wp_old_slug", "new-name")],
    )
    assert old_paths(post) == ["/2013/03/new-name/", "/2013/03/first-name/"]
    assert old_paths(item(link="https://site.example/?p=4")) == []
    assert old_paths(item(link="https://site.example/")) == []


def test_tags_are_deduplicated_by_slug_and_keep_it_without_the_categories():
    post = item(
        categories=[
            ("category", "a", "Alpha"),
            ("post_tag", "x-ray", "X-ray"),
            ("category", "b", "Beta"),
            ("post_tag", "X-Ray", "x-ray"),
            ("post_tag", "caf%c3%a9s", "Cafés"),
        ]
    )
    assert tags_of(post) == [("x-ray", "X-ray"), ("cafés", "Cafés")]


def test_media_lookup_never_leaves_the_media_folder(tmp_path):
    media = tmp_path / "uploads"
    (media / "2013").mkdir(parents=True)
    (media / "2013" / "a.jpg").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("no")
    assert find_upload(media, "https://s.example/wp-content/uploads/2013/a.jpg") == (
        media / "2013" / "a.jpg"
    )
    assert find_upload(media, "https://s.example/wp-content/uploads/../secret.txt") is None
    assert find_upload(media, "https://s.example/wp-content/uploads/%2e%2e/secret.txt") is None
    assert find_upload(None, "https://s.example/wp-content/uploads/2013/a.jpg") is None


def test_reader_yields_channel_authors_terms_and_items_in_order():
    nodes = list(wxr.read(FIXTURES / "https-wxr-1.1.xml"))
    kinds = [type(node).__name__ for node in nodes]
    assert kinds == ["Author", "Term", "Channel", "Item"]
    assert nodes[2].site_url == "https://secure.example"
    assert nodes[3].creator == "sam"


def test_reader_reports_the_line_of_a_syntax_error(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item>\n')
    with pytest.raises(wxr.WXRError) as error:
        list(wxr.read(broken))
    assert error.value.line == 4


def test_reader_does_not_expand_an_external_entity_even_past_the_prolog_check(tmp_path):
    padded = tmp_path / "padded.xml"
    padded.write_text(
        "<?xml version='1.0'?>\n<!--" + "x" * 70_000 + "-->\n"
        '<!DOCTYPE rss [<!ENTITY s SYSTEM "file:///etc/hostname">]>\n'
        "<rss><channel><item><title>&s;</title></item></channel></rss>"
    )
    with pytest.raises(wxr.WXRError, match="declares a DTD"):
        list(wxr.read(padded))
