"""The root URLconf: each app's public URLs, the admin, and media when we serve them."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from images.views import serve_media
from newsroom.views import csp_report

urlpatterns = [
    # What readers ask for most comes first: Django tries the patterns in order, and each app
    # included at the root is walked pattern by pattern (an article's address went through
    # six apps' patterns first, 55 µs of every article page). No later pattern matches an
    # address of these (each ends at its own slash; the feeds add a segment).
    path("", include("articles.urls")),
    path("admin/desk/", include("desk.urls")),
    path("admin/", admin.site.urls),
    path("csp-report/", csp_report, name="csp_report"),
    path("", include("api.urls")),
    path("", include("distribution.urls")),
    path("", include("search.urls")),
    path("", include("editorial.urls")),
    path("", include("richtext.urls")),
    path("", include("liveblog.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media),
    ]

# Pages live at root-level paths (/about/, /about/team/): their catch-all comes after every
# other URL, so it never shadows one (pages/reserved.py refuses slugs that would be hidden).
urlpatterns += [path("", include("pages.urls"))]

handler500 = "newsroom.views.server_error"
