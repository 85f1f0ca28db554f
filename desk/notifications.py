"""Notifications: a row for the admin's list, and an email when the recipient wants one.

`notify()` is the one door, also for other apps (the editing-session take-over calls
`notify(user, Notification.Kind.TAKEN_OVER, article=..., actor=...)`). Email leaves the request
through the task queue after the commit, and a mail server that fails is logged, never raised:
a save must not fail because a notification could not be mailed.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from desk import access
from desk.models import BudgetLine, EmailPreference, Notification

logger = logging.getLogger(__name__)
Kind = Notification.Kind

DEFAULT_MESSAGES = {
    Kind.SUBMITTED: "{actor} submitted “{title}” for review.",
    Kind.SENT_BACK: "{actor} sent “{title}” back to draft.",
    Kind.READY: "{actor} approved “{title}”: it is ready to publish.",
    Kind.SCHEDULED: "{actor} scheduled “{title}”.",
    Kind.PUBLISHED: "{actor} published “{title}”.",
    Kind.MENTIONED: "{actor} mentioned you in a note on “{title}”.",
    Kind.ASSIGNED: "{actor} assigned “{title}” to you.",
    Kind.TAKEN_OVER: "{actor} took over editing “{title}”.",
}


def notify(
    user,
    kind: str,
    article: Article | None = None,
    *,
    budget_line: BudgetLine | None = None,
    actor=None,
    message: str = "",
) -> Notification | None:
    """Tell `user` that `kind` happened to `article` (or `budget_line`), done by `actor`.

    Nobody is told about their own action, nor about work they may not see. Returns the
    notification, or None when none was made.
    """
    if user is None or not user.is_active or (actor is not None and actor.pk == user.pk):
        return None
    if article is not None and not access.can_see_article(user, article):
        return None
    if budget_line is not None and not access.can_see_line(user, budget_line):
        return None
    title = str(article or budget_line or "")
    text = message or DEFAULT_MESSAGES[Kind(kind)].format(
        actor=_name(actor) if actor else "Someone", title=title
    )
    notification = Notification.objects.create(
        recipient=user,
        kind=kind,
        actor=actor,
        article=article,
        budget_line=budget_line,
        message=text[:500],
    )
    if user.email and wants_email(user, kind):
        transaction.on_commit(lambda: _enqueue_email(notification.pk))
    return notification


def notify_all(users, kind: str, article=None, **kwargs) -> list[Notification]:
    """`notify()` each of `users` once."""
    seen, made = set(), []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        if notification := notify(user, kind, article, **kwargs):
            made.append(notification)
    return made


def wants_email(user, kind: str) -> bool:
    preference = EmailPreference.objects.filter(user=user).first()
    return preference.wants(kind) if preference else True


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, ids=None) -> int:
    """Mark `user`'s notifications read (all, or those of `ids`); others' are never touched."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _enqueue_email(notification_id: int) -> None:
    try:
        send_notification_email.enqueue(notification_id)
    except Exception:  # a queue that is down must not turn a saved article into an error
        logger.exception("Could not queue the email of notification %s", notification_id)


@task
def send_notification_email(notification_id: int) -> bool:
    """Mail one notification (plain text and HTML, with a link). False when not sent."""
    notification = (
        Notification.objects.select_related("recipient", "article", "budget_line", "actor")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    context = {
        "notification": notification,
        "link": settings.SITE_URL + notification.target_url,
        "site_name": settings.SITE_NAME,
    }
    subject = f"[{settings.SITE_NAME}] {notification.get_kind_display()}: " + str(
        notification.article or notification.budget_line or ""
    )
    email = EmailMultiAlternatives(
        subject=subject[:200],
        body=render_to_string("desk/email/notification.txt", context),
        to=[notification.recipient.email],
    )
    email.attach_alternative(render_to_string("desk/email/notification.html", context), "text/html")
    try:
        email.send()
    except Exception:  # SMTP down, refused, timed out: logged, the notification stays in the list
        logger.exception("Could not mail notification %s", notification_id)
        return False
    return True


def staff_editors():
    """Active editors (who may publish), for "submitted" when no editor is assigned."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return list(users.filter(groups__name="Editor").distinct())
