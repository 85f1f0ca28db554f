"""Workflow steps become notifications, whatever door they came through (edit page buttons,
bulk actions, the desk's send-back): `Transition` rows are the one record of a step."""

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.timezone import localtime

from articles.models import Article, Transition
from desk.models import Assignment, Notification
from desk.notifications import notify_all, staff_editors

Kind = Notification.Kind
KIND_OF_ACTION = {
    "submit": Kind.SUBMITTED,
    "return_to_draft": Kind.SENT_BACK,
    "approve": Kind.READY,
    "schedule": Kind.SCHEDULED,
    "publish": Kind.PUBLISHED,
}


def connect() -> None:
    post_save.connect(_transition_saved, sender=Transition, dispatch_uid="desk_transition")


def _transition_saved(sender, instance: Transition, created: bool, **kwargs) -> None:
    if created and instance.action in KIND_OF_ACTION:
        pk = instance.pk
        transaction.on_commit(lambda: notify_transition(pk))


def writers_of(article: Article) -> list:
    """Who should hear about their story: the assigned writer, its creator, its bylines."""
    people = [article.created_by]
    assignment = Assignment.objects.filter(article=article).select_related("writer").first()
    if assignment:
        people.append(assignment.writer)
    people += [
        byline.author.user
        for byline in article.bylines.select_related("author__user")
        if byline.author.user_id
    ]
    return [person for person in people if person is not None]


def assigned_editor(article: Article):
    assignment = Assignment.objects.filter(article=article).select_related("editor").first()
    return assignment.editor if assignment else None


def notify_transition(transition_id: int) -> None:
    """Tell the people a workflow step concerns (after the step committed)."""
    step = (
        Transition.objects.select_related("article__created_by", "by")
        .filter(pk=transition_id)
        .first()
    )
    if step is None:
        return
    article, kind = step.article, KIND_OF_ACTION[step.action]
    message = ""
    if kind == Kind.SUBMITTED:
        editor = assigned_editor(article)
        people = [editor] if editor else staff_editors()
    elif kind == Kind.SCHEDULED:
        people = [*writers_of(article), assigned_editor(article)]
        when = article.published_at
        message = f"“{article}” is scheduled for {localtime(when):%d %B %Y, %H:%M}." if when else ""
    else:
        people = writers_of(article)
    if kind == Kind.SENT_BACK and step.note:
        message = f"“{article}” was sent back to draft: {step.note}"
    notify_all(people, kind, article, actor=step.by, message=message)
