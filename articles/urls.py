from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.LatestView.as_view(), name="latest"),
    path("articles/<int:pk>/", views.article_shortlink, name="shortlink"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="detail"),
    path("sections/<str:slug>/", views.SectionFrontView.as_view(), name="section"),
    path("tags/<str:slug>/", views.TagPageView.as_view(), name="tag"),
    path("authors/<str:slug>/", views.AuthorPageView.as_view(), name="author"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
]
