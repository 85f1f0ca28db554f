"""Internal notes: threads on articles and budget lines, @mentions, resolving, send-backs.

A mention is `@username`; it notifies the user if they may see the thread, and is ignored
otherwise (a note cannot be used to show someone a story they may not read).
"""

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Transition
from desk import access
from desk.models import BudgetLine, Note, Notification
from desk.notifications import notify
from editorial import workflow

MENTION = re.compile(r"(?<![\w@.])@([\w.+-]+)")


def mentioned_users(text: str):
    names = {name.rstrip(".") for name in MENTION.findall(text)}
    if not names:
        return []
    return list(get_user_model().objects.filter(username__in=names, is_active=True))


@transaction.atomic
def add_note(
    author,
    text: str,
    *,
    article: Article | None = None,
    budget_line: BudgetLine | None = None,
    step: str = "",
) -> Note:
    """Post a note on `article` or `budget_line` and tell the people it mentions."""
    note = Note.objects.create(
        author=author, text=text, article=article, budget_line=budget_line, step=step
    )
    visible = [
        user
        for user in mentioned_users(text)
        if (article and access.can_see_article(user, article))
        or (budget_line and access.can_see_line(user, budget_line))
    ]
    note.mentions.set(visible)
    for user in visible:
        notify(user, Notification.Kind.MENTIONED, article, budget_line=budget_line, actor=author)
    return note


def set_resolved(note: Note, user, resolved: bool) -> None:
    note.resolved_at = timezone.now() if resolved else None
    note.resolved_by = user if resolved else None
    note.save(update_fields=["resolved_at", "resolved_by"])


@transaction.atomic
def send_back(article: Article, user, text: str) -> Note:
    """Take the workflow's "back to draft" step with a note saying why.

    The note is kept on the step itself (`Transition.note`, cut to its 300 characters) and in
    full in the article's thread, marked with the step. Refusals are the workflow's.
    """
    transition: Transition = workflow.apply(article, "return_to_draft", user)
    transition.note = text[:300]
    transition.save(update_fields=["note"])
    return add_note(user, text, article=article, step="return_to_draft")
