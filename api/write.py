"""The write endpoints: drafts and workflow steps, through the admin's own doors. They sit
on the read router, so one URL answers both GET and PATCH.

A create or update is validated and saved by the admin's `ArticleAdminForm` (sanitized body,
stale-save guard), recorded with `editorial.revisions.record`, and workflow steps go through
`editorial.workflow.apply` (its role rules and pre-publish checks). Nothing is reimplemented
here: the API is one more caller of the same functions.
"""

import re

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from ninja import Header

from api import content, schemas
from api.auth import TOKENS
from api.caching import answer
from api.models import IdempotentCreate
from api.problems import Problem, field_problem
from api.read import router
from api.tokens import Caller, Scope
from articles.models import Article, Byline
from authors.models import Author
from editorial import revisions, workflow
from editorial.forms import SEO_FIELDS, ArticleAdminForm

ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 412, 422, 428), schemas.Problem)
IF_MATCH = re.compile(r'^(?:W/)?"v(\d+)(?:-[0-9a-f]*)?"$')
FORM_FIELDS = ["headline", "slug", "standfirst", "body", "lead_image_caption", *SEO_FIELDS]


def _require(caller: Caller, scope: str) -> None:
    if not caller.may(scope):
        raise Problem(403, f"This token (or its user's role) does not allow “{scope}”.")


def _detail_response(article_id: int, status: int = 200) -> HttpResponse:
    article = content.for_detail(Article.objects.filter(pk=article_id)).get()
    data = schemas.Article.model_validate(content.article_detail(article)).model_dump(mode="json")
    made = answer(data, (), f"v{article.version}-")
    response = HttpResponse(made.content, status=status, content_type="application/json")
    response["ETag"] = made.etag
    response["Location"] = f"/api/v1/articles/{article.pk}/"
    response["Cache-Control"] = "no-store"
    return response


def _form_data(article: Article | None, changes: dict) -> dict:
    """What the admin form would post: the saved values, with the caller's changes on top."""
    data = {}
    if article is not None:
        data = {name: getattr(article, name) or "" for name in FORM_FIELDS}
        data["social_image"] = article.social_image_id or ""
        data["lead_image"] = article.lead_image_id or ""
        data["section"] = article.section_id
        data["tags"] = ", ".join(article.tags.names())
        for name in ("published_at", "unpublish_at"):
            value = getattr(article, name)
            data[name] = value.isoformat() if value else ""
    for name, value in changes.items():
        if name == "tags":
            if any("," in tag or '"' in tag for tag in value):
                raise field_problem("tags", "A tag may not contain a comma or a quote.", 422)
            data["tags"] = ", ".join(value)
        elif name != "authors":
            data[name] = value
    return data


def _authors(ids: list[int]) -> list[int]:
    found = set(Author.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if missing := [pk for pk in ids if pk not in found]:
        raise field_problem("authors", f"No author with id {missing[0]}.", 422)
    return list(dict.fromkeys(ids))


def _save(caller: Caller, article: Article | None, changes: dict, loaded: int | None) -> int:
    """Validate and save with the admin's form; record the revision. Returns the article id."""
    author_ids = _authors(changes["authors"]) if changes.get("authors") is not None else None
    data = _form_data(article, changes)
    if article is not None:
        data["loaded_version"] = article.version if loaded is None else loaded
    form = ArticleAdminForm(data=data, instance=article)
    if not form.is_valid():
        codes = {error.code for error in form.errors.as_data().get("__all__", [])}
        if "stale" in codes:
            raise Problem(412, "The article changed since that revision: fetch it again.")
        errors = [
            {"field": name if name != "__all__" else "body", "detail": " ".join(messages)}
            for name, messages in form.errors.items()
        ]
        raise Problem(422, "The article was not saved.", errors=errors)
    saved = form.save(commit=False)
    if article is None:
        saved.created_by = caller.user
    elif form.has_changed():
        saved.mark_updated()
    saved.save()
    form.save_m2m()
    if author_ids is not None:
        saved.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=saved, author_id=pk, position=n) for n, pk in enumerate(author_ids)
        )
    revisions.record(saved, caller.user, "Created (API)" if article is None else "Edited (API)")
    return saved.pk


