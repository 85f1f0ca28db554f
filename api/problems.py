"""Errors as RFC 9457 problem details (`application/problem+json`), naming the field at fault."""

import json

from django.http import HttpResponse

CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    412: "Precondition failed",
    422: "Invalid content",
    428: "Precondition required",
    429: "Too many requests",
}


class Problem(Exception):
    """Raised anywhere in a view; the API answers it as problem details."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[dict] | None = None,
        headers: dict | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


def field_problem(field: str, detail: str, status: int = 400) -> Problem:
    return Problem(status, detail, errors=[{"field": field, "detail": detail}])


def response(problem: Problem) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(problem.status, "Error"),
        "status": problem.status,
        "detail": problem.detail,
        "errors": problem.errors,
    }
    answer = HttpResponse(json.dumps(body), status=problem.status, content_type=CONTENT_TYPE)
    for name, value in problem.headers.items():
        answer[name] = value
    answer["Cache-Control"] = "no-store"
    return answer
