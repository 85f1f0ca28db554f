from django.urls import path

from richtext import views

app_name = "richtext"

urlpatterns = [
    path("editor/images/", views.image_choices, name="image_choices"),
    path("editor/images/upload/", views.image_upload, name="image_upload"),
    path("editor/images/<int:pk>/thumbnail/", views.image_thumbnail, name="image_thumbnail"),
]
