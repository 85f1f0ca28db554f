"""What search engines and social networks show of an article, when it differs from the page.

An abstract model so `Article` keeps its fields in one table (no join on the article page)
while `articles/models.py` stays within its size. Every field is optional: the properties fall
back to the headline, the standfirst and the lead image, which is what readers see anyway.
"""

from django.db import models

from core.text import CleanCharField, CleanTextField

# Recommended lengths (characters) the form shows beside its counters; longer is allowed, as
# search engines cut by pixel width rather than characters, but is likely to be cut.
HEADLINE_RANGE = (40, 90)
SEO_TITLE_RANGE = (30, 60)
META_DESCRIPTION_RANGE = (70, 160)
SOCIAL_TITLE_RANGE = (30, 70)
SOCIAL_DESCRIPTION_RANGE = (50, 200)


class SeoFields(models.Model):
    seo_title = CleanCharField(
        "SEO title",
        max_length=120,
        blank=True,
        help_text="The title in search results. Empty: the headline.",
    )
    meta_description = CleanTextField(
        blank=True,
        max_length=320,
        help_text="The text under the title in search results. Empty: the standfirst.",
    )
    social_title = CleanCharField(
        max_length=150,
        blank=True,
        help_text="The title on shared links (Facebook, X, messengers). Empty: the SEO title.",
    )
    social_description = CleanTextField(
        blank=True,
        max_length=320,
        help_text="The text on shared links. Empty: the meta description.",
    )
    social_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_image_of",
        help_text="The picture on shared links. Empty: the lead image.",
    )

    class Meta:
        abstract = True

    @property
    def search_title(self) -> str:
        return self.seo_title or self.headline

    @property
    def search_description(self) -> str:
        return self.meta_description or self.standfirst or self.headline

    @property
    def card_title(self) -> str:
        return self.social_title or self.search_title

    @property
    def card_description(self) -> str:
        return self.social_description or self.search_description

    @property
    def card_image(self):
        """The library image shared links show: the social image, else the lead image."""
        return self.social_image or self.lead_image
