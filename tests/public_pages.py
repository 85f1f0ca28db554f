"""The public page types, filled with the demo content, for the accessibility and validity checks.

Both the Nu HTML checker test and the axe-core browser test walk the same list, so a page type
added here is checked by both. Pages built on other branches (search, corrections) join the list
as soon as their URL resolves, so the checks never point at a URL that does not exist.
"""

from io import StringIO

from django.core.management import call_command
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from articles.models import Article, Section
from authors.models import Author
from pages.models import Page

# URL names the corrections page may be registered under (it is built on another branch).
CORRECTIONS_URL_NAMES = ("articles:corrections", "corrections", "editorial:corrections")


def seed_demo_site() -> None:
    """Load the demo content: real headlines, images, portraits, sections with subsections."""
    call_command("seed_demo", stdout=StringIO())


def _search_url(word: str) -> str | None:
    try:
        resolve("/search/")
    except Resolver404:
        return None
    return f"/search/?q={word}"


def _corrections_url() -> str | None:
    for name in CORRECTIONS_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def public_page_urls() -> dict[str, str]:
    """Name → URL of one page of every public page type that exists in this build."""
    article = (
        Article.objects.published()
        .filter(lead_image__isnull=False)
        .filter(tags__isnull=False)
        .order_by("-published_at")
        .first()
    )
    assert article is not None, "seed_demo_site() must run first"
    section = Section.objects.filter(children__isnull=False).distinct().first() or article.section
    author = (
        Author.objects.filter(photo__isnull=False).filter(bylines__isnull=False).distinct().first()
    )
    tag = article.tags.order_by("name").first()
    pages = {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": tag.slug}),
        "author": author.get_absolute_url(),
        "latest": reverse("articles:latest"),
        "not-found": "/no-such-page/",
        "api-docs": reverse("api_docs"),  # the content API's reference, for developers
    }
    live = Article.objects.published().filter(live_blog__isnull=False).first()
    optional = {
        "search": _search_url(article.headline.split()[0]),
        "corrections": _corrections_url(),
        "live-blog": live.get_absolute_url() if live else None,
        "live-archive": reverse("liveblog:archive", kwargs={"pk": live.pk, "page": 1})
        if live
        else None,
    }
    pages.update({name: url for name, url in optional.items() if url})
    # Standing pages (About, policies): a top-level one and one with a breadcrumb trail.
    for name, page in (
        ("page", Page.objects.published().filter(parent=None).order_by("path").first()),
        ("child-page", Page.objects.published().exclude(parent=None).order_by("path").first()),
    ):
        if page is not None:
            pages[name] = page.get_absolute_url()
    return pages
