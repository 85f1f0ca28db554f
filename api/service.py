"""The NinjaAPI instance: routers, the schema at /api/schema/, errors as problem details."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api import problems, read, write  # noqa: F401 (write adds its routes to the router)


class ContentApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The schema, made once per process and prefix (read-only: callers must not change it).

        The routes are fixed when the process starts, and building the schema walks every
        operation and its pydantic models: tens of milliseconds a request otherwise.
        """
        cache = self.__dict__.setdefault("_schemas", {})
        key = (path_prefix, tuple(sorted((path_params or {}).items())))
        if key not in cache:
            cache[key] = self._problem_typed_schema(path_prefix, path_params)
        return cache[key]

    def _problem_typed_schema(self, path_prefix, path_params):
        """Ninja's schema, with error answers typed as what they are: problem details."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    if int(status) >= 400 and "application/json" in answer.get("content", {}):
                        content = answer["content"].pop("application/json")
                        answer["content"][problems.CONTENT_TYPE] = content
        return schema


api = ContentApi(
    title="Newsroom content API",
    version="1",
    description="Articles, sections, authors, tags, pages and corrections; drafts and the "
    "editorial workflow for integrations. See docs/api.md.",
    openapi_url="/schema/",
    docs_url=None,  # our own page at /api/docs/ (no CDN, CSP unchanged)
    urls_namespace="api",
)
api.add_router("/v1/", read.router)


@api.exception_handler(problems.Problem)
def problem(request: HttpRequest, exc: problems.Problem) -> HttpResponse:
    return problems.response(exc)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("query", "body", "header", "path", "payload")
        ]
        errors.append({"field": ".".join(location) or "body", "detail": error.get("msg", "")})
    where = {str(error.get("loc", ("",))[0]) for error in exc.errors}
    status = 422 if "body" in where else 400
    fields = ", ".join(error["field"] for error in errors)
    return problems.response(problems.Problem(status, f"Invalid: {fields}.", errors=errors))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problems.response(problems.Problem(401, "This needs a valid API token."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problems.response(problems.Problem(exc.status_code, str(exc)))
