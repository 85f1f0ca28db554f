"""Instances loaded without `Model.__init__()` (`core.loading.RowLoaded`).

They must be the instances Django would have made: the same field values, deferred fields
loaded when read, saved as updates, relations and file fields working, the queryset's fetch
mode kept, and `pre_init`/`post_init` receivers still called while there are any.
"""

import pytest
from django.db import models
from django.db.models import FETCH_RAISE
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_init, pre_init

from articles.models import Article, Section
from authors.models import Author
from core.loading import RowLoaded
from images.models import Image
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    section = SectionFactory(name="Rail", slug="rail")
    article = ArticleFactory(
        section=section,
        authors=[AuthorFactory(name="Ada Kort", slug="ada")],
        body="<p>The ferry left at dawn.</p>",
    )
    article.lead_image = ImageFactory(alt_text="A quay at dawn")
    article.save()
    return article


def django_made(model, db, field_names, values):
    """What Django's own `Model.from_db()` makes of the same row."""
    return models.Model.from_db.__func__(model, db, field_names, values)


def fields(instance) -> dict:
    return {name: value for name, value in vars(instance).items() if name != "_state"}


@pytest.mark.parametrize("model", [Article, Section, Author, Image])
def test_the_public_models_load_rows_without_init(model):
    assert issubclass(model, RowLoaded)


def test_init_is_not_run_for_a_loaded_row(story, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("Model.__init__ ran for a row from the database")

    monkeypatch.setattr(Article, "__init__", refuse)
    monkeypatch.setattr(Section, "__init__", refuse)
    monkeypatch.setattr(Image, "__init__", refuse)
    article = Article.objects.select_related("section", "lead_image").get(pk=story.pk)
    assert article.section.name == "Rail"
    assert article.lead_image.alt_text == "A quay at dawn"


@pytest.mark.parametrize(
    ("related", "only"),
    [
        (("section", "lead_image"), ()),
        ((), ("headline", "section_id")),
        (("section", "lead_image"), ("headline", "section__name", "lead_image__file")),
    ],
)
def test_a_loaded_row_holds_what_djangos_instance_holds(story, related, only):
    query = Article.objects.select_related(*related) if related else Article.objects.all()
    article = query.only(*only).get(pk=story.pk)
    names = [name for name in fields(article) if not name.startswith("_")]
    again = django_made(Article, "default", names, [getattr(article, n) for n in names])
    assert fields(article) == fields(again)
    assert article.get_deferred_fields() == again.get_deferred_fields()
    assert article._state.adding is False
    assert article._state.db == "default"
    assert article.section._state.adding is False


def test_a_deferred_field_is_read_when_asked(story):
    article = Article.objects.only("headline").get(pk=story.pk)
    assert "body" in article.get_deferred_fields()
    assert "The ferry left at dawn." in article.body


def test_a_loaded_row_is_saved_as_an_update(story):
    article = Article.objects.get(pk=story.pk)
    article.headline = "The ferry left late"
    article.save()
    assert Article.objects.count() == 1
    assert Article.objects.get(pk=story.pk).headline == "The ferry left late"


def test_relations_and_files_work_on_a_loaded_row(story):
    article = Article.objects.get(pk=story.pk)
    assert article.section.slug == "rail"  # a foreign key read through its id
    assert [author.name for author in article.authors.all()] == ["Ada Kort"]
    image = Image.objects.get(pk=story.lead_image_id)
    assert isinstance(image.file, FieldFile)
    assert image.file.name == story.lead_image.file.name


def test_the_querysets_fetch_mode_is_kept(story):
    article = Article.objects.fetch_mode(FETCH_RAISE).get(pk=story.pk)
    with pytest.raises(Exception, match="section"):
        article.section  # noqa: B018 (the access is the test)


@pytest.mark.parametrize("signal", [pre_init, post_init])
def test_init_signals_are_still_sent_while_anything_listens(story, signal):
    seen = []

    def receiver(sender, **kwargs):
        seen.append(sender)

    signal.connect(receiver, sender=Section)
    try:
        article = Article.objects.select_related("section").get(pk=story.pk)
    finally:
        signal.disconnect(receiver, sender=Section)
    assert seen == [Section]
    assert article.section.name == "Rail"
