"""The article page's own parts, written in Python (articles/article_markup.py): what each
shows, and every value escaped as the templates' autoescaping did."""

import pytest

from articles import article_markup
from articles.article_page import public_article
from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(\"x\")</script> & 'quotes'"
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quotes&#39;"


@pytest.fixture
def story():
    section = SectionFactory(name=f"Tech {HOSTILE}", slug="tech")
    author = AuthorFactory(name=f"Mara {HOSTILE}", slug="mara", bio=f"Covers {HOSTILE}")
    article = ArticleFactory(
        section=section,
        authors=[author],
        headline=f"Chips {HOSTILE}",
        standfirst=f"Why {HOSTILE}",
        tags=["ferries", "harbour"],
        body="<p>Intro.</p><table><tr><td>1</td></tr></table>",
        lead_image=ImageFactory(caption="", credit=f"Photo {HOSTILE}"),
    )
    return public_article(article.pk)


def test_the_header_shows_section_headline_standfirst_byline_and_date(story):
    html = article_markup.header(story, "Newsroom")
    assert f'<a class="section-label" href="/sections/tech/">Tech {ESCAPED}</a>' in html
    assert f'<h1 class="article__headline">Chips {ESCAPED}</h1>' in html
    assert f'<p class="article__dek">Why {ESCAPED}</p>' in html
    assert f'href="/authors/mara/" rel="author">Mara {ESCAPED}</a>' in html
    assert '<time class="dateline" datetime="' in html
    assert HOSTILE not in html


def test_a_header_without_standfirst_has_no_empty_paragraph(section):
    article = public_article(ArticleFactory(section=section, standfirst="").pk)
    assert "article__dek" not in article_markup.header(article, "Newsroom")


def test_the_body_shows_the_lead_image_with_its_credit_and_wraps_tables(story):
    html = article_markup.body(story)
    assert html.index('<figure class="lead-image">') < html.index('<div class="article__body">')
    assert 'fetchpriority="high"' in html  # the page's main image is never lazy
    assert f'<figcaption> <span class="credit">Photo {ESCAPED}</span></figcaption>' in html
    assert '<div class="scroll-box" role="region" tabindex="0"' in html
    assert "<p>Intro.</p>" in html


def test_a_body_without_lead_image_or_caption(section):
    bare = public_article(ArticleFactory(section=section).pk)
    assert "lead-image" not in article_markup.body(bare)
    image = ImageFactory(caption="", credit="")
    plain = public_article(ArticleFactory(section=section, lead_image=image).pk)
    html = article_markup.body(plain)
    assert '<figure class="lead-image">' in html and "<figcaption>" not in html


def test_the_footer_lists_tags_share_links_and_a_box_per_author(story):
    html = article_markup.footer(story, "https://news.example.com")
    assert '<a href="/tags/ferries/" rel="tag">ferries</a>' in html
    assert '<a href="/tags/harbour/" rel="tag">harbour</a>' in html
    page = f"https%3A//news.example.com/articles/{story.pk}/{story.slug}/"
    assert f"https://x.com/intent/post?url={page}&amp;text=Chips%20%3Cscript%3E" in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={page}" in html
    assert 'href="mailto:?subject=Chips%20%3Cscript%3E' in html
    assert f'<h2 id="about-{story.byline_authors[0].pk}" class="author-box__title">' in html
    assert f"About Mara {ESCAPED}</h2>" in html and f"<p>Covers {ESCAPED}</p>" in html
    assert f'<a href="/authors/mara/">More stories by Mara {ESCAPED}</a>' in html
    assert "corrections" not in html and HOSTILE not in html


def test_the_footer_shows_each_correction_with_its_kind_and_date(story):
    story.corrections.create(kind=Correction.Kind.CORRECTION, text=f"It said {HOSTILE}")
    story.corrections.create(kind=Correction.Kind.UPDATE, text="Added a quote.")
    html = article_markup.footer(public_article(story.pk), "https://news.example.com")
    assert html.count('<p class="correction correction--') == 2
    assert f"</time>:</strong> It said {ESCAPED}</p>" in html
    assert '<p class="correction correction--update"><strong>Update, <time datetime="' in html
    assert html.index('class="corrections"') < html.index('class="tags"')


def test_an_author_photo_shows_in_their_box(section):
    author = AuthorFactory(photo=ImageFactory(), bio="")
    article = public_article(ArticleFactory(section=section, authors=[author]).pk)
    html = article_markup.footer(article, "https://news.example.com")
    assert 'class="author-box__photo"' in html
    assert "<p></p>" not in html  # no bio, no paragraph


def test_an_unknown_part_is_refused(story):
    from articles.templatetags.articles_tags import article_part

    with pytest.raises(KeyError):
        article_part({"site_name": "Newsroom", "site_url": ""}, "sidebar", story)
