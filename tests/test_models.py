import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_headline():
    article = ArticleFactory(headline="Councils vote: what's next?", slug="")
    assert article.slug == "councils-vote-whats-next"


def test_non_latin_headline_gets_a_working_unicode_slug(client):
    article = ArticleFactory(headline="深圳创客节 开幕", slug="")
    assert article.slug == "深圳创客节-开幕"
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "深圳创客节 开幕" in response.content.decode()


def test_accented_headline_keeps_its_letters():
    article = ArticleFactory(headline="Café culture returns to São Paulo", slug="")
    assert article.slug == "café-culture-returns-to-são-paulo"


def test_punctuation_only_headline_still_gets_a_slug():
    assert ArticleFactory(headline="?!", slug="").slug == "article"


def test_body_is_sanitized_on_save():
    article = ArticleFactory(
        body='<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:x">y</a>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript" not in article.body
    assert article.body.startswith("<p>Hi</p>")


def test_str_and_urls():
    section = SectionFactory(name="Science", slug="science")
    author = AuthorFactory(name="Ada Stone", slug="ada-stone")
    article = ArticleFactory(headline="Comets", section=section, authors=[author])
    assert str(article) == "Comets"
    assert str(section) == "Science"
    assert str(author) == "Ada Stone"
    assert article.get_absolute_url() == f"/articles/{article.pk}/comets/"
    assert section.get_absolute_url() == "/sections/science/"
    assert author.get_absolute_url() == "/authors/ada-stone/"


def test_child_section_str_names_its_parent():
    parent = SectionFactory(name="Technology", slug="technology")
    child = SectionFactory(name="Gaming", slug="gaming", parent=parent)
    assert str(child) == "Technology › Gaming"


def test_sections_nest_only_one_level():
    top = SectionFactory(slug="top")
    middle = SectionFactory(slug="middle", parent=top)
    bottom = SectionFactory.build(slug="bottom", parent=middle)
    with pytest.raises(ValidationError):
        bottom.full_clean()


def test_section_with_children_cannot_get_a_parent():
    top = SectionFactory(slug="top")
    SectionFactory(slug="child", parent=top)
    other = SectionFactory(slug="other")
    top.parent = other
    with pytest.raises(ValidationError):
        top.full_clean()


def test_bylines_keep_the_editors_order():
    first, second, third = AuthorFactory(), AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[third, first, second])
    fetched = Article.objects.with_bylines().get(pk=article.pk)
    assert fetched.byline_authors == [third, first, second]


def test_author_social_links_skip_empty_ones():
    author = AuthorFactory(x_url="https://x.com/ada", website_url="")
    assert author.social_links == [("X", "https://x.com/ada")]
