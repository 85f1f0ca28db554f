"""Pre-publish checks: refusals for what readers must have, warnings for what is worth a look."""

import pytest

from articles.models import Article
from editorial import workflow
from editorial.prepublish import lead_image_problem, publish_problems, publish_warnings
from images.models import Image
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, ImageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor")


def with_image(article: Article, alt: str) -> Article:
    image = ImageFactory()
    Image.objects.filter(pk=image.pk).update(alt_text=alt)  # e.g. imported without alt text
    article.lead_image = Image.objects.get(pk=image.pk)
    article.save()
    return article


def test_article_without_byline_is_not_published(editor):
    article = ArticleFactory(draft=True, authors=[])
    with pytest.raises(workflow.TransitionRefused, match="no byline"):
        workflow.apply(article, "publish", editor)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_empty_headline_is_refused(editor):
    article = ArticleFactory(draft=True, headline="   ")
    assert "The headline is empty." in publish_problems(article)
    with pytest.raises(workflow.TransitionRefused, match="headline is empty"):
        workflow.apply(article, "publish", editor)


def test_lead_image_without_alt_text_is_refused(editor):
    article = with_image(ArticleFactory(draft=True), alt="")
    assert lead_image_problem(article)
    with pytest.raises(workflow.TransitionRefused, match="alt text"):
        workflow.apply(article, "schedule", editor, at=None)
    article = with_image(article, alt="Council chamber during the vote")
    assert lead_image_problem(article) is None
    workflow.apply(article, "publish", editor)
    assert article.is_public


def test_no_lead_image_needs_no_alt_text():
    assert lead_image_problem(ArticleFactory()) is None


def test_refusal_in_the_admin_says_why_and_keeps_the_edit(client, editor):
    article = ArticleFactory(draft=True, authors=[])
    client.force_login(editor)
    response = client.post(
        change_url(article),
        article_post_data(article, headline="Saved but not live", _transition="publish"),
        follow=True,
    )
    html = response.content.decode()
    assert "Not published:" in html and "There is no byline" in html
    article.refresh_from_db()
    assert article.headline == "Saved but not live"
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<h2>A</h2><h4>Skipped</h4>", "skips a heading level"),
        ("<h3>Starts too deep</h3>", "skips a heading level"),
        ('<p>See <a href="https://x.example">click here</a>.</p>', '"click here"'),
        ('<p>Read it <a href="https://x.example"> Here </a></p>', '"here"'),
    ],
)
def test_warnings_for_skipped_headings_and_vague_links(body, expected, editor):
    article = ArticleFactory(draft=True, body=body)
    warnings = publish_warnings(article)
    assert any(expected in warning for warning in warnings), warnings
    workflow.apply(article, "publish", editor)  # a warning never blocks
    assert article.is_public


def test_clean_body_has_no_warnings():
    body = '<h2>A</h2><h3>B</h3><h2>C</h2><p><a href="https://x.example">the report</a></p>'
    assert publish_warnings(ArticleFactory(body=body)) == []


def test_warnings_are_shown_after_publishing_in_the_admin(client, editor):
    article = ArticleFactory(draft=True, body="<h2>A</h2><h4>B</h4>")
    client.force_login(editor)
    response = client.post(
        change_url(article), article_post_data(article, _transition="publish"), follow=True
    )
    assert "Check: The body skips a heading level" in response.content.decode()
    assert Article.objects.get(pk=article.pk).is_public


def test_a_body_image_without_alt_text_is_refused(editor):
    image = ImageFactory()
    Image.objects.filter(pk=image.pk).update(alt_text="")  # imported without alt text
    article = ArticleFactory(
        draft=True, body=f'<figure data-image-id="{image.pk}" data-alt=""></figure>'
    )
    assert "Images in the body without alt text: 1." in " ".join(publish_problems(article))
    with pytest.raises(workflow.TransitionRefused, match="without alt text"):
        workflow.apply(article, "publish", editor)
    article.body = f'<figure data-image-id="{image.pk}" data-alt="Crowd at the quay"></figure>'
    article.save()
    workflow.apply(article, "publish", editor)
    assert article.is_public
