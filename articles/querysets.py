"""Query logic for articles and sections. Views compose these; they never repeat the rules."""

from datetime import datetime

from django.db import models
from django.db.models import F, Min, Prefetch, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from images.models import DELIVERY_FIELDS

# Columns a teaser needs: no body, so listings stay light whatever the article length.
LISTING_FIELDS = (
    "id", "headline", "slug", "dek", "status", "published_at", "updated_at",
    "section__id", "section__name", "section__slug",
    "lead_image", *(f"lead_image__{field}" for field in DELIVERY_FIELDS),
)  # fmt: skip


def bylines_prefetch(photos: bool = False) -> Prefetch:
    """The ordered bylines with their authors (and photos), for `prefetch_related()`."""
    from .models import Byline

    author = "author__photo" if photos else "author"
    return Prefetch("bylines", queryset=Byline.objects.select_related(author).order_by("position"))


class ArticleQuerySet(models.QuerySet):
    def published(self, at: datetime | None = None) -> "ArticleQuerySet":
        """The one definition of public: published status, a publication time that has come,
        an expiry time (if any) that has not, and not in the trash.

        A scheduled article is a published one whose time is in the future, so it appears by
        itself when that time passes, and leaves by itself at `unpublish_at`: no background job.
        """
        from .models import Article

        now = at or timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
            trashed_at__isnull=True,
        )

    def scheduled(self, at: datetime | None = None) -> "ArticleQuerySet":
        """Published articles whose time has not come yet (the admin's "Upcoming" list)."""
        from .models import Article

        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__gt=at or timezone.now(),
            trashed_at__isnull=True,
        )

    def expiring(self, at: datetime | None = None) -> "ArticleQuerySet":
        """Articles with an expiry time still to come."""
        from .models import Article

        return self.filter(
            status=Article.Status.PUBLISHED,
            unpublish_at__gt=at or timezone.now(),
            trashed_at__isnull=True,
        )

    def in_trash(self) -> "ArticleQuerySet":
        return self.filter(trashed_at__isnull=False)

    def not_trashed(self) -> "ArticleQuerySet":
        return self.filter(trashed_at__isnull=True)

    def editable_by(self, user) -> "ArticleQuerySet":
        """What `user` may open in the admin: everything for editors; for contributors, the
        articles they created or carry their byline (through their linked author profile)."""
        from .models import Byline

        if user.has_perm("articles.edit_any_article"):
            return self
        bylined = Byline.objects.filter(author__user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=bylined))

    def next_visibility_change(self, after: datetime | None = None) -> datetime | None:
        """When the public set next changes by itself (a scheduled publication or an expiry).

        Cached pages live no longer than this, so every cache honours scheduling and embargoes.
        """
        from .models import Article

        now = after or timezone.now()
        times = self.filter(status=Article.Status.PUBLISHED, trashed_at__isnull=True).aggregate(
            publication=Min("published_at", filter=Q(published_at__gt=now)),
            expiry=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        return min((time for time in times.values() if time is not None), default=None)

    def in_section(self, section, include_children: bool = True) -> "ArticleQuerySet":
        """Articles of `section` and, by default, of its child sections."""
        if include_children:
            return self.filter(Q(section=section) | Q(section__parent=section))
        return self.filter(section=section)

    def by_author(self, author) -> "ArticleQuerySet":
        return self.filter(bylines__author=author)

    def tagged(self, tag) -> "ArticleQuerySet":
        return self.filter(tagged_items__tag=tag)

    def newest_first(self) -> "ArticleQuerySet":
        return self.order_by("-published_at", "-id")

    def with_bylines(self, photos: bool = False) -> "ArticleQuerySet":
        """Prefetch the ordered bylines with their authors (one query for the whole list),
        and with the authors' photos when the page shows them."""
        return self.prefetch_related(bylines_prefetch(photos))

    def for_listing(self) -> "ArticleQuerySet":
        """What a teaser list needs: section, image and bylines joined, no body loaded."""
        return self.select_related("section", "lead_image").only(*LISTING_FIELDS).with_bylines()

    def for_cards(self) -> "ArticleQuerySet":
        """What a compact card needs (widgets, sidebars): like a teaser, without bylines."""
        return self.select_related("section", "lead_image").only(*LISTING_FIELDS)

    def latest_per_section(self, sections, per_section: int) -> "ArticleQuerySet":
        """The newest `per_section` articles of each of `sections` (children included).

        One query for all blocks: a window numbers each top-level section's articles.
        Sections nest one level deep, so a child's top-level section is its parent.
        """
        top_section = Coalesce(F("section__parent_id"), F("section_id"))
        return (
            self.annotate(
                top_section_id=top_section,
                rank_in_section=Window(
                    RowNumber(),
                    partition_by=[top_section],
                    order_by=[F("published_at").desc(), F("id").desc()],
                ),
            )
            .filter(top_section_id__in=[s.pk for s in sections])
            .filter(rank_in_section__lte=per_section)
            .order_by("top_section_id", "rank_in_section")
        )


class SectionQuerySet(models.QuerySet):
    def in_navigation(self) -> "SectionQuerySet":
        """Top-level sections shown in the site header, in the editors' order."""
        return self.filter(show_in_navigation=True, parent__isnull=True).order_by(
            "position", "name"
        )
