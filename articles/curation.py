"""Home-page curation: the editors' lead and featured stories, then the latest.

Picks that are not public drop out by themselves (everything goes through `published()`), and
the page fills up with the newest stories. Three queries (picks, latest, bylines of both),
whatever the number of picks or the size of the archive: the picks come through their slots and
the latest through the publication-time index. (Ordering the whole public archive by "picked
first, then newest" in one query made PostgreSQL sort every public row: 118 ms at 100,000.)
"""

from dataclasses import dataclass, field

from django.db.models import Max, prefetch_related_objects

from .models import Article, HomeSlot
from .querysets import bylines_prefetch

MAX_PICKS = 8


@dataclass
class HomeStories:
    lead: Article | None = None
    featured: list[Article] = field(default_factory=list)
    latest: list[Article] = field(default_factory=list)


def home_stories(latest_count: int) -> HomeStories:
    """Picks first in the editors' order, then the newest stories; the first one leads."""
    public = Article.objects.published().for_cards()
    picks = list(public.filter(home_slot__isnull=False).order_by("home_slot__position")[:MAX_PICKS])
    latest = list(
        public.exclude(pk__in=[pick.pk for pick in picks]).newest_first()[: latest_count + 1]
    )
    prefetch_related_objects([*picks, *latest], bylines_prefetch())
    if picks:
        return HomeStories(lead=picks[0], featured=picks[1:], latest=latest[:latest_count])
    if latest:
        return HomeStories(lead=latest[0], latest=latest[1 : latest_count + 1])
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
