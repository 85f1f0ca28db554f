"""The editorial workflow: who may do what to an article, in one table.

Draft → In review → Ready → Published (now, or scheduled for a future time) → Unpublished, and
back to Draft from review. Contributors write and submit their own drafts; editors do the rest.
Every step is recorded (`Transition`) and stored as a revision. The admin's buttons are built
from `allowed_steps`, and `apply` checks the same rules again, so a hand-made POST gets nowhere.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Transition
from editorial import previews, revisions
from editorial.prepublish import publish_problems

Status = Article.Status
PUBLISH_PERMISSION = "articles.publish_article"
EDIT_ANY_PERMISSION = "articles.edit_any_article"
PURGE_PERMISSION = "articles.purge_article"


class TransitionRefused(Exception):
    """The step is not allowed (wrong status, missing permission, or failed checks)."""

    def __init__(self, reasons: list[str] | str):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__(" ".join(self.reasons))


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    editors_only: bool = True


STEPS = [
    Step("submit", "Submit for review", (Status.DRAFT,), Status.IN_REVIEW, editors_only=False),
    Step("approve", "Mark ready", (Status.IN_REVIEW,), Status.READY),
    Step("return_to_draft", "Back to draft", (Status.IN_REVIEW, Status.READY), Status.DRAFT),
    Step(
        "publish",
        "Publish now",
        (Status.DRAFT, Status.IN_REVIEW, Status.READY, Status.PUBLISHED, Status.UNPUBLISHED),
        Status.PUBLISHED,
    ),
    Step(
        "schedule",
        "Schedule",
        (Status.DRAFT, Status.IN_REVIEW, Status.READY, Status.UNPUBLISHED),
        Status.PUBLISHED,
    ),
    Step("unpublish", "Unpublish", (Status.PUBLISHED,), Status.UNPUBLISHED),
    Step("reopen", "Back to draft", (Status.UNPUBLISHED,), Status.DRAFT),
]
STEPS_BY_ACTION = {step.action: step for step in STEPS}
# What a refusal tells a contributor they cannot do.
ROLE_VERBS = {
    "approve": "mark an article ready",
    "return_to_draft": "send an article back to draft",
    "publish": "publish",
    "schedule": "schedule an article",
    "unpublish": "unpublish",
    "reopen": "reopen an unpublished article",
}
# The next step the edit page makes stand out, the first of these that is allowed.
PRIMARY_ORDER = ["approve", "publish", "submit", "reopen"]
CONFIRMATIONS = {
    "unpublish": "Unpublish “{headline}”? It leaves the public site, feeds and sitemaps at once, "
    "and every preview link given out stops working.",
}


def is_editor(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def owns(user, article: Article) -> bool:
    """An article is mine when I created it or my author profile is on its byline."""
    if article.created_by_id and article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.bylines.filter(author__user=user).exists()


def can_edit(user, article: Article) -> bool:
    """Editors edit anything not in the trash; contributors edit their own drafts."""
    if not user.is_active or not user.has_perm("articles.change_article"):
        return False
    if article.trashed_at is not None:
        return False  # restore it first
    if user.has_perm(EDIT_ANY_PERMISSION):
        return True
    return article.status == Status.DRAFT and owns(user, article)


def can_preview(user, article: Article) -> bool:
    return user.is_active and (user.has_perm(EDIT_ANY_PERMISSION) or owns(user, article))


def _step_applies(step: Step, article: Article) -> bool:
    if article.status not in step.sources:
        return False
    if step.action == "publish" and article.status == Status.PUBLISHED:
        return article.is_scheduled or article.is_expired  # "publish now" instead of waiting
    return True


def allowed_steps(article: Article, user) -> list[Step]:
    """The next steps `user` may take from the article's current status (the edit-page buttons).

    An unsaved article is a draft its writer is creating (the add page's buttons)."""
    if article.trashed_at is not None:
        return []
    may_write = (
        user.has_perm("articles.add_article") if article.pk is None else can_edit(user, article)
    )
    steps = []
    for step in STEPS:
        if not _step_applies(step, article):
            continue
        if step.editors_only and not is_editor(user):
            continue
        if not step.editors_only and not may_write:
            continue
        steps.append(step)
    return steps


def refusal(step: Step, article: Article, user) -> str:
    """Why `user` may not take `step`: the role when it is the role, else the status."""
    if step.editors_only and not is_editor(user) and _step_applies(step, article):
        advice = "submit it for review" if article.status == Status.DRAFT else "ask an editor"
        return f"Contributors cannot {ROLE_VERBS.get(step.action, step.label.lower())}; {advice}."
    if not step.editors_only and article.pk is not None and not can_edit(user, article):
        return "Contributors can submit only their own drafts; ask an editor."
    return (
        f"You cannot “{step.label.lower()}” an article that is {article.editorial_status.lower()}."
    )


@dataclass(frozen=True)
class Button:
    """A workflow step as the edit page draws it: the primary next step stands out, the one
    that takes a story off the site asks first, naming what it does."""

    action: str
    label: str
    rank: str  # "primary", "secondary" or "danger"
    confirm: str = ""


def buttons(article: Article, user) -> list[Button]:
    """`allowed_steps` as buttons, the primary next step first."""
    steps = allowed_steps(article, user)
    actions = [step.action for step in steps]
    primary = next((action for action in PRIMARY_ORDER if action in actions), None)
    drawn = []
    for step in steps:
        rank = "danger" if step.action == "unpublish" else "secondary"
        rank = "primary" if step.action == primary else rank
        confirm = CONFIRMATIONS.get(step.action, "").format(headline=article.headline)
        drawn.append(Button(step.action, step.label, rank, confirm))
    return sorted(drawn, key=lambda button: button.rank != "primary")


@transaction.atomic
def apply(article: Article, action: str, user, at: datetime | None = None) -> Transition:
    """Take the step named `action`, as `user`; `at` is the time for "schedule".

    Raises TransitionRefused with readable reasons when the step is not allowed.
    """
    step = STEPS_BY_ACTION.get(action)
    if step is None:
        raise TransitionRefused(f"“{action}” is not a workflow step.")
    if step not in allowed_steps(article, user):
        raise TransitionRefused(refusal(step, article, user))
    now = timezone.now().replace(microsecond=0)  # what the admin's time fields can show
    if step.action in {"publish", "schedule"} and (problems := publish_problems(article)):
        raise TransitionRefused(["Not published:", *problems])
    if step.action == "schedule":
        if at is None or at <= now:
            raise TransitionRefused("To schedule, give a publication time in the future.")
        article.published_at = at
    elif step.action == "publish":
        if article.published_at is None or article.published_at > now:
            article.published_at = now
        if article.unpublish_at and article.unpublish_at <= now:
            article.unpublish_at = None
    previous = article.status
    article.status = step.target
    article.save()
    if step.action == "unpublish":
        previews.revoke(article)  # a reviewer's link must not outlive the story's withdrawal
    transition = Transition.objects.create(
        article=article,
        action=step.action,
        from_status=previous,
        to_status=step.target,
        by=user,
        at=now,
    )
    revisions.record(article, user, step.label)
    return transition
