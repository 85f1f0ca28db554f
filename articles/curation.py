"""Home-page curation: the editors' picks lead, then the newest stories, then section rails.

The front page is built once, in `front_page()`, so that no story appears twice on it: the lead,
the secondary stories, the extra picks and the latest list are taken in that order from one list,
and the section rails leave out everything already shown. Picks that are not public drop out by
themselves (everything goes through `published()`), and the page fills up with the newest stories.

Four queries (picks and latest, each with its bylines, the rails' stories, their cards),
whatever the number of picks or the size of the archive: the picks come through their slots,
the latest and the rails through the publication-time index (`section_rails`). (Ordering the
whole public archive by "picked first, then newest" in one query made PostgreSQL sort every
public row: 118 ms at 100,000.)
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from articles.models import Article, HomeSlot, Section
from articles.querysets import TEXT_CARD_FIELDS
from core.prepared import prepared

MAX_PICKS = 8
SECONDARY = 4  # beside the lead: the issue asks for two to four
LATEST = 8
PER_RAIL = 4
# Newest stories read per rail before a quiet section is looked up on its own.
RAIL_WINDOW = 8
# A story's rail: its section's parent, or its section if that is top-level.
_TOP_SECTION = Coalesce(F("section__parent_id"), F("section_id"))


class TextCard(NamedTuple):
    """A story as a text card shows it (headline, link, date; the section blocks): a row, not
    a model instance, which took four times the Python calls to make."""

    pk: int
    headline: str
    slug: str
    published_at: datetime

    get_absolute_url = Article.get_absolute_url  # reads pk and slug only


@dataclass
class Rail:
    section: Section
    stories: list[Article] | list[TextCard]


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
    now = timezone.now()
    picks = _picks(now=now, count=MAX_PICKS)
    wanted = 1 + SECONDARY + latest_count
    newest = newest_cards(excluded=[pick.pk for pick in picks], now=now, count=wanted, bylines=True)
    top_count = 1 + SECONDARY
    top = [*picks, *newest][:top_count]
    featured = picks[top_count:]
    latest = newest[max(0, top_count - len(picks)) :][:latest_count]
    page = FrontPage(
        lead=top[0] if top else None, secondary=top[1:], featured=featured, latest=latest
    )
    page.rails = section_rails(sections, exclude=[story.pk for story in page.stories()])
    return page


def section_rails(
    sections: list[Section],
    exclude: list[int],
    per_rail: int = PER_RAIL,
    pictured: bool = True,
    ranked: list | None = None,
):
    """The newest public stories of each section (children included), minus `exclude`, as
    cards with their section and lead image, or (`pictured=False`) `TextCard`s: headline,
    link and date. `ranked` is the text rails' rows if they were fetched along with something
    else before `exclude` was known (`ranked_text_cards()` with `text_rails_window()`): they
    are used unless they hold an excluded story.

    Two queries: the ids and sections of the newest public stories (a short walk of the
    publication-date index, `RAIL_WINDOW` stories per rail), from which each rail takes its
    newest, then those stories' cards (text cards: one query, `_text_rails()`). A section too
    quiet to fill its rail from that window is walked on its own (`latest_per_section`) in the
    cards query. The rails are renewed on every publish, so this runs often; one window query
    for every rail (a UNION of a walk per section) cost three times as much to compile as it
    took PostgreSQL to run.
    """
    if not sections:
        return []
    window = text_rails_window(sections, per_rail)
    if not pictured:
        return _text_rails(sections, exclude, per_rail, window, ranked)
    recent = _newest_placed(excluded=exclude, now=timezone.now(), count=window)
    picked: dict[int, list[int]] = {section.pk: [] for section in sections}
    for pk, section_id, parent_id in recent:
        rail = picked.get(parent_id or section_id)
        if rail is not None and len(rail) < per_rail:
            rail.append(pk)
    short = [section for section in sections if len(picked[section.pk]) < per_rail]
    cards = Article.objects.for_cards()
    ids = [pk for rail in picked.values() for pk in rail]
    if short and len(recent) == window:
        # Older stories may fill them: the same query also walks each of those sections.
        walks = (
            Article.objects.published()
            .exclude(pk__in=exclude)
            .latest_per_section(short, per_rail)
            .values("pk")
        )
        cards = cards.filter(Q(pk__in=ids) | Q(pk__in=walks)).annotate(top_section_id=_TOP_SECTION)
        found = {card.pk: card for card in cards}
        for card in found.values():
            rail = picked.get(card.top_section_id)
            if rail is not None and card.pk not in rail:
                rail.append(card.pk)
    else:
        found = {card.pk: card for card in _cards(ids=ids)}
    return _rails(
        sections,
        {pk: [found[pk] for pk in rail if pk in found] for pk, rail in picked.items()},
        per_rail,
    )


def _rails(sections: list[Section], stories: dict[int, list], per_rail: int) -> list[Rail]:
    """A rail per section with stories (`stories[section.pk]`): its newest `per_rail`."""
    rails = []
    for section in sections:
        newest = sorted(
            stories[section.pk], key=lambda story: (story.published_at, story.pk), reverse=True
        )[:per_rail]
        if newest:
            rails.append(Rail(section, newest))
    return rails


def text_rails_window(sections: list[Section], per_rail: int) -> int:
    """How many of the newest public stories the text rails of `sections` rank."""
    return per_rail * len(sections) * RAIL_WINDOW


def _text_rails(
    sections: list[Section], exclude: list[int], per_rail: int, window: int, ranked: list | None
):
    """`section_rails(pictured=False)`: usually one query, which ranks the `window` newest
    public stories per rail in the database and returns only each rail's newest, as rows
    (or none: `ranked` came from another statement). When a rail is short and the window was
    full (a quiet section), a second query walks those sections on their own, as
    `section_rails()` does."""
    wanted = {section.pk for section in sections}
    if ranked is not None and not set(exclude).isdisjoint(
        pk for rail_id, _seen, pk, *_ in ranked if rail_id in wanted
    ):
        ranked = None  # a rail would show a story shown elsewhere: rank again without it (rare)
    if ranked is None:
        now = timezone.now()
        ranked = _ranked_text_cards(excluded=exclude, now=now, count=window, rank=per_rail)
    stories: dict[int, list[TextCard]] = {section.pk: [] for section in sections}
    for rail_id, _seen, *card in ranked:
        if rail_id in stories:
            stories[rail_id].append(TextCard(*card))
    short = [section for section in sections if len(stories[section.pk]) < per_rail]
    if short and ranked and ranked[0][1] >= window:
        walks = Article.objects.published().exclude(pk__in=exclude)
        walks = walks.latest_per_section(short, per_rail).values("pk")
        older = Article.objects.filter(pk__in=walks).annotate(rail_id=_TOP_SECTION)
        for rail_id, *card in older.values_list("rail_id", *TEXT_CARD_FIELDS):
            if rail_id in stories and card[0] not in {story.pk for story in stories[rail_id]}:
                stories[rail_id].append(TextCard(*card))
    return _rails(sections, stories, per_rail)


@prepared(shape=["count"])
def _picks(*, now: datetime, count: int):
    """The public picks in the editors' order, with their bylines (`for_listing()`)."""
    public = Article.objects.published(at=now).for_listing()
    return public.filter(home_slot__isnull=False).order_by("home_slot__position")[:count]