def _loaded_version(if_match: str | None, required: bool) -> int | None:
    if if_match is None or if_match.strip() == "*":
        if required and if_match is None:
            raise Problem(428, "Send If-Match with the article's ETag (its revision).")
        return None
    match = IF_MATCH.match(if_match.strip())
    if match is None:
        raise field_problem("If-Match", 'If-Match takes the ETag of the article ("v12-…").')
    return int(match[1])


def _editable(caller: Caller, article_id: int) -> Article:
    if article_id > schemas.MAX_ID:
        raise Problem(404, "No such article.")
    article = content.articles_for(caller).filter(pk=article_id).first()
    if article is None:
        raise Problem(404, "No such article.")
    return article


@router.post("/articles/", response={201: schemas.Article, **ERRORS}, auth=TOKENS, tags=["write"])
def create_article(
    request: HttpRequest,
    payload: schemas.ArticleWrite,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=200),
):
    """Create a draft. With `Idempotency-Key`, the same key from the same user answers the
    first result again instead of creating a second draft."""
    caller = request.auth
    _require(caller, Scope.WRITE)
    if idempotency_key and not idempotency_key.isprintable():
        raise field_problem("Idempotency-Key", "Use printable characters only.")
    if idempotency_key:
        first = IdempotentCreate.objects.filter(user=caller.user, key=idempotency_key).first()
        if first is not None:
            return _replay(first)
    try:
        with transaction.atomic():
            article_id = _save(caller, None, payload.dict(), None)
            response = _detail_response(article_id, status=201)
            if idempotency_key:
                IdempotentCreate.objects.create(
                    user=caller.user, key=idempotency_key, status=201, body=article_id
                )
    except IntegrityError:  # the same key, sent twice at once: the other one won
        first = IdempotentCreate.objects.filter(user=caller.user, key=idempotency_key).first()
        if not idempotency_key or first is None:
            raise
        return _replay(first)
    return response


def _replay(first: IdempotentCreate) -> HttpResponse:
    response = _detail_response(first.body, status=first.status)
    response["Idempotent-Replayed"] = "true"
    return response


@router.patch(
    "/articles/{int:article_id}/",
    response={200: schemas.Article, **ERRORS},
    auth=TOKENS,
    tags=["write"],
)
def update_article(
    request: HttpRequest,
    article_id: int,
    payload: schemas.ArticlePatch,
    if_match: str | None = Header(None, alias="If-Match"),
):
    """Change a draft (editors: any article). `If-Match` is required; 412 when stale."""
    caller = request.auth
    _require(caller, Scope.WRITE)
    loaded = _loaded_version(if_match, required=True)
    with transaction.atomic():
        article = _editable(caller, article_id)
        if not workflow.can_edit(caller.user, article):
            raise Problem(403, "Your role cannot edit this article at its status.")
        _save(caller, article, payload.dict(exclude_unset=True), loaded)
    return _detail_response(article_id)


@router.post(
    "/articles/{int:article_id}/transitions/",
    response={200: schemas.Article, **ERRORS},
    auth=TOKENS,
    tags=["write"],
)
def transition(
    request: HttpRequest,
    article_id: int,
    payload: schemas.TransitionIn,
    if_match: str | None = Header(None, alias="If-Match"),
):
    """Take a workflow step: submit (write scope); approve, return_to_draft, publish,
    schedule (with `at`) and unpublish (publish scope, editors only). Pre-publish checks
    apply; a refused step is a 409 with the reasons."""
    caller = request.auth
    step = workflow.STEPS_BY_ACTION[payload.action]
    _require(caller, Scope.PUBLISH if step.editors_only else Scope.WRITE)
    loaded = _loaded_version(if_match, required=False)
    with transaction.atomic():
        article = _editable(caller, article_id)
        article = Article.objects.select_for_update().get(pk=article.pk)
        if loaded is not None and loaded != article.version:
            raise Problem(412, "The article changed since that revision: fetch it again.")
        try:
            workflow.apply(article, payload.action, caller.user, at=payload.at)
        except workflow.TransitionRefused as refused:
            raise Problem(409, " ".join(refused.reasons)) from None
    return _detail_response(article_id)
