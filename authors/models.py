"""Author profiles: bylines are people, not login accounts."""

from django.conf import settings
from django.db import models

from core.loading import RowLoaded
from core.reversing import cached_reverse
from core.slugs import unique_slug
from core.text import CleanCharField, CleanTextField


class Author(RowLoaded, models.Model):
    """A byline. Guests and freelancers need no account; staff may link theirs through `user`."""

    name = CleanCharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True, allow_unicode=True)
    job_title = CleanCharField(max_length=120, blank=True)
    bio = CleanTextField(blank=True, help_text="One or two sentences, shown under articles.")
    photo = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portrait_of",
        help_text="A portrait from the image library (cropped square around its focal point).",
    )
    website_url = models.URLField("website", blank=True)
    x_url = models.URLField("X profile", blank=True)
    mastodon_url = models.URLField("Mastodon profile", blank=True)
    linkedin_url = models.URLField("LinkedIn profile", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="Optional login account of this author.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """An author saved without a slug gets one from the name, even a name of emoji only."""
        if not self.slug:
            others = Author.objects.exclude(pk=self.pk)
            self.slug = unique_slug(others, self.name, max_length=140, fallback="author")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("articles:author", slug=self.slug)

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """The author's profiles that are filled in, as (label, url) pairs in display order."""
        links = [
            ("Website", self.website_url),
            ("X", self.x_url),
            ("Mastodon", self.mastodon_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in links if url]
