"""What one page of the article list costs in each API framework, against a ceiling.

    python bench/api_list.py [--articles 200] [--requests 200]

In-process (Django's test client, no HTTP server), CPU time of this process per request
(`time.process_time()`), best of three rounds, all in the same run on a throw-away SQLite
database seeded with `--articles` published stories (two authors and two tags each):

- ceiling: a view returning fixed bytes of the same length as the list answer, through the
  same middleware: what Django itself costs;
- ninja: `/api/v1/articles/?limit=20` as shipped (django-ninja, pydantic validation of the
  answer), with the answer cache off so every request builds the page;
- drf: the same page through Django REST framework: an `APIView` with nested serializers of
  the same fields, over the same queryset (`api.content.for_list`).

Ratios to the ceiling are printed (times depend on the machine; ratios much less so).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench_api.sqlite3"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["DEBUG"] = "0"
os.environ["FRAGMENT_CACHE_ENABLED"] = "0"
os.environ["API_ANONYMOUS_REQUESTS_PER_MINUTE"] = "0"

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework import serializers  # noqa: E402
from rest_framework.renderers import JSONRenderer  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

from api import content  # noqa: E402
from newsroom.urls import urlpatterns as site_urlpatterns  # noqa: E402

URL = "/api/v1/articles/?limit=20"
CEILING_BODY = {"bytes": b"{}"}


class Ref(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    headline = serializers.CharField()
    slug = serializers.CharField()
    standfirst = serializers.CharField()
    status = serializers.CharField()
    url = serializers.SerializerMethodField()
    section = Ref()
    byline = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    modified_at = serializers.DateTimeField()
    lead_image = serializers.SerializerMethodField()
    seo = serializers.SerializerMethodField()

    def get_url(self, article):
        return content.absolute_url(article.get_absolute_url())

    def get_byline(self, article):
        return Ref(article.byline_authors, many=True).data

    def get_tags(self, article):
        return sorted((tag.name for tag in article.tags.all()), key=str.lower)

    def get_lead_image(self, article):
        return content.image(article.lead_image)

    def get_seo(self, article):
        return content.article_summary(article)["seo"]


class DrfArticles(APIView):
    authentication_classes = []
    permission_classes = []
    renderer_classes = [JSONRenderer]

    def get(self, request):
        rows = list(
            content.for_list(content.Article.objects.published()).order_by("-published_at", "-id")[
                :20
            ]
        )
        return Response({"results": ArticleSerializer(rows, many=True).data, "next": None})


def ceiling(request):
    return HttpResponse(CEILING_BODY["bytes"], content_type="application/json")


urlpatterns = [
    path("bench/ceiling/", ceiling),
    path("bench/drf/articles/", DrfArticles.as_view()),
    *site_urlpatterns,
]


def cpu_ms(client, url: str, requests: int) -> float:
    for _ in range(10):
        if (status := client.get(url).status_code) != 200:
            sys.exit(f"{url} answered {status}")
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for _ in range(requests):
            client.get(url)
        best = min(best, (time.process_time() - started) * 1000 / requests)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

    settings.ROOT_URLCONF = "bench.api_list"
    call_command("migrate", verbosity=0)
    sections = [SectionFactory() for _ in range(4)]
    authors = [AuthorFactory() for _ in range(10)]
    for n in range(args.articles):
        ArticleFactory(
            section=sections[n % 4],
            authors=[authors[n % 10], authors[(n + 1) % 10]],
            tags=[f"tag {n % 7}", f"topic {n % 5}"],
        )
    client = Client()
    CEILING_BODY["bytes"] = client.get(URL).content
    results = {
        "ceiling (fixed bytes)": cpu_ms(client, "/bench/ceiling/", args.requests),
        "django-ninja (shipped)": cpu_ms(client, URL, args.requests),
        "DRF APIView + serializers": cpu_ms(client, "/bench/drf/articles/", args.requests),
    }
    floor = results["ceiling (fixed bytes)"]
    print(
        f"{len(CEILING_BODY['bytes'])} bytes per answer, 20 articles, best of 3 × {args.requests}"
    )
    print("| view | CPU ms/request | × ceiling |\n| --- | ---: | ---: |")
    for name, ms in results.items():
        print(f"| {name} | {ms:.2f} | {ms / floor:.1f} |")


if __name__ == "__main__":
    main()
