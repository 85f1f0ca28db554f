from django.urls import path

from editorial import views

app_name = "editorial"

urlpatterns = [
    path("preview/<str:token>/", views.article_preview, name="preview"),
]
