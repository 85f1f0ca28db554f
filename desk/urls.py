"""The desk's pages, under /admin/desk/…; each goes through the admin's login and staff check."""

from django.contrib import admin
from django.urls import path

from desk import views

app_name = "desk"
protect = admin.site.admin_view

urlpatterns = [
    path("plan/", protect(views.plan), name="plan"),
    path("articles/<int:pk>/", protect(views.article_desk), name="article"),
    path("articles/<int:pk>/notes/", protect(views.add_article_note), name="article_note"),
    path("articles/<int:pk>/send-back/", protect(views.send_back), name="send_back"),
    path("articles/<int:pk>/assign/", protect(views.assign), name="assign"),
    path("lines/<int:pk>/", protect(views.line_desk), name="line"),
    path("lines/<int:pk>/notes/", protect(views.add_line_note), name="line_note"),
    path("lines/<int:pk>/draft/", protect(views.line_draft), name="line_draft"),
    path("notes/<int:pk>/resolve/", protect(views.resolve_note), name="resolve_note"),
    path("notifications/", protect(views.notifications), name="notifications"),
    path("preferences/", protect(views.preferences), name="preferences"),
]
