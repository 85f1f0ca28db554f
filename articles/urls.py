from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.article_shortlink, name="shortlink"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="detail"),
    path("sections/<str:slug>/", views.SectionFrontView.as_view(), name="section"),
    path("sections/<str:slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("sections/<str:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    path("tags/<str:slug>/", views.TagPageView.as_view(), name="tag"),
    path("tags/<str:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_atom"),
]
