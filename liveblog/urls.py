from django.urls import path, register_converter

from core.converters import DatabaseIdConverter
from liveblog import feeds, views

register_converter(DatabaseIdConverter, "id")

app_name = "liveblog"

urlpatterns = [
    path("live/<id:pk>/updates/<id:page>/", views.archive, name="archive"),
    path("live/<id:pk>/after/<id:after>/", views.updates, name="updates"),
    path("live/<id:pk>/feed/", feeds.LiveBlogFeed(), name="feed"),
    path("live/<id:pk>/feed/atom/", feeds.LiveBlogAtomFeed(), name="feed_atom"),
]
