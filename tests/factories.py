"""factory_boy factories: the smallest valid objects, with published articles by default."""

from datetime import datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Byline, HomeSlot, RelatedArticle, Section
from authors.models import Author
from images.models import Image


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()  # store the password hash set after creation


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    job_title = "Reporter"
    bio = factory.LazyAttribute(lambda author: f"{author.name} covers the news.")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, an hour old, with one byline unless `authors` is given."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Story number {n} about the city council")
    standfirst = "What happened, and why it matters."
    body = "<h2>What happened</h2><p>The council met on Tuesday.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        Byline.objects.bulk_create(
            Byline(article=self, author=author, position=position)
            for position, author in enumerate(authors)
        )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        if create and extracted:
            RelatedArticle.objects.bulk_create(
                RelatedArticle(article=self, target=target, position=position)
                for position, target in enumerate(extracted)
            )


def publish(article: Article, at: datetime | None = None) -> Article:
    """Publish `article` now, or schedule it for `at`, through `save()` (so its signals fire).

    Setup for tests of what follows publication. It skips the pre-publish checks, the
    transition log and the revision: tests of publishing itself go through
    `editorial.workflow.apply`, the only door the site has. A first publication time is kept.
    """
    article.status = Article.Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    article.save()
    return article


def set_picks(articles: list[Article]) -> None:
    """Make `articles` the home-page picks, in order (the first leads), replacing any others."""
    HomeSlot.objects.all().delete()
    HomeSlot.objects.bulk_create(
        HomeSlot(article=article, position=position) for position, article in enumerate(articles)
    )


class StaffUserFactory(UserFactory):
    """A staff login in one role group: `StaffUserFactory(role="Editor")`."""

    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group, Permission

        from editorial.roles import ensure_roles

        if create and extracted:
            try:
                group = Group.objects.get(name=extracted)
            except Group.DoesNotExist:  # a transactional test's flush removed the roles
                ensure_roles(Group, Permission)
                group = Group.objects.get(name=extracted)
            self.groups.add(group)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "articles.Correction"

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version of this story gave the wrong date for the meeting."


def image_bytes(size=(64, 48), colour="navy", format="JPEG", mode="RGB") -> bytes:
    """A small real image, encoded in `format`."""
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new(mode, size, colour).save(buffer, format)
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image made through the real upload path (cleaned, content-addressed)."""

    class Meta:
        model = Image

    alt_text = factory.Sequence(lambda n: f"Picture number {n}")
    caption = "A caption."
    credit = "Photo: Newsroom"

    @classmethod
    def _create(cls, model_class, *args, size=(64, 48), colour="navy", **kwargs):
        upload = ContentFile(image_bytes(size, colour), name="upload.jpg")
        return model_class.from_upload(upload, **kwargs)
