"""Stories related to an article, for the "More in <Section>" widget.

The widget always shows `DEFAULT_LIMIT` stories when the site has that many, in labelled groups
so a reader knows why each story is there:

1. "Picked by the editors": the hand-picked related articles, in the editor's order (if public).
2. "More in <Section>": other public stories of the same section (children included), chosen by
   the most shared tags (then recency) among the section's newest `CANDIDATE_WINDOW` stories, and
   shown newest first, so the dates read in order.
3. "More in <Parent>": when the section is a child and still too quiet, the parent section's
   newest stories.
4. "Latest stories": the site's newest stories, when the sections above cannot fill the widget.

The article itself and anything not public never appear, and no story appears twice. Each step
is one small query and runs only while the widget is short, so the cost is two to four queries
whatever the archive size.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from articles.curation import TextCard, newest_cards
from articles.models import Article
from articles.querysets import TEXT_CARD_FIELDS
from core.prepared import prepared

DEFAULT_LIMIT = 4
CANDIDATE_WINDOW = 200


@dataclass
class StoryGroup:
    title: str
    stories: list[TextCard]  # what a card shows: rows, not model instances
    url: str = ""


def more_stories(article: Article, limit: int = DEFAULT_LIMIT) -> list[StoryGroup]:
    """The widget's groups, in order; empty groups are left out."""
    now = timezone.now()
    # The article page's article says whether it has picks at all (`has_picks`, public or
    # not): most have none, and then skip the query. Other callers' articles do not say.
    has_picks = getattr(article, "has_picks", True)
    picked = _cards(_picked(article_id=article.pk, now=now, limit=limit)) if has_picks else []
    groups = [StoryGroup("Picked by the editors", picked)]
    shown = [article.pk, *(story.pk for story in picked)]
    section = article.section
    if len(shown) - 1 < limit:
        stories = _same_section(article, shown, limit - len(shown) + 1, now)
        groups.append(StoryGroup(f"More in {section.name}", stories, section.get_absolute_url()))
        shown += [story.pk for story in stories]
    parent = section.parent if section.parent_id else None
    if parent is not None and len(shown) - 1 < limit:
        stories = _cards(
            newest_cards(
                section_id=parent.pk,
                excluded=shown,
                now=now,
                count=limit - len(shown) + 1,
                text=True,
            )
        )
        groups.append(StoryGroup(f"More in {parent.name}", stories, parent.get_absolute_url()))
        shown += [story.pk for story in stories]
    if len(shown) - 1 < limit:
        stories = _cards(
            newest_cards(excluded=shown, now=now, count=limit - len(shown) + 1, text=True)
        )
        groups.append(StoryGroup("Latest stories", stories))
    return [group for group in groups if group.stories]


def _cards(rows) -> list[TextCard]:
    """Rows starting with `TEXT_CARD_FIELDS` as cards."""
    return [TextCard(*row[: len(TEXT_CARD_FIELDS)]) for row in rows]


@prepared(shape=["limit"])
def _picked(*, article_id: int, now: datetime, limit: int):
    """The editors' picks for the article that are public, in their order."""
    return (
        Article.objects.published(at=now)
        .filter(incoming_related_links__article_id=article_id)
        .exclude(pk=article_id)
        .order_by("incoming_related_links__position", "incoming_related_links__id")
        .values_list(*TEXT_CARD_FIELDS)[:limit]
    )


@prepared(shape=["count"])
def _sharing_most_tags(
    *, section_id: int, tag_ids: list[int], excluded: list[int], now: datetime, count: int
):
    section_stories = Article.objects.published(at=now).in_section(section_id)
    recent_ids = section_stories.newest_first().values("pk")[:CANDIDATE_WINDOW]
    return (
        section_stories.filter(pk__in=recent_ids)
        .exclude(pk__in=excluded)
        .annotate(shared_tags=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
        .order_by("-shared_tags", "-published_at", "-id")
        # The count is selected too: ordering by it alone, Django drops the whole query
        # when the article has no tag (an empty `__in` in the count's filter).
        .values_list(*TEXT_CARD_FIELDS, "shared_tags")[:count]
    )


def _same_section(
    article: Article, excluded: list[int], count: int, now: datetime
) -> list[TextCard]:
    """The `count` stories of the article's section sharing most tags, newest first."""
    chosen = _cards(
        _sharing_most_tags(
            section_id=article.section_id,
            tag_ids=[tag.pk for tag in article.tag_list],
            excluded=excluded,
            now=now,
            count=count,
        )
    )
    return sorted(chosen, key=lambda story: (story.published_at, story.pk), reverse=True)


def related_articles(article: Article, limit: int = DEFAULT_LIMIT) -> list[TextCard]:
    """Every story of the widget, top to bottom."""
    return [story for group in more_stories(article, limit) for story in group.stories]
