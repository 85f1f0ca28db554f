"""Home-page curation: the editors' picks lead, then the newest stories, then section rails.

The front page is built once, in `front_page()`, so that no story appears twice on it: the lead,
the secondary stories, the extra picks and the latest list are taken in that order from one list,
and the section rails leave out everything already shown. Picks that are not public drop out by
themselves (everything goes through `published()`), and the page fills up with the newest stories.

Four queries (picks, latest, bylines of the top stories, rails), whatever the number of picks
or the size of the archive: the picks come through their slots, the latest through the
publication-time index, and the rails through one window query for every section. (Ordering the
whole public archive by "picked first, then newest" in one query made PostgreSQL sort every
public row: 118 ms at 100,000.)
"""

from dataclasses import dataclass, field

from django.db.models import Max, prefetch_related_objects

from articles.models import Article, HomeSlot, Section

MAX_PICKS = 8
SECONDARY = 4  # beside the lead: the issue asks for two to four
LATEST = 8
PER_RAIL = 4


@dataclass
class Rail:
    section: Section
    stories: list[Article]


@dataclass
class FrontPage:
    lead: Article | None = None
    secondary: list[Article] = field(default_factory=list)
    featured: list[Article] = field(default_factory=list)  # picks beyond the top stories
    latest: list[Article] = field(default_factory=list)
    rails: list[Rail] = field(default_factory=list)

    def stories(self) -> list[Article]:
        """Every story on the page, top to bottom."""
        top = [self.lead] if self.lead else []
        rails = [story for rail in self.rails for story in rail.stories]
        return [*top, *self.secondary, *self.featured, *self.latest, *rails]


def front_page(sections: list[Section], latest_count: int = LATEST) -> FrontPage:
    """Picks first in the editors' order, then the newest stories, then a rail per section of
    `sections` with its newest stories not already shown. The first story leads."""
    public = Article.objects.published().for_cards()
    picks = list(public.filter(home_slot__isnull=False).order_by("home_slot__position")[:MAX_PICKS])
    wanted = 1 + SECONDARY + latest_count
    newest = list(public.exclude(pk__in=[pick.pk for pick in picks]).newest_first()[:wanted])
    top_count = 1 + SECONDARY
    top = [*picks, *newest][:top_count]
    featured = picks[top_count:]
    latest = newest[max(0, top_count - len(picks)) :][:latest_count]
    prefetch_related_objects(top, Article.objects.bylines_prefetch())
    page = FrontPage(
        lead=top[0] if top else None, secondary=top[1:], featured=featured, latest=latest
    )
    page.rails = section_rails(sections, exclude=[story.pk for story in page.stories()])
    return page


def section_rails(sections: list[Section], exclude: list[int], per_rail: int = PER_RAIL):
    """The newest public stories of each section (children included), minus `exclude`."""
    if not sections:
        return []
    stories = (
        Article.objects.published()
        .exclude(pk__in=exclude)
        .latest_per_section(sections, per_rail)
        .for_cards()
    )
    by_section: dict[int, list[Article]] = {}
    for story in stories:
        by_section.setdefault(story.top_section_id, []).append(story)
    return [
        Rail(section, by_section[section.pk]) for section in sections if section.pk in by_section
    ]


def feature(article: Article) -> None:
    """Add `article` after the current picks; nothing changes if it is already picked."""
    if HomeSlot.objects.filter(article=article).exists():
        return
    last = HomeSlot.objects.aggregate(last=Max("position"))["last"]
    HomeSlot.objects.create(article=article, position=0 if last is None else last + 1)
