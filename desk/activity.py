"""An article's history in one timeline: workflow steps, saves, notes, assignments and
corrections, newest first (five queries, whatever the history's length)."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from articles.models import Article
from desk.models import AssignmentChange

LIMIT = 200  # per kind; a story with more saves than this shows its latest ones


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # step, save, note, assignment, correction
    who: str
    text: str
    url: str = ""


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "someone"


def timeline(article: Article) -> list[Event]:
    events = []
    for step in article.transitions.select_related("by")[:LIMIT]:
        text = f"{step.get_from_status_display()} → {step.get_to_status_display()} ({step.action})"
        if step.note:
            text += f": {step.note}"
        events.append(Event(step.at, "step", _name(step.by), text))
    revisions_url = reverse("admin:articles_article_revisions", args=[article.pk])
    for revision in article.revisions.select_related("created_by").defer("data")[:LIMIT]:
        url = ""
        if revision.number > 1:
            url = f"{revisions_url}?a={revision.number - 1}&b={revision.number}"
        text = f"Revision {revision.number}" + (f": {revision.message}" if revision.message else "")
        events.append(Event(revision.created_at, "save", _name(revision.created_by), text, url))
    for note in article.notes.select_related("author")[:LIMIT]:
        label = "Sent back with a note" if note.step == "return_to_draft" else "Note"
        events.append(Event(note.created_at, "note", _name(note.author), f"{label}: {note.text}"))
    changes = AssignmentChange.objects.filter(article=article).select_related("user", "by")
    for change in changes[:LIMIT]:
        whom = _name(change.user) if change.user else "nobody"
        events.append(
            Event(change.at, "assignment", _name(change.by), f"{change.role.title()}: {whom}")
        )
    for correction in article.corrections.all()[:LIMIT]:
        text = f"{correction.get_kind_display()}: {correction.text}"
        events.append(Event(correction.noted_at, "correction", "", text))
    events.sort(key=lambda event: event.at, reverse=True)
    return events
