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
whatever the archive size. The article page's section blocks ride along with step 2
(`RailsAlong`): one statement returns the section's stories and the blocks' rows, and a cold
article page makes one round trip fewer (docs/performance.md).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BigIntegerField, Count, F, Q, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone

from articles.curation import TextCard, newest_cards, ranked_text_cards
from articles.models import Article
from articles.querysets import TEXT_CARD_FIELDS
from core.prepared import prepared

DEFAULT_LIMIT = 4
CANDIDATE_WINDOW = 200


@dataclass
class RailsAlong:
    """Text rails (`curation.section_rails(pictured=False)`) for step 2's statement to fetch as
    well: `ranked_text_cards()` with `window` and `rank`, whose rows it leaves in `ranked`
    (None if step 2 did not run: the editors' picks filled the widget). They exclude the
    article and its picks; the section's and its parent's stories are in the article's own
    rail, and only the latest stories of step 4 (a quiet section) can be in another, which
    `section_rails()` then ranks again without them."""

    window: int
    rank: int
    ranked: list | None = None


@dataclass
class StoryGroup:
    title: str
    stories: list[TextCard]  # what a card shows: rows, not model instances
    url: str = ""


def more_stories(
    article: Article, limit: int = DEFAULT_LIMIT, along: RailsAlong | None = None
) -> list[StoryGroup]:
    """The widget's groups, in order; empty groups are left out. With `along`, step 2 also
    fetches those rails' rows."""
    now = timezone.now()
    # The article page's article says whether it has picks at all (`has_picks`, public or
    # not): most have none, and then skip the query. Other callers' articles do not say.
    has_picks = getattr(article, "has_picks", True)
    picked = _cards(_picked(article_id=article.pk, now=now, limit=limit)) if has_picks else []
    groups = [StoryGroup("Picked by the editors", picked)]
    shown = [article.pk, *(story.pk for story in picked)]
    section = article.section
    if len(shown) - 1 < limit:
        stories = _same_section(article, shown, limit - len(shown) + 1, now, along)
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


@prepared(shape=["count", "window", "rank"])
def _sharing_most_tags_with_rails(
    *,
    section_id: int,
    tag_ids: list[int],
    excluded: list[int],
    now: datetime,
    count: int,
    window: int,
    rank: int,
):
    """`_sharing_most_tags()` and the text rails' `ranked_text_cards()` as one statement (a
    UNION ALL): the section's rows start with NULL (no rail is NULL) and the number of shared
    tags, the rails' with their rail and the window's size, then the card's fields.

    The section's stories are ranked by a window function rather than sliced: SQLite allows
    no LIMIT in a part of a compound statement, and neither part may be ordered."""
    section_stories = Article.objects.published(at=now).in_section(section_id)
    recent_ids = section_stories.newest_first().values("pk")[:CANDIDATE_WINDOW]
    # Without tags, no count: over an empty list it becomes a constant 0, ranking every story
    # first. (The list's length is part of the prepared shape.)
    if tag_ids:
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids))
    else:
        shared = Value(0)
    most_shared = [F("shared_tags").desc(), F("published_at").desc(), F("id").desc()]
    sharing = (
        section_stories.filter(pk__in=recent_ids)
        .exclude(pk__in=excluded)
        .annotate(
            shared_tags=shared,
            no_rail=Cast(Value(None), BigIntegerField()),  # typed: PostgreSQL unites types
            chosen=Window(RowNumber(), order_by=most_shared),
        )
        .filter(chosen__lte=count)
        .order_by()
        .values_list("no_rail", "shared_tags", *TEXT_CARD_FIELDS)
    )
    rails = ranked_text_cards(excluded=excluded, now=now, count=window, rank=rank).order_by()
    return sharing.union(rails, all=True)


def _same_section(
    article: Article,
    excluded: list[int],
    count: int,
    now: datetime,
    along: RailsAlong | None = None,
) -> list[TextCard]:
    """The `count` stories of the article's section sharing most tags, newest first; with
    `along`, the rails' rows too, from the same statement."""
    values = {
        "section_id": article.section_id,
        "tag_ids": [tag.pk for tag in article.tag_list],
        "excluded": excluded,
        "now": now,
        "count": count,
    }
    if along is None:
        chosen = _cards(_sharing_most_tags(**values))
    else:
        rows = _sharing_most_tags_with_rails(**values, window=along.window, rank=along.rank)
        chosen = [TextCard(*row[2:]) for row in rows if row[0] is None]
        along.ranked = [row for row in rows if row[0] is not None]
    return sorted(chosen, key=lambda story: (story.published_at, story.pk), reverse=True)


def related_articles(article: Article, limit: int = DEFAULT_LIMIT) -> list[TextCard]:
    """Every story of the widget, top to bottom."""
    return [story for group in more_stories(article, limit) for story in group.stories]
