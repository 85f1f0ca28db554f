"""The sanitizer keeps body blocks only in their stored shapes; hostile markup never survives."""

import pytest

from core.sanitize import clean_html

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_an_embed_keeps_its_url_and_title_and_gets_its_provider_from_the_url():
    stored = clean_html(f'<figure data-embed="vimeo"><a href="{YOUTUBE}">The launch</a></figure>')
    assert stored == (
        f'<figure data-embed="youtube"><a href="{YOUTUBE}" rel="noopener noreferrer">'
        "The launch</a></figure>"
    )


def test_sanitizing_a_stored_body_again_changes_nothing():
    body = (
        f'<figure data-embed="youtube"><a href="{YOUTUBE}">x &amp; y</a></figure>'
        '<figure data-image-id="3" data-alt="A &quot;quoted&quot; sign">'
        "<figcaption>Cap</figcaption></figure>"
        '<figure data-gallery="3 4"></figure><aside class="pull-quote"><p>Q</p></aside>'
    )
    once = clean_html(body)
    assert clean_html(once) == once


@pytest.mark.parametrize(
    ("hostile", "must_not_contain"),
    [
        ('<figure data-embed="youtube"><a href="javascript:alert(1)">x</a></figure>', "javascript"),
        (
            '<figure data-embed="youtube"><iframe src="https://evil.example/"></iframe></figure>',
            "iframe",
        ),
        (
            '<figure data-embed="youtube" onclick="alert(1)"><a href="'
            + YOUTUBE
            + '">v</a></figure>',
            "onclick",
        ),
        (
            '<figure data-embed="x"><a href="'
            + YOUTUBE
            + '" onmouseover="alert(1)">v</a></figure>',
            "onmouseover",
        ),
        (
            '<figure data-embed="youtube"><a href="'
            + YOUTUBE
            + '"><script>alert(1)</script>v</a></figure>',
            "script",
        ),
        (
            '<figure data-embed="youtube"><a href="https://e.example/&quot;&gt;&lt;script&gt;">v</a></figure>',
            "<script",
        ),
        (
            '<figure data-embed="youtube">'
            '<a href="data:text/html;base64,PHNjcmlwdD4=">v</a></figure>',
            "data:",
        ),
        (
            '<figure data-embed="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"><a href="'
            + YOUTUBE
            + '">v</a></figure>',
            "onerror",
        ),
        ('<figure data-image-id="1 onerror=alert(1)" data-alt="x"></figure>', "onerror"),
        (
            '<figure data-image-id="1" data-alt="&quot; onload=&quot;alert(1)"></figure>',
            '" onload="',
        ),
        ('<figure data-gallery="1,2);alert(1)"></figure>', "alert"),
        ('<aside class="pull-quote" style="background:url(x)"><p>q</p></aside>', "style"),
        ('<aside class="evil pull-quote-x"><p>q</p></aside>', "evil"),
        (
            '<figure data-embed="youtube" data-embed-src="https://evil.example/"><a href="'
            + YOUTUBE
            + '">v</a></figure>',
            "evil",
        ),
        ('<div data-embed-src="https://evil.example/" class="embed__placeholder">x</div>', "evil"),
    ],
)
def test_hostile_block_markup_is_neutralised(hostile, must_not_contain):
    assert must_not_contain not in clean_html(hostile)


def test_an_embed_without_a_usable_link_keeps_its_words_only():
    assert (
        clean_html('<figure data-embed="youtube"><p>Just words</p></figure>') == "<p>Just words</p>"
    )


def test_nested_embeds_come_out_balanced():
    stored = clean_html(
        '<figure data-embed="youtube"><figure data-embed="x">'
        f'<a href="{YOUTUBE}">v</a></figure></figure>'
    )
    assert stored.count("<figure") == stored.count("</figure>") == 1


def test_image_references_keep_their_id_alt_and_caption():
    stored = clean_html(
        '<figure data-image-id="12" data-alt="Ferry at the quay" class="x" data-file="9">'
        "<figcaption>Back in service</figcaption></figure>"
    )
    assert stored == (
        '<figure data-image-id="12" data-alt="Ferry at the quay"><figcaption>Back in service'
        "</figcaption></figure>"
    )


def test_a_bad_image_reference_leaves_only_its_caption():
    assert (
        clean_html('<figure data-image-id="abc"><figcaption>Kept</figcaption></figure>')
        == "<p>Kept</p>"
    )


def test_galleries_pull_quotes_and_fact_boxes_are_kept():
    body = (
        '<figure data-gallery="4 5 6"><figcaption>Market day</figcaption></figure>'
        '<aside class="pull-quote"><p>We missed this place.</p></aside>'
        '<aside class="fact-box"><h3>Facts</h3><ul><li><p>Open daily</p></li></ul></aside>'
    )
    assert clean_html(body) == body


def test_tables_are_kept():
    table = "<table><tbody><tr><th>Day</th></tr><tr><td><p>Mon</p></td></tr></tbody></table>"
    assert clean_html(table) == table


