"""Project-level views: error handlers and the CSP violation report endpoint."""

import json
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler; a lost database is an outage, not a bug, and answers 503.

    Django calls this while the exception is being handled, so `sys.exc_info()` names it. Both
    pages are rendered without context processors: they must work with the database down.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        logger.error("Database unavailable, answering 503: %s", error)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


CSP_REPORT_MAX_BYTES = 16_384
CSP_REPORT_FIELDS = (
    "document-uri",
    "violated-directive",
    "blocked-uri",
    "source-file",
    "line-number",
)


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log a browser's Content-Security-Policy violation report, so a broken page is noticed.

    Browsers send these without cookies or CSRF token. Reports are small JSON documents; any
    other body is refused with 400 and nothing is stored.
    """
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > CSP_REPORT_MAX_BYTES:
            return HttpResponseBadRequest("Report too large.")
        report = json.loads(request.body or b"null")["csp-report"]
        fields = {key: str(report.get(key, ""))[:300] for key in CSP_REPORT_FIELDS}
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponseBadRequest("Not a CSP report.")
    logger.warning("CSP violation: %s", fields)
    return HttpResponse(status=204)
