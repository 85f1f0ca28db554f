from django.urls import path

from articles.feeds import AuthorAtomFeed, AuthorFeed

from . import views

app_name = "authors"

urlpatterns = [
    path("authors/<str:slug>/", views.AuthorPageView.as_view(), name="detail"),
    path("authors/<str:slug>/feed/", AuthorFeed(), name="feed"),
    path("authors/<str:slug>/feed/atom/", AuthorAtomFeed(), name="atom"),
]
