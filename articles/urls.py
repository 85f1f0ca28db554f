from django.urls import path, re_path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.LatestView.as_view(), name="latest"),
    re_path(r"^latest/(?P<year>\d{4})/$", views.DateArchiveView.as_view(), name="archive_year"),
    re_path(
        r"^latest/(?P<year>\d{4})/(?P<month>\d{2})/$",
        views.DateArchiveView.as_view(),
        name="archive_month",
    ),
    re_path(
        r"^latest/(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/$",
        views.DateArchiveView.as_view(),
        name="archive_day",
    ),
    path("articles/<int:pk>/", views.article_shortlink, name="shortlink"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="detail"),
    path("sections/<str:slug>/", views.SectionFrontView.as_view(), name="section"),
    path("tags/<str:slug>/", views.TagPageView.as_view(), name="tag"),
    path("authors/<str:slug>/", views.AuthorPageView.as_view(), name="author"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
]
