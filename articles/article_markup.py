"""The article page's own parts, written in Python: the header, the body with its lead image,
and the footer (corrections, tags, share links, a box per author).

Each part is kept as a fragment (`articles_tags.article_part`), so this runs when an article is
first shown after an edit or with the caches cold. As three templates and five includes it
cost a tenth of a cold article page: each a render of its own, each include a copy of the
context (docs/performance.md, "Prepared statements, the article's parts in Python"). The
markup is the templates' own, whitespace aside; every value is escaped as autoescaping does
(`core.escaping`), and tests/test_article_markup.py checks each part.
"""

from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from articles import story_markup
from articles.models import Article
from core.dates import fast_date
from core.escaping import escape_output as escape
from core.reversing import cached_reverse
from images.templatetags.images_tags import picture
from richtext.rendering import render_body, scrollable_tables


def header(article: Article, site_name: str) -> SafeString:
    """Section label, headline, standfirst, byline and dates (after the live label)."""
    section = article.section
    dek = f'<p class="article__dek">{escape(article.standfirst)}</p>' if article.standfirst else ""
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<a class="section-label" href="{escape(section.get_absolute_url())}">'
        f"{escape(section.name)}</a>\n"
        f'      <h1 class="article__headline">{escape(article.headline)}</h1>\n'
        f"      {dek}\n"
        f'      <p class="article__meta">{story_markup.byline(article, site_name)} · '
        f"{story_markup.dates(article)}</p>\n"
    )


def body(article: Article) -> SafeString:
    """The lead image (with its caption and credit) and the body, its tables scrollable."""
    shown = scrollable_tables(render_body(article.body, article.body_seal))
    return mark_safe(  # noqa: S308 (the body is sanitized, every other value escaped)
        f'{_lead_image(article)}\n    <div class="article__body">\n      {shown}\n    </div>\n'
    )


def _lead_image(article: Article) -> str:
    image = article.lead_image
    if image is None:
        return ""
    credit = f' <span class="credit">{escape(image.credit)}</span>' if image.credit else ""
    caption = (
        f"\n  <figcaption>{escape(article.lead_caption)}{credit}</figcaption>"
        if article.lead_caption or image.credit
        else ""
    )
    return (
        f'<figure class="lead-image">\n  {picture(image, "lead", priority=True)}'
        f"{caption}\n</figure>"
    )


def footer(article: Article, site_url: str) -> SafeString:
    """Below the body: corrections, tags, share links, then "About <author>" per author."""
    parts = [
        _corrections(list(article.corrections.all())),
        _tags(article.tag_list),
        _share_links(article, site_url),
        *(_author_box(author) for author in article.byline_authors),
    ]
    return mark_safe("\n    ".join(part for part in parts if part) + "\n")  # noqa: S308


def _corrections(notes: list) -> str:
    if not notes:
        return ""
    lines = "".join(
        f'\n  <p class="correction correction--{escape(note.kind)}"><strong>'
        f"{escape(note.get_kind_display())}, "
        f'<time datetime="{escape(fast_date(note.noted_at, "c"))}">'
        f"{escape(fast_date(note.noted_at, 'j F Y'))}</time>:</strong> {escape(note.text)}</p>"
        for note in notes
    )
    return f'<section class="corrections" aria-label="Corrections and updates">{lines}\n</section>'


def _tags(tags: list) -> str:
    if not tags:
        return ""
    items = "".join(
        f'<li><a href="{escape(cached_reverse("articles:tag", slug=tag.slug))}" rel="tag">'
        f"{escape(tag.name)}</a></li>"
        for tag in tags
    )
    return (
        '<nav class="tags" aria-label="Tags">\n  <h2 class="visually-hidden">Tags</h2>\n'
        f"  <ul>{items}</ul>\n</nav>"
    )


def _share_links(article: Article, site_url: str) -> str:
    """Plain share links: no third-party scripts, nothing loads until the reader clicks. The
    values are encoded as the `urlencode` filter does (`quote()`, "/" kept)."""
    page = escape(quote(str(site_url)) + quote(article.get_absolute_url()))
    headline = escape(quote(article.headline))
    return (
        '<div class="share">\n  <h2 class="share__title">Share this story</h2>\n  <ul>\n'
        f'    <li><a href="https://x.com/intent/post?url={page}&amp;text={headline}" '
        'rel="noopener">Share on X</a></li>\n'
        f'    <li><a href="https://www.facebook.com/sharer/sharer.php?u={page}" '
        'rel="noopener">Share on Facebook</a></li>\n'
        f'    <li><a href="mailto:?subject={headline}&amp;body={page}">Share by email</a></li>\n'
        "  </ul>\n</div>"
    )


def _author_box(author) -> str:
    """ "About <author>": photo, name, bio and a link to the profile."""
    photo = picture(author.photo, "avatar", css_class="author-box__photo") if author.photo else ""
    name = escape(author.name)
    bio = f"<p>{escape(author.bio)}</p>" if author.bio else ""
    return (
        f'<section class="author-box" aria-labelledby="about-{author.pk}">\n  {photo}\n'
        f'  <div>\n    <h2 id="about-{author.pk}" class="author-box__title">About {name}</h2>\n'
        f"    {bio}\n"
        f'    <a href="{escape(author.get_absolute_url())}">More stories by {name}</a>\n'
        "  </div>\n</section>"
    )
