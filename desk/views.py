"""The desk's pages inside the admin: an article's or a budget line's desk (notes, assignment,
activity), the budget's day and week, notifications and email preferences.

Every object is looked up through `desk.access`, so what a user may not see answers 404 (the
same as what does not exist: an id tells nothing), and every change is a POST.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from desk import access, activity, assignments, notes, planning
from desk.forms import (
    AssignmentForm,
    EmailPreferenceForm,
    NoteForm,
    PlanFilterForm,
    SendBackForm,
)
from desk.models import Assignment, EmailPreference, Note, Notification
from desk.notifications import mark_read
from editorial import workflow


def _render(request, template: str, title: str, **context) -> TemplateResponse:
    return TemplateResponse(
        request, template, {**admin.site.each_context(request), "title": title, **context}
    )


def _article(request, pk: int):
    return get_object_or_404(access.articles_for(request.user).select_related("section"), pk=pk)


def _line(request, pk: int):
    lines = access.lines_for(request.user).select_related("section", "writer", "editor", "article")
    return get_object_or_404(lines, pk=pk)


def _can_send_back(user, article) -> bool:
    return any(step.action == "return_to_draft" for step in workflow.allowed_steps(article, user))


def article_desk(request, pk: int, note_form=None, send_back_form=None):
    article = _article(request, pk)
    assignment = (
        Assignment.objects.filter(article=article).select_related("writer", "editor").first()
    )
    assignment_form = None
    if access.is_editor(request.user):
        people = assignment and {"writer": assignment.writer_id, "editor": assignment.editor_id}
        assignment_form = AssignmentForm(initial=people or None)
    if _can_send_back(request.user, article):
        send_back_form = send_back_form or SendBackForm()
    else:
        send_back_form = None
    return _render(
        request,
        "desk/article.html",
        f"Desk: “{article}”",
        article=article,
        assignment=assignment,
        thread=list(article.notes.select_related("author", "resolved_by")),
        note_form=note_form or NoteForm(),
        send_back_form=send_back_form,
        assignment_form=assignment_form,
        events=activity.timeline(article),
        can_edit=workflow.can_edit(request.user, article),
    )


@require_POST
def add_article_note(request, pk: int):
    article = _article(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return article_desk(request, pk, note_form=form)
    notes.add_note(request.user, form.cleaned_data["text"], article=article)
    messages.success(request, "Note added.")
    return HttpResponseRedirect(reverse("desk:article", args=[pk]) + "#notes")


@require_POST
def send_back(request, pk: int):
    article = _article(request, pk)
    if not _can_send_back(request.user, article):
        raise PermissionDenied
    form = SendBackForm(request.POST)
    if not form.is_valid():
        return article_desk(request, pk, send_back_form=form)
    try:
        notes.send_back(article, request.user, form.cleaned_data["text"])
    except workflow.TransitionRefused as refusal:
        messages.error(request, " ".join(refusal.reasons))
    else:
        messages.success(request, f"“{article}” is back in draft, with your note.")
    return HttpResponseRedirect(reverse("desk:article", args=[pk]))


@require_POST
def assign(request, pk: int):
    article = _article(request, pk)
    if not access.is_editor(request.user):
        raise PermissionDenied
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick people from the list.")
        return HttpResponseRedirect(reverse("desk:article", args=[pk]))
    assignments.assign(article, by=request.user, **form.cleaned_data)
    messages.success(request, "Assignment saved.")
    return HttpResponseRedirect(reverse("desk:article", args=[pk]))


@require_POST
def resolve_note(request, pk: int):
    note = get_object_or_404(Note.objects.select_related("article", "budget_line"), pk=pk)
    visible = (
        access.can_see_article(request.user, note.article)
        if note.article_id
        else access.can_see_line(request.user, note.budget_line)
    )
    if not visible:
        raise Http404("No such note.")
    notes.set_resolved(note, request.user, request.POST.get("resolved") == "1")
    return HttpResponseRedirect(note.thread_url + "#notes")


def line_desk(request, pk: int, note_form=None):
    line = _line(request, pk)
    return _render(
        request,
        "desk/line.html",
        f"Budget line: “{line}”",
        line=line,
        thread=list(line.thread.select_related("author", "resolved_by")),
        note_form=note_form or NoteForm(),
        can_change=request.user.has_perm("desk.change_budgetline"),
        can_draft=line.article_id is None
        and request.user.has_perm("articles.add_article")
        and (access.is_editor(request.user) or line.writer_id == request.user.pk),
        changes=list(line.assignment_changes.select_related("user", "by")),
    )


@require_POST
def add_line_note(request, pk: int):
    line = _line(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return line_desk(request, pk, note_form=form)
    notes.add_note(request.user, form.cleaned_data["text"], budget_line=line)
    messages.success(request, "Note added.")
    return HttpResponseRedirect(reverse("desk:line", args=[pk]) + "#notes")


@require_POST
def line_draft(request, pk: int):
    line = _line(request, pk)
    allowed = access.is_editor(request.user) or line.writer_id == request.user.pk
    if not (allowed and request.user.has_perm("articles.add_article")):
        raise PermissionDenied
    try:
        article = planning.create_draft(line, request.user)
    except planning.LineRefused as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(reverse("desk:line", args=[pk]))
    messages.success(request, f"Draft “{article}” created from the budget line.")
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def plan(request):
    data = request.GET.copy()
    data.setdefault("date", timezone.localdate().isoformat())
    form = PlanFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    day = filters.get("date") or timezone.localdate()
    week = request.GET.get("view") == "week"
    days = planning.week_of(day) if week else [day]
    person = filters.get("person")
    if person == "me":
        person = request.user
    calendar = planning.calendar(request.user, days, section=filters.get("section"), person=person)
    step = timedelta(days=7 if week else 1)
    return _render(
        request,
        "desk/plan.html",
        f"Story budget: week of {days[0]:%d %B %Y}" if week else f"Story budget: {day:%A %d %B %Y}",
        form=form,
        calendar=calendar,
        week=week,
        day=day,
        previous_day=days[0] - step if week else day - step,
        next_day=days[0] + step if week else day + step,
        today=timezone.localdate(),
        can_add=request.user.has_perm("desk.add_budgetline"),
    )


def notifications(request):
    if request.method == "POST":
        ids = request.POST.getlist("id")
        valid = [value for value in ids if value.isdigit() and len(value) < 19]
        mark_read(request.user, valid if ids else None)
        return HttpResponseRedirect(reverse("desk:notifications"))
    mine = Notification.objects.filter(recipient=request.user).select_related(
        "actor", "article", "budget_line"
    )
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    return _render(request, "desk/notifications.html", "Notifications", page=page)


def preferences(request):
    preference = EmailPreference.objects.filter(user=request.user).first()
    preference = preference or EmailPreference(user=request.user)
    form = EmailPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Email preferences saved.")
        return HttpResponseRedirect(reverse("desk:preferences"))
    return _render(request, "desk/preferences.html", "Email notifications", form=form)
