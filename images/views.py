"""Serving uploads from Django (development, single machine): library files cache for a year.

Library originals and renditions are named by their content, so a URL never changes meaning
and browsers and CDNs may keep it for a year. In production the same header is set on the
objects in S3-compatible storage (see docs/images.md).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.static import serve

from .originals import ORIGINALS_DIR
from .renditions import RENDITIONS_DIR

IMMUTABLE = "public, max-age=31536000, immutable"


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith((f"{ORIGINALS_DIR}/", f"{RENDITIONS_DIR}/")):
        response["Cache-Control"] = IMMUTABLE
    return response
