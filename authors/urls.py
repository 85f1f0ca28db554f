from django.urls import path

from . import views

app_name = "authors"

urlpatterns = [
    path("authors/<str:slug>/", views.AuthorPageView.as_view(), name="detail"),
]
