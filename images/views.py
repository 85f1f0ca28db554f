"""Serving uploads from Django on one machine (MEDIA_STORAGE=filesystem, SERVE_MEDIA on).

`make serve` has no web server in front, so Django serves /media/ itself, DEBUG or not:

- library originals and renditions are named by their content, so a URL never changes meaning
  and browsers and CDNs may keep it for a year (`immutable`); anything else stored there
  gets a short lifetime;
- only files under MEDIA_ROOT, never a directory listing, a hidden file or a path that climbs
  out (`..`, absolute paths, NUL: 404); only GET and HEAD;
- `nosniff`, and a CSP that runs nothing, so a file can never act as a page of our site; what
  is not an image we make is sent as a download.

With S3-compatible storage (MEDIA_STORAGE=s3) the bucket or CDN serves media and the same
Cache-Control is set on each object when it is written (settings.py).
"""

import mimetypes

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

from images.originals import ORIGINALS_DIR
from images.renditions import RENDITIONS_DIR

IMMUTABLE = settings.MEDIA_IMMUTABLE_CACHE_CONTROL
OTHER_FILES = "public, max-age=3600"
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"})
# The brand's logo and icon SVGs are cleaned when saved (branding/svg.py: no script, no
# external reference) and the header shows them with <img>, which needs their real type.
CLEANED_SVG_DIRS = ("branding/",)
# Nothing in a media file may run or load anything, should it ever be opened as a document.
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    if "\x00" in path or any(part.startswith(".") for part in path.split("/")):
        raise Http404("No such file.")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # e.g. a name longer than the file system allows
        raise Http404("No such file.") from error
    content_hashed = path.startswith((f"{ORIGINALS_DIR}/", f"{RENDITIONS_DIR}/"))
    response["Cache-Control"] = IMMUTABLE if content_hashed else OTHER_FILES
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    kind = mimetypes.guess_type(path)[0]
    if kind == "image/svg+xml" and path.startswith(CLEANED_SVG_DIRS):
        response["Content-Type"] = kind
    elif kind not in INLINE_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response
