"""The page catch-all: included last in the root URLconf, so it never shadows a site URL."""

from django.urls import re_path

from pages import views

app_name = "pages"

urlpatterns = [
    re_path(r"^(?P<path>[-\w]+(?:/[-\w]+)*)/$", views.page_detail, name="page"),
]
