"""What the article page shows, fetched once per version of it.

`Article.objects.published()` decides what is public; this module only keeps the answer, with
the bylines, tags and corrections the page shows, in the shared cache under the page's own
dependency tags (the article, its section, authors and tags). An edit of any of them, or the
next scheduled publication or expiry, retires it, exactly as it retires the cached page; a
page-cache miss caused by something else (a publish renewing the sidebar of every article
page) then renders the article without querying it again. The query that fetches it also
brings the values every page shows (`core.site_values.with_site_values()`): with the caches
cold, a statement fewer.
"""

from datetime import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.models import Article, Correction, RelatedArticle, Section
from core import site_values
from core.cache.fragments import cached_value
from core.cache.tags import tag_for, tag_for_pk
from core.cache.versions import request_memo
from core.prepared import attach, prepared
from richtext.rendering import body_tags


def page_tags(article: Article) -> list[str]:
    """The dependency tags of an article's page: what it shows besides the shared widgets."""
    tags = [tag_for(article), tag_for_pk(Section, article.section_id)]
    if article.section.parent_id:  # its name shows in the breadcrumbs
        tags.append(tag_for_pk(Section, article.section.parent_id))
    tags += [tag_for(author) for author in article.byline_authors]
    tags += [tag_for(tag) for tag in article.tag_list]
    return tags


def shown_tags(article: Article) -> list[str]:
    """`page_tags()` and the library images of the body: what the article page and each of
    its kept parts show. Worked out once per request (the view and three parts ask; the body
    is scanned for images each time)."""
    memo = request_memo()
    if memo is None:  # outside a request: nothing to remember it in
        memo = {}
    key = f"shown-tags:{article.pk}"
    if key not in memo:
        memo[key] = [*page_tags(article), *body_tags(article.body)]
    return memo[key]


@prepared()
def _article_for_page(*, pk: int, now: datetime):
    return (
        Article.objects.published(at=now)
        .select_related("section__parent", "lead_image", "social_image")
        .defer("search_vector")
        .with_byline_rows(photos=True)
        .with_tag_rows()
        .annotate(
            # Most stories have neither: then their page skips the query for them.
            has_corrections=Exists(Correction.objects.filter(article_id=OuterRef("pk"))),
            has_picks=Exists(RelatedArticle.objects.filter(article_id=OuterRef("pk"))),
            site_values=site_values.with_site_values(),
        )
        .filter(pk=pk)[:1]
    )


@prepared()
def _corrections(*, article_id: int):
    return Correction.objects.filter(article_id=article_id)


def public_article(pk: int) -> Article | None:
    """The public article `pk`, ready for its page (None when it is not public)."""

    def fetch() -> Article | None:
        found = _article_for_page(pk=pk, now=timezone.now())  # bylines and tags included
        if found:
            # This request's to use, never kept with the article (they have their own tags).
            site_values.offer(found[0].__dict__.pop("site_values"))
            corrections = _corrections(article_id=pk) if found[0].has_corrections else []
            attach(found, "corrections", corrections, owner="article_id")
        return found[0] if found else None

    return cached_value(f"article-page:{pk}", fetch, page_tags)
