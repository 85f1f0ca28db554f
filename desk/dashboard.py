"""The admin home page: what each person has to do today, in a fixed number of queries.

Every panel is one query for its rows (limited) and the counts of all panels are one
aggregate, so the page costs the same with ten articles or a hundred thousand
(tests/test_desk_dashboard.py asserts it at two sizes).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Transition
from desk import access, jobs, planning
from desk.models import BudgetLine

Status = Article.Status
ROWS = 8  # rows shown per panel; the count and the "all" link tell the rest
DONE_LINE_STATUSES = [BudgetLine.Status.PUBLISHED, BudgetLine.Status.DROPPED]


@dataclass
class Panel:
    key: str
    title: str
    count: int
    rows: list
    more_url: str = ""
    empty: str = "Nothing here."


@dataclass
class Dashboard:
    role: str
    panels: list[Panel] = field(default_factory=list)
    schedule: dict = field(default_factory=dict)
    failed_jobs: list = field(default_factory=list)
    failed_jobs_count: int = 0
    task_results_recorded: bool = False
    import_runs: list = field(default_factory=list)


def role_of(user) -> str:
    if user.is_superuser or user.has_perm("auth.change_user"):
        return "administrator"
    return "editor" if access.is_editor(user) else "contributor"


def _last_step():
    newest = Transition.objects.filter(article=OuterRef("pk")).order_by("-at", "-id")
    return Subquery(newest.values("action")[:1])


def _submitted_at():
    newest = Transition.objects.filter(article=OuterRef("pk"), action="submit").order_by("-at")
    return Subquery(newest.values("at")[:1])


def _changelist(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("admin:articles_article_changelist") + (f"?{query}" if query else "")


def _rows(queryset, *order):
    return list(queryset.select_related("section").order_by(*order)[:ROWS])


def build(user) -> Dashboard:
    role = role_of(user)
    board = Dashboard(role=role)
    board.panels = _my_panels(user)
    if role != "contributor":  # the newsroom's queue first, then the editor's own work
        board.panels = _desk_panels() + board.panels
        today = timezone.localdate()
        board.schedule = planning.calendar(user, [today, today + timedelta(days=1)])
    if role == "administrator":
        board.task_results_recorded = jobs.task_results_recorded()
        board.failed_jobs_count, board.failed_jobs = jobs.failed_jobs()
        board.import_runs = jobs.import_runs()
    return board


def _my_panels(user) -> list[Panel]:
    """Everyone's own work: drafts, in review, sent back, assigned (four queries + counts)."""
    mine = access.own_articles(user).not_trashed().annotate(last_step=_last_step())
    assigned = Article.objects.not_trashed().filter(
        Q(assignment__writer=user) | Q(assignment__editor=user)
    )
    lines = BudgetLine.objects.filter(Q(writer=user) | Q(editor=user)).exclude(
        status=BudgetLine.Status.DROPPED
    )
    lines = lines.filter(Q(article__isnull=True) | ~Q(article__status=Status.PUBLISHED))
    counts = mine.aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        in_review=Count("pk", filter=Q(status__in=[Status.IN_REVIEW, Status.READY])),
        came_back=Count("pk", filter=Q(status=Status.DRAFT, last_step="return_to_draft")),
    )
    return [
        Panel(
            "came_back", "Came back to me", counts["came_back"],
            _rows(mine.filter(status=Status.DRAFT, last_step="return_to_draft"), "-modified_at"),
            empty="Nothing was sent back to you.",
        ),
        Panel(
            "my_drafts", "My drafts", counts["drafts"],
            _rows(mine.filter(status=Status.DRAFT), "-modified_at"),
            _changelist(state=Status.DRAFT), "You have no drafts.",
        ),
        Panel(
            "my_in_review", "My articles in review", counts["in_review"],
            _rows(mine.filter(status__in=[Status.IN_REVIEW, Status.READY]), "-modified_at"),
            empty="None of your articles waits for review.",
        ),
        Panel(
            "assigned", "Assigned to me", assigned.count(),
            _rows(assigned, "-modified_at"), _changelist(assigned="me"),
            "No article is assigned to you.",
        ),
        Panel(
            "my_lines", "My budget lines", lines.count(),
            list(lines.select_related("section", "article").order_by("planned_for")[:ROWS]),
            reverse("desk:plan") + "?person=me", "No planned story is assigned to you.",
        ),
    ]  # fmt: skip


def _desk_panels() -> list[Panel]:
    """The editors' view of the whole newsroom (one aggregate + five lists)."""
    now = timezone.now()
    stale_before = now - timedelta(days=settings.DESK_STALE_DRAFT_DAYS)
    live = Article.objects.not_trashed()
    recent = Q(status=Status.PUBLISHED, published_at__gt=now - timedelta(hours=24))
    recent &= Q(published_at__lte=now)
    stale = Q(status=Status.DRAFT, modified_at__lt=stale_before)
    counts = live.aggregate(
        review=Count("pk", filter=Q(status=Status.IN_REVIEW)),
        ready=Count("pk", filter=Q(status=Status.READY)),
        recent=Count("pk", filter=recent),
        stale=Count("pk", filter=stale),
    )
    queue = list(
        live.filter(status=Status.IN_REVIEW)
        .annotate(submitted_at=_submitted_at())
        .select_related("section")
        .order_by("submitted_at", "modified_at")[:ROWS]
    )
    for article in queue:
        article.waiting = now - (article.submitted_at or article.modified_at)
    corrections = list(
        Correction.objects.select_related("article").order_by("-noted_at", "-id")[:5]
    )
    return [
        Panel(
            "review", "Review queue", counts["review"], queue,
            _changelist(state=Status.IN_REVIEW), "Nothing waits for review.",
        ),
        Panel(
            "ready", "Ready to publish", counts["ready"],
            _rows(live.filter(status=Status.READY), "modified_at"),
            _changelist(state=Status.READY), "Nothing is ready and waiting.",
        ),
        Panel(
            "published", "Published in the last 24 hours", counts["recent"],
            _rows(live.filter(recent), "-published_at"),
            _changelist(state=Status.PUBLISHED), "Nothing was published in the last 24 hours.",
        ),
        Panel(
            "corrections", "Recent corrections", len(corrections), corrections,
            reverse("articles:corrections"), "No corrections.",
        ),
        Panel(
            "stale", f"Drafts untouched for {settings.DESK_STALE_DRAFT_DAYS} days",
            counts["stale"], _rows(live.filter(stale), "modified_at"),
            empty="No stale drafts.",
        ),
    ]  # fmt: skip