@prepared(shape=["count", "bylines", "text"])
def newest_cards(
    *,
    excluded: list[int],
    now: datetime,
    count: int,
    section_id: int | None = None,
    bylines: bool = False,
    text: bool = False,
):
    """Cards of the newest public stories (of a section, children included) not excluded,
    with their bylines (`for_listing()`) if asked, or (`text`) the rows of `TextCard`s."""
    stories = Article.objects.published(at=now)
    if section_id is not None:
        stories = stories.in_section(section_id)
    stories = stories.exclude(pk__in=excluded).newest_first()
    if text:
        return stories.values_list(*TEXT_CARD_FIELDS)[:count]
    cards = stories.for_listing() if bylines else stories.for_cards()
    return cards[:count]


@prepared(shape=["count"])
def _newest_placed(*, excluded: list[int], now: datetime, count: int):
    """Id, section and parent section of the `count` newest public stories not excluded."""
    return (
        Article.objects.published(at=now)
        .exclude(pk__in=excluded)
        .newest_first()
        .values_list("pk", "section_id", "section__parent_id")[:count]
    )


@prepared()
def _cards(*, ids: list[int]):
    return Article.objects.for_cards().filter(pk__in=ids)


def ranked_text_cards(*, excluded: list[int], now: datetime, count: int, rank: int):
    """Among the `count` newest public stories not excluded, the `rank` newest of each
    top-level section, as rows: its id, how many stories the window held, then the text
    card's fields (in no order). A queryset, for `_ranked_text_cards()` and for statements
    that fetch the rails along with something else (`articles.related`)."""
    recent = Article.objects.published(at=now).exclude(pk__in=excluded).newest_first()
    newest_first = [F("published_at").desc(), F("id").desc()]
    return (
        Article.objects.filter(pk__in=recent.values("pk")[:count])
        .annotate(
            rail_id=_TOP_SECTION,
            rail_rank=Window(RowNumber(), partition_by=[_TOP_SECTION], order_by=newest_first),
            seen=Window(Count("id")),
        )
        .filter(rail_rank__lte=rank)
        .values_list("rail_id", "seen", *TEXT_CARD_FIELDS)
    )


_ranked_text_cards = prepared(shape=["count", "rank"])(ranked_text_cards)


def feature(article: Article) -> None:
    """Add `article` after the current picks; nothing changes if it is already picked."""
    if HomeSlot.objects.filter(article=article).exists():
        return
    last = HomeSlot.objects.aggregate(last=Max("position"))["last"]
    HomeSlot.objects.create(article=article, position=0 if last is None else last + 1)
