"""Home-page curation: the editors' lead and featured stories, then the latest.

Picks that are not public drop out by themselves (everything goes through `published()`), and
the page fills up with the newest stories. One query (plus the bylines prefetch), whatever the
number of picks or the size of the archive.
"""

from dataclasses import dataclass, field

from django.db.models import F, Max

from .models import Article, HomeSlot

MAX_PICKS = 8


@dataclass
class HomeStories:
    lead: Article | None = None
    featured: list[Article] = field(default_factory=list)
    latest: list[Article] = field(default_factory=list)


def home_stories(latest_count: int) -> HomeStories:
    """Picks first in the editors' order, then the newest stories; the first one leads."""
    stories = list(
        Article.objects.published()
        .for_listing()
        .annotate(pick_position=F("home_slot__position"))
        .order_by(F("pick_position").asc(nulls_last=True), "-published_at", "-id")[
            : MAX_PICKS + latest_count + 1
        ]
    )
    picks = [story for story in stories if story.pick_position is not None][:MAX_PICKS]
    rest = [story for story in stories if story.pick_position is None]
    if picks:
        return HomeStories(lead=picks[0], featured=picks[1:], latest=rest[:latest_count])
    if rest:
        return HomeStories(lead=rest[0], latest=rest[1 : latest_count + 1])
    return HomeStories()


def set_picks(articles: list[Article]) -> None:
    """Replace the picks with `articles`, in order (the first leads)."""
    HomeSlot.objects.all().delete()
    HomeSlot.objects.bulk_create(
        HomeSlot(article=article, position=position) for position, article in enumerate(articles)
    )


def feature(article: Article) -> None:
    """Add `article` after the current picks; nothing changes if it is already picked."""
    if HomeSlot.objects.filter(article=article).exists():
        return
    last = HomeSlot.objects.aggregate(last=Max("position"))["last"]
    HomeSlot.objects.create(article=article, position=0 if last is None else last + 1)
