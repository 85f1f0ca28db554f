"""Who writes and who edits: for articles (`Assignment`) and budget lines (their own fields).

Every change is logged (`AssignmentChange`, shown in the activity timeline) and the new
assignee is notified.
"""

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from desk.models import Assignment, AssignmentChange, BudgetLine, Notification
from desk.notifications import notify

Role = AssignmentChange.Role


@transaction.atomic
def assign(article: Article, *, writer, editor, by) -> Assignment:
    """Set the article's writer and editor (None clears one); log and notify what changed."""
    assignment, _ = Assignment.objects.get_or_create(article=article)
    changes = _changes(assignment, writer, editor)
    if not changes:
        return assignment
    assignment.writer, assignment.editor = writer, editor
    assignment.changed_at = timezone.now()
    assignment.save()
    for role, user in changes:
        AssignmentChange.objects.create(article=article, role=role, user=user, by=by)
        notify(user, Notification.Kind.ASSIGNED, article, actor=by)
    return assignment


def line_assigned(line: BudgetLine, *, old_writer_id, old_editor_id, by) -> None:
    """After a budget line was saved: log and notify a new writer or editor."""
    changes = []
    if line.writer_id != old_writer_id:
        changes.append((Role.WRITER, line.writer))
    if line.editor_id != old_editor_id:
        changes.append((Role.EDITOR, line.editor))
    for role, user in changes:
        AssignmentChange.objects.create(budget_line=line, role=role, user=user, by=by)
        notify(user, Notification.Kind.ASSIGNED, budget_line=line, actor=by)
    if line.writer_id and line.status == BudgetLine.Status.IDEA:
        line.status = BudgetLine.Status.ASSIGNED
        line.save(update_fields=["status"])


def _changes(assignment: Assignment, writer, editor) -> list[tuple[str, object]]:
    changes = []
    if assignment.writer_id != (writer.pk if writer else None):
        changes.append((Role.WRITER, writer))
    if assignment.editor_id != (editor.pk if editor else None):
        changes.append((Role.EDITOR, editor))
    return changes