def test_headings_down_to_h6_and_text_level_markup_are_kept():
    body = (
        "<h5>Five</h5><h6>Six</h6><dl><dt>Term</dt><dd>Meaning</dd></dl>"
        '<p><del datetime="2024-03-01T10:00">old</del> <ins datetime="2024-03-02">new</ins> '
        '<s>gone</s> <mark>seen</mark> <kbd>Ctrl</kbd> <abbr title="Town council">TC</abbr> '
        "H<sub>2</sub>O x<sup>2</sup></p>"
        "<details><summary>More</summary><p>Hidden words</p></details><address>1 Quay St</address>"
        "<table><caption>Fares</caption><tbody><tr><td>1</td></tr></tbody>"
        "<tfoot><tr><td>Total</td></tr></tfoot></table>"
    )
    assert clean_html(body) == body


def test_an_h1_in_a_body_is_never_kept():
    assert clean_html("<h1>Title</h1><p>x</p>") == "Title<p>x</p>"


def test_alignment_is_kept_only_as_our_own_classes_on_text_blocks_and_figures():
    stored = clean_html(
        '<p class="align-center has-text-align-center" style="text-align:center">C</p>'
        '<h3 class="align-right">R</h3><p class="align-middle">M</p>'
        '<blockquote class="align-center"><p>Q</p></blockquote>'
        '<figure class="align-center wp-block-table"><table><tbody><tr><td>1</td></tr></tbody>'
        "</table></figure>"
    )
    assert stored == (
        '<p class="align-center">C</p><h3 class="align-right">R</h3><p>M</p>'
        "<blockquote><p>Q</p></blockquote>"
        '<figure class="align-center"><table><tbody><tr><td>1</td></tr></tbody></table></figure>'
    )
    assert clean_html(stored) == stored


def test_footnote_anchors_are_kept_and_other_ids_are_not():
    body = (
        '<p>Claim<sup><a href="#fn-1" id="fn-1-ref">1</a></sup></p>'
        '<ol class="footnotes"><li id="fn-1">Source. <a href="#fn-1-ref">↩</a></li></ol>'
    )
    stored = clean_html(body)
    assert 'id="fn-1-ref"' in stored and '<li id="fn-1">' in stored
    assert '<ol class="footnotes">' in stored and 'href="#fn-1"' in stored
    for hostile_id in ["content", "fn-1 x", "fn-0", "fn-1-refx", "main-nav"]:
        assert "id=" not in clean_html(f'<ol><li id="{hostile_id}">x</li></ol>')
        assert "id=" not in clean_html(f'<h2 id="{hostile_id}">x</h2>')
    assert "class=" not in clean_html('<ul class="footnotes"><li>x</li></ul>')


def test_empty_paragraphs_are_dropped():
    body = '<p></p><p>&nbsp;</p><p> <br> </p><p class="align-center"> </p><p>Kept</p>'
    assert clean_html(body) == "<p>Kept</p>"
    assert clean_html("<p><iframe src='https://x.example/'></iframe></p>") == ""


def test_removed_elements_names_what_the_sanitizer_drops_and_ignores_plain_wrappers():
    from core.sanitize import removed_elements

    html = (
        '<div class="x"><span>t</span><script>var a = "<iframe>";</script>'
        '<iframe src="https://x.example/"></iframe><iframe></iframe><svg><path d=""/></svg>'
        '<form><input name="q"></form><!-- <object> --><h5>kept</h5><marquee>m</marquee></div>'
    )
    assert removed_elements(html) == {
        "script": 1, "iframe": 2, "svg": 1, "form": 1, "input": 1, "marquee": 1,
    }  # fmt: skip


def test_video_and_audio_play_only_our_own_files_with_allowlisted_attributes():
    own = '<video controls preload="metadata" src="/media/uploads/video/ab/ab.mp4"></video>'
    assert clean_html(own.replace("></video>", ' autoplay onplay="x()"></video>')) == (
        '<video controls="" preload="metadata" src="/media/uploads/video/ab/ab.mp4"></video>'
    )
    assert clean_html('<audio controls src="/media/uploads/audio/cd/cd.mp3"></audio>') == (
        '<audio controls="" src="/media/uploads/audio/cd/cd.mp3"></audio>'
    )
    assert clean_html('<video controls><source src="/media/a.webm"></video>') == (
        '<video controls=""><source src="/media/a.webm"></video>'
    )
    # Another host, a script URL or a way out of our media: the player goes, its words stay.
    for src in ("https://evil.example/a.mp4", "javascript:alert(1)", "/media/../admin/a.mp4"):
        stored = clean_html(
            f'<p>a</p><figure><video controls src="{src}" poster="{src}"></video>'
            "<figcaption>The clip</figcaption></figure><audio src='{src}'></audio>"
        )
        assert stored == "<p>a</p><p>The clip</p>", src
    assert clean_html(own) == clean_html(clean_html(own))
