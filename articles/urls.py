from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("articles/<int:pk>/", views.article_shortlink, name="shortlink"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="detail"),
    path("sections/<str:slug>/", views.SectionFrontView.as_view(), name="section"),
    path("tags/<str:slug>/", views.TagPageView.as_view(), name="tag"),
]
