from django.urls import path, re_path

from api import views
from api.service import api

urlpatterns = [
    path("api/docs/", views.docs, name="api_docs"),
    path("api/", api.urls),
    # Anything else under /api/ (a malformed id, a typo) is a problem, not the site's 404 page.
    re_path(r"^api/", views.unknown),
]
