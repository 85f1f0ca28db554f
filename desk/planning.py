"""The story budget: days and weeks of planned lines and scheduled articles, and turning a
line into the draft that fulfils it."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline
from authors.models import Author
from desk import access
from desk.models import Assignment, BudgetLine
from editorial import revisions


@dataclass(frozen=True)
class Entry:
    """One item of a day: a planned line or a scheduled/published article."""

    when: datetime | None
    title: str
    section: str
    status: str
    url: str
    kind: str  # "line" or "article"


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def week_of(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def calendar(user, days: list[date], *, section=None, person=None) -> dict[date, list[Entry]]:
    """Each of `days` with its planned lines and its scheduled or published articles, in time
    order, as far as `user` may see them; `section` and `person` narrow both. Two queries."""
    start, _ = day_bounds(days[0])
    _, end = day_bounds(days[-1])
    lines = access.lines_for(user).filter(planned_for__gte=start, planned_for__lt=end)
    articles = access.articles_for(user).filter(
        status=Article.Status.PUBLISHED,
        trashed_at__isnull=True,
        published_at__gte=start,
        published_at__lt=end,
    )
    if section is not None:
        lines = lines.filter(Q(section=section) | Q(section__parent=section))
        articles = articles.in_section(section)
    if person is not None:
        lines = lines.filter(Q(writer=person) | Q(editor=person))
        articles = articles.filter(
            Q(assignment__writer=person) | Q(assignment__editor=person) | Q(created_by=person)
        )
    by_day: dict[date, list[Entry]] = {day: [] for day in days}
    for line in lines.select_related("section", "article"):
        if line.article_id and line.article.status == Article.Status.PUBLISHED:
            continue  # its article is listed itself, at its real time
        by_day[timezone.localdate(line.planned_for)].append(
            Entry(
                line.planned_for, line.slug, str(line.section or ""),
                line.current_status_label, line.get_absolute_url(), "line",
            )
        )  # fmt: skip
    for article in articles.select_related("section").only(
        "id", "headline", "status", "published_at", "unpublish_at", "trashed_at", "section"
    ):
        by_day[timezone.localdate(article.published_at)].append(
            Entry(
                article.published_at, article.headline, str(article.section),
                article.editorial_status, _desk_url(article), "article",
            )
        )  # fmt: skip
    for entries in by_day.values():
        entries.sort(key=lambda entry: entry.when)
    return by_day


def _desk_url(article: Article) -> str:
    return reverse("desk:article", args=[article.pk])


class LineRefused(Exception):
    pass


@transaction.atomic
def create_draft(line: BudgetLine, user) -> Article:
    """Turn `line` into a draft article linked to it; its writer owns the draft.

    The writer's author profile (if any) is put on the byline, and the line's writer and editor
    become the article's assignment.
    """
    line = BudgetLine.objects.select_for_update().get(pk=line.pk)
    if line.article_id:
        raise LineRefused("This line already has its article.")
    if line.section_id is None:
        raise LineRefused("Give the line a section first: every article belongs to one.")
    owner = line.writer or user
    article = Article.objects.create(
        headline=line.slug,
        section_id=line.section_id,
        status=Article.Status.DRAFT,
        created_by=owner,
        last_edited_by=user,
    )
    author = Author.objects.filter(user=owner).first()
    if author:
        Byline.objects.create(article=article, author=author)
    Assignment.objects.create(article=article, writer=line.writer, editor=line.editor)
    revisions.record(article, user, "Created from the story budget")
    line.article = article
    line.save(update_fields=["article"])
    return article
