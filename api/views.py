"""The human-readable API reference, rendered on the server from the generated schema."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from api import problems
from api.service import api


def docs(request: HttpRequest) -> HttpResponse:
    """Every operation of /api/schema/ with its parameters and answers; no script at all."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    operations = []
    for url, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": url,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "responses": sorted(operation.get("responses", {})),
                    "token": "required" if "write" in operation.get("tags", []) else "optional",
                }
            )
    context = {
        "info": schema["info"],
        "schema_version": schema["openapi"],
        "operations": operations,
    }
    return render(request, "api/docs.html", context)


@csrf_exempt  # no cookie-authenticated writes here: every method gets the same 404 problem
def unknown(request: HttpRequest) -> HttpResponse:
    return problems.response(problems.Problem(404, "No such API address; see /api/docs/."))
