"""A body's seal: a save marks it clean under today's rules, so showing it need not clean it
again; anything written past the model, or under other rules or another key, is cleaned."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils.crypto import salted_hmac

import core.sanitize
from articles.models import Article
from core.sanitize import (
    is_sealed,
    seal,
    shown_html,
)
from liveblog.models import Entry, LiveBlog
from pages.models import Page
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<p>Kept words</p><script>alert("x")</script><img src="https://tracker.example/p.gif">'


@pytest.fixture
def cleanings(monkeypatch):
    """How many times bodies are cleaned."""
    calls = []
    real = core.sanitize.clean_html

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(core.sanitize, "clean_html", counting)
    return calls


def test_a_save_stores_the_seal_of_the_cleaned_body():
    article = ArticleFactory(body=HOSTILE)
    article.refresh_from_db()
    assert article.body == "<p>Kept words</p>"
    assert is_sealed(article.body, article.body_seal)
    assert len(article.body_seal) == 64


def test_a_sealed_body_is_shown_without_cleaning_it_again(client, cleanings):
    article = ArticleFactory(body="<h2>Heading</h2><p>The council met.</p>")
    cleanings.clear()
    response = client.get(article.get_absolute_url())
    assert "<h2>Heading</h2><p>The council met.</p>" in response.content.decode()
    assert article.body not in cleanings


def test_a_body_written_past_the_model_is_cleaned_when_shown(client, cleanings):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body=HOSTILE)  # the old seal stays
    cleanings.clear()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Kept words" in html
    assert "alert(" not in html and "tracker.example" not in html
    assert HOSTILE in cleanings


def test_a_forged_or_foreign_seal_is_not_trusted():
    forged = hashlib.sha256(HOSTILE.encode()).hexdigest()
    assert shown_html(HOSTILE, forged) == "<p>Kept words</p>"
    mark = seal("<p>Fine</p>")
    assert is_sealed("<p>Fine</p>", mark)
    with override_settings(SECRET_KEY="another-key-entirely-for-this-test"):
        assert not is_sealed("<p>Fine</p>", mark)
    assert not is_sealed("<p>Fine.</p>", mark)  # another body
    assert not is_sealed("<p>Fine</p>", "")


def test_html_that_the_rules_change_gets_no_seal():
    assert seal(HOSTILE) == ""
    assert seal("<p>Kept words</p>") != ""


def test_a_seal_lapses_when_what_the_rules_depend_on_changes(monkeypatch):
    body = "<p>Fine</p>"
    mark = seal(body)
    with override_settings(MEDIA_URL="https://media.example.org/"):
        assert not is_sealed(body, mark)  # which images count as ours has changed
    monkeypatch.setattr(core.sanitize, "RULES_FINGERPRINT", "the code of other rules")
    assert not is_sealed(body, mark)  # a change to the sanitizer's code, a fix above all


def test_the_rules_fingerprint_covers_the_sanitizers_code():
    import core.embeds
    import core.text

    sources = [
        Path(module.__file__).read_bytes() for module in (core.sanitize, core.text, core.embeds)
    ]
    assert hashlib.sha256(b"\0".join(sources)).hexdigest() == core.sanitize.RULES_FINGERPRINT


def test_a_save_naming_only_the_body_leaves_it_cleaned_on_every_view(client, cleanings):
    article = ArticleFactory()
    article.body = "<p>Changed words</p>"
    article.save(update_fields=["body"])  # the seal of the old body stays stored
    cleanings.clear()
    assert "<p>Changed words</p>" in client.get(article.get_absolute_url()).content.decode()
    assert "<p>Changed words</p>" in cleanings


def test_pages_and_live_updates_are_sealed_too(client, article, cleanings):
    page = Page.objects.create(
        slug="about", title="About us", status=Page.Status.PUBLISHED, body="<p>Who we are.</p>"
    )
    entry = Entry.objects.create(
        live_blog=LiveBlog.objects.create(article=article), body="<p>Roads reopen.</p>"
    )
    entry.publish()
    page.refresh_from_db()
    entry.refresh_from_db()
    assert is_sealed(page.body, page.body_seal) and is_sealed(entry.body, entry.body_seal)
    cleanings.clear()
    assert "<p>Who we are.</p>" in client.get("/about/").content.decode()
    assert "<p>Roads reopen.</p>" in client.get(article.get_absolute_url()).content.decode()
    assert cleanings == []


def test_feeds_trust_a_seal_and_clean_what_has_none(client, cleanings):
    sealed = ArticleFactory(body="<p>Sealed story.</p>")
    unsealed = ArticleFactory(body="<p>Plain story.</p>")
    Article.objects.filter(pk=unsealed.pk).update(body=HOSTILE)
    cleanings.clear()
    feed = client.get("/feed/").content.decode()
    assert "Sealed story." in feed and "Kept words" in feed
    assert "alert(" not in feed and "tracker.example" not in feed
    assert sealed.body not in cleanings and HOSTILE in cleanings


def test_seal_bodies_seals_what_is_clean_and_counts_what_is_not():
    clean, hostile, kept = ArticleFactory(), ArticleFactory(), ArticleFactory()
    Article.objects.filter(pk=clean.pk).update(body_seal="")
    Article.objects.filter(pk=hostile.pk).update(body=HOSTILE)
    out = StringIO()
    call_command("seal_bodies", "--batch-size", "1", stdout=out)
    rows = {row.pk: row for row in Article.objects.all()}
    assert is_sealed(rows[clean.pk].body, rows[clean.pk].body_seal)
    assert is_sealed(rows[kept.pk].body, rows[kept.pk].body_seal)
    assert rows[hostile.pk].body == HOSTILE  # never rewritten here
    assert not is_sealed(HOSTILE, rows[hostile.pk].body_seal)
    text = out.getvalue()
    assert "articles: 3 bodies" in text
    assert "Done: 1 bodies sealed, 1 already sealed" in text
    assert "1 bodies stay unsealed" in text


def test_seal_bodies_refuses_a_batch_size_below_one():
    with pytest.raises(CommandError, match="--batch-size must be 1 or more"):
        call_command("seal_bodies", "--batch-size", "0")


def test_the_seal_is_djangos_salted_hmac_so_stored_seals_stay_valid():
    html = "<p>Words é 🚀</p>"
    expected = salted_hmac(
        "core.sanitize.seal", f"{core.sanitize._rules()}\n{html}", algorithm="sha256"
    ).hexdigest()
    assert seal(html) == expected
    with override_settings(SECRET_KEY="another-key-entirely-for-this-test"):
        assert seal(html) != expected
