"""Stories related to an article, for the "More in <Section>" widget.

Ranking, in order:
1. The editor's hand-picked related articles, in the editor's order (if public).
2. Then other public stories of the same section (children included), most shared tags first,
   newest first among equals.

The article itself and anything not public never appear. Candidates for step 2 are limited to
the section's newest `CANDIDATE_WINDOW` stories, so the cost is two or three small queries
whatever the archive size: readers want recent related stories, not a ten-year-old match.
"""

from django.db.models import Count, Q

from .models import Article

DEFAULT_LIMIT = 4
CANDIDATE_WINDOW = 200


def related_articles(article: Article, limit: int = DEFAULT_LIMIT) -> list[Article]:
    picked = list(
        Article.objects.published()
        .filter(incoming_related_links__article=article)
        .exclude(pk=article.pk)
        .for_cards()
        .order_by("incoming_related_links__position", "incoming_related_links__id")[:limit]
    )
    remaining = limit - len(picked)
    if remaining <= 0:
        return picked

    tag_ids = [tag.pk for tag in article.tags.all()]
    excluded = [article.pk, *(story.pk for story in picked)]
    section_stories = Article.objects.published().in_section(article.section)
    recent_ids = section_stories.newest_first().values("pk")[:CANDIDATE_WINDOW]
    filler = (
        section_stories.filter(pk__in=recent_ids)
        .exclude(pk__in=excluded)
        .annotate(shared_tags=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
        .for_cards()
        .order_by("-shared_tags", "-published_at", "-id")[:remaining]
    )
    return picked + list(filler)
