"""`LiveBlogPosting` JSON-LD: the article's `NewsArticle` data with the coverage times and the
recent updates (`liveBlogUpdate`), as search engines read live coverage."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import Article
from distribution.absolute import absolute_url
from distribution.structured_data import news_article, person
from liveblog.reading import LatestUpdates


def live_blog_posting(article: Article, live: LatestUpdates) -> dict:
    """Everything `news_article` says, typed `LiveBlogPosting`, with the newest updates."""
    data = news_article(article)
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = live.blog.coverage_start
    if live.blog.coverage_end:
        data["coverageEndTime"] = live.blog.coverage_end
    entries = sorted(live.pinned + live.entries, key=lambda entry: entry.number, reverse=True)
    updates = []
    for entry in entries[: settings.LIVEBLOG_STRUCTURED_DATA_UPDATES]:
        text = strip_tags(entry.body).strip()
        update = {
            "@type": "BlogPosting",
            "headline": Truncator(text).chars(110) or f"Update {entry.number}",
            "articleBody": text,
            "datePublished": entry.published_at,
            "url": absolute_url(entry.get_absolute_url()),
        }
        if entry.corrected_at:
            update["dateModified"] = entry.corrected_at
        if entry.author:
            update["author"] = person(entry.author)
        updates.append(update)
    data["liveBlogUpdate"] = updates
    if entries:
        newest = max(entry.corrected_at or entry.published_at for entry in entries)
        data["dateModified"] = max(data["dateModified"], newest)
    return data
