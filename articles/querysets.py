"""Query logic for articles and sections. Views compose these; they never repeat the rules.

The models import this module, so it never imports them back: statuses come from
`self.model`, and bylines through the article's `bylines` relation.
"""

from datetime import datetime

from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.models import Tag

from core.json_rows import instances, json_rows
from images.models import DELIVERY_FIELDS

# Columns a teaser needs: no body, so listings stay light whatever the article length.
LISTING_FIELDS = (
    "id", "headline", "slug", "standfirst", "status", "published_at", "updated_at",
    "section__id", "section__name", "section__slug",
    "lead_image", *(f"lead_image__{field}" for field in DELIVERY_FIELDS),
)  # fmt: skip

TEXT_CARD_FIELDS = ("id", "headline", "slug", "published_at")
# What `with_byline_rows()` reads of each author: what a byline shows, and, for the article
# page's author boxes, the rest with the photo's delivery fields.
BYLINE_AUTHOR_FIELDS = ("id", "name", "slug")
PAGE_AUTHOR_FIELDS = (
    "id", "name", "slug", "job_title", "bio", "photo_id", "website_url", "x_url",
    "mastodon_url", "linkedin_url", "user_id", *(f"photo__{field}" for field in DELIVERY_FIELDS),
)  # fmt: skip
TAG_FIELDS = ("id", "name", "slug")

# Status values in index conditions are spelled out: the models import this module.
_LIVE = Q(status="published", trashed_at__isnull=True)
# Article.Meta.indexes: declared here, beside the queries they serve.
ARTICLE_INDEXES = [
    models.Index(fields=["status", "-published_at"], name="article_public_idx"),
    models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
    # The live stories (published, not in the trash), newest first, with what decides whether
    # each is public now and where it belongs: the newest stories of the site or of a section
    # ("More in" candidates, section rails) are a walk of this index alone, not of the table's
    # rows (1.4 ms instead of 6 ms for 200 of a section at a million articles). Walked from its
    # other end, it also gives next_visibility_change() the first future publication.
    models.Index(
        fields=["-published_at", "-id"],
        include=["section", "unpublish_at"],  # PostgreSQL only; SQLite indexes the fields
        condition=_LIVE,
        name="article_live_timeline_idx",
    ),
    # Whether a story is public now, by id, without reading its row: the capped counts of a
    # tag's and an author's pages join their timelines to this (1,001 probes, 3-5 ms at a
    # million articles instead of 17-20 ms reading rows).
    models.Index(
        fields=["id"],
        include=["published_at", "unpublish_at"],
        condition=_LIVE,
        name="article_live_idx",
    ),
    # A section's live stories, newest first: its capped count reads 1,001 entries of this
    # (0.4 ms at a million articles, instead of 5-8 ms scanning the table).
    models.Index(
        fields=["section", "-published_at"],
        include=["unpublish_at"],
        condition=_LIVE,
        name="article_live_section_idx",
    ),
    # next_visibility_change(): the first future expiry is the first entry of a small partial
    # index, whatever the size of the archive.
    models.Index(
        fields=["unpublish_at"],
        condition=_LIVE & Q(unpublish_at__isnull=False),
        name="article_expiry_idx",
    ),
]
# TaggedArticle and Byline Meta.indexes: a tag's and an author's stories by publication time,
# read by newest_tagged() and newest_by(), whatever share of the archive the tag or author has.
TIMELINE_INDEXES = {
    "tag": models.Index(
        fields=["tag", "-published_at", "-content_object"], name="tagged_article_timeline_idx"
    ),
    "author": models.Index(
        fields=["author", "-published_at", "-article"], name="byline_timeline_idx"
    ),
}


class ArticleQuerySet(models.QuerySet):
    def published(self, at: datetime | None = None) -> "ArticleQuerySet":
        """The one definition of public: published status, a publication time that has come,
        an expiry time (if any) that has not, and not in the trash.

        A scheduled article is a published one whose time is in the future, so it appears by
        itself when that time passes, and leaves by itself at `unpublish_at`: no background job.
        """
        now = at or timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=self.model.Status.PUBLISHED,
            published_at__lte=now,
            trashed_at__isnull=True,
        )

    def scheduled(self, at: datetime | None = None) -> "ArticleQuerySet":
        """Published articles whose time has not come yet (the admin's "Upcoming" list)."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__gt=at or timezone.now(),
            trashed_at__isnull=True,
        )

    def expiring(self, at: datetime | None = None) -> "ArticleQuerySet":
        """Articles with an expiry time still to come."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
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
        if user.has_perm("articles.edit_any_article"):
            return self
        return self.owned_by(user)

    def owned_by(self, user) -> "ArticleQuerySet":
        """The articles `user` created or carries the byline of (their "mine")."""
        bylined = self._bylines().filter(author__user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=bylined))

    def next_visibility_change(self, after: datetime | None = None) -> datetime | None:
        """When the public set next changes by itself (a scheduled publication or an expiry).

        Cached pages live no longer than this, so every cache honours scheduling and embargoes.
        """
        now = after or timezone.now()
        live = self.filter(status=self.model.Status.PUBLISHED, trashed_at__isnull=True)
        # Two index lookups (ORDER BY ... LIMIT 1 on the partial indexes above) in one query,
        # not an aggregate: at 100,000 articles the aggregate read every published row
        # (about 90 ms). The outer query reads one row of any article to carry them.
        first = {
            f"next_{field}": Subquery(
                live.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1]
            )
            for field in ("published_at", "unpublish_at")
        }
        times = self.model.objects.order_by().annotate(**first).values_list(*first)[:1]
        return min((time for row in times for time in row if time is not None), default=None)

    def in_section(self, section) -> "ArticleQuerySet":
        """Articles of `section` and of its child sections."""
        return self.filter(Q(section=section) | Q(section__parent=section))

    def by_author(self, author) -> "ArticleQuerySet":
        return self.filter(bylines__author=author)

    def tagged(self, tag) -> "ArticleQuerySet":
        return self.filter(tagged_items__tag=tag)

    def newest_tagged(self, tag, at: datetime | None = None) -> "ArticleQuerySet":
        """Articles tagged `tag` published by `at` (now), newest first, read from the tag's
        timeline (TIMELINE_INDEXES): a page of them reads about a page of entries.

        Ordered by the article's own time and id, it cost a walk of the newest stories
        checking each for the tag (for a tag on 1 story in 120 at a million articles, 2,500
        stories for a page of 20), or a sort of all the tag's stories.
        """
        return self.filter(
            tagged_items__tag=tag, tagged_items__published_at__lte=at or timezone.now()
        ).order_by("-tagged_items__published_at", "-tagged_items__content_object_id")

    def newest_by(self, author, at: datetime | None = None) -> "ArticleQuerySet":
        """Articles of `author` published by `at` (now), newest first, from the author's
        timeline, like newest_tagged()."""
        return self.filter(
            bylines__author=author, bylines__published_at__lte=at or timezone.now()
        ).order_by("-bylines__published_at", "-bylines__article_id")

    def tags(self) -> models.QuerySet[Tag]:
        """The tags these articles carry (`published().tags()`: the tags with a public page)."""
        return Tag.objects.filter(Exists(self.tagged(OuterRef("pk"))))

    def newest_first(self) -> "ArticleQuerySet":
        return self.order_by("-published_at", "-id")

    def _bylines(self) -> models.QuerySet:
        """All bylines, reached through the relation: this module may not import the models."""
        return self.model._meta.get_field("bylines").related_model.objects.all()

    def bylines_prefetch(self, photos: bool = False) -> Prefetch:
        """The ordered bylines with their authors (and photos), for `prefetch_related()` or
        for `prefetch_related_objects()` on articles already loaded."""
        author = "author__photo" if photos else "author"
        return Prefetch(
            "bylines", queryset=self._bylines().select_related(author).order_by("position")
        )

    def with_bylines(self, photos: bool = False) -> "ArticleQuerySet":
        """Prefetch the ordered bylines with their authors (one query for the whole list),
        and with the authors' photos when the page shows them."""
        return self.prefetch_related(self.bylines_prefetch(photos))

    def with_byline_rows(self, photos: bool = False) -> "ArticleQuerySet":
        """Each article's byline authors as JSON rows of its own row (from a subquery), which
        `byline_authors` reads: the bylines cost no query of their own. The authors hold
        their id, name and slug (what a byline shows), or with `photos` what the article
        page's author boxes show, photo included (`PAGE_AUTHOR_FIELDS`)."""
        bylines = self.model._meta.get_field("bylines").related_model.objects.all()
        fields = [
            f"author__{field}" for field in (PAGE_AUTHOR_FIELDS if photos else BYLINE_AUTHOR_FIELDS)
        ]
        rows = json_rows(bylines, "article_id", "position", "id", *fields)
        return self.annotate(**{"page_byline_rows" if photos else "byline_rows": rows})

    def with_tag_rows(self) -> "ArticleQuerySet":
        """Each article's tags as JSON rows of its own row, which `tag_list` reads."""
        links = self.model._meta.get_field("tagged_items").related_model.objects.all()
        fields = [f"tag__{field}" for field in TAG_FIELDS]
        return self.annotate(tag_rows=json_rows(links, "content_object_id", "id", *fields))

    def for_listing(self) -> "ArticleQuerySet":
        """What a teaser list needs: section, image and bylines joined, no body loaded."""
        cards = self.select_related("section", "lead_image").only(*LISTING_FIELDS)
        return cards.with_byline_rows()

    def for_cards(self) -> "ArticleQuerySet":
        """What a compact card needs (widgets, sidebars): like a teaser, without bylines."""
        return self.select_related("section", "lead_image").only(*LISTING_FIELDS)

    def latest_per_section(self, sections, per_section: int) -> "ArticleQuerySet":
        """The newest `per_section` articles of each of `sections` (children included).

        One query for all blocks: per section, a subquery walks the publication-date index
        from the newest story until it has `per_section` of that section, so the cost does not
        grow with the archive (a window numbering every public article did). Sections nest one
        level deep, so a child's top-level section is its parent.
        """
        newest = self.order_by("-published_at", "-id").values("pk")
        per_top_section = [newest.in_section(section)[:per_section] for section in sections]
        if not per_top_section:
            return self.none()
        if connection.features.supports_slicing_ordering_in_compound:
            # One subquery, a UNION ALL of the walks: PostgreSQL then fetches the few rows by
            # primary key (with one `IN` per section, OR-ed, it filtered every row).
            picked = Q(pk__in=per_top_section[0].union(*per_top_section[1:], all=True))
        else:  # SQLite takes no LIMIT inside a UNION
            picked = Q()
            for walk in per_top_section:
                picked |= Q(pk__in=walk)
        top_section = Coalesce(F("section__parent_id"), F("section_id"))
        return (
            self.filter(picked)
            .annotate(top_section_id=top_section)
            .order_by("top_section_id", "-published_at", "-id")
        )

    def visible_to(self, user) -> "ArticleQuerySet":
        """What `user` may see of an article anywhere in the admin (choices, autocomplete):
        everything for editors; for contributors, their own articles and the public ones, so
        no form or lookup names another writer's draft or an embargoed story."""
        if user.has_perm("articles.edit_any_article"):
            return self
        return self.editable_by(user) | self.published()


class SectionQuerySet(models.QuerySet):
    def in_tree_order(self) -> "SectionQuerySet":
        """Each top-level section in the editors' order, followed by its own sub-sections."""
        return self.order_by(
            Coalesce("parent__position", "position"),
            Coalesce("parent__name", "name"),
            Coalesce("parent_id", "id"),
            F("parent_id").asc(nulls_first=True),
            "position",
            "name",
        )

    def in_navigation(self) -> "SectionQuerySet":
        """Top-level sections shown in the site header, in the editors' order."""
        return self.filter(show_in_navigation=True, parent__isnull=True).order_by(
            "position", "name"
        )


def authors_from_rows(article) -> list | None:
    """`article`'s byline authors from the rows it was read `with_byline_rows()`, made once
    (None: it was read without them)."""
    if (authors := article.__dict__.get("prefetched_authors")) is not None:
        return authors
    for name, fields in (
        ("byline_rows", BYLINE_AUTHOR_FIELDS),
        ("page_byline_rows", PAGE_AUTHOR_FIELDS),
    ):
        if name in article.__dict__:
            author = type(article)._meta.get_field("bylines").related_model.author.field
            rows = (row[2:] for row in sorted(article.__dict__[name] or ()))
            authors = instances(author.related_model, fields, rows, article._state.db)
            article.__dict__["prefetched_authors"] = authors
            return authors
    return None


def tags_from_rows(article) -> list | None:
    """`article`'s tags from the rows it was read `with_tag_rows()`, made once (None: it was
    read without them)."""
    if (tags := article.__dict__.get("prefetched_tags")) is not None:
        return tags
    if "tag_rows" not in article.__dict__:
        return None
    rows = (row[1:] for row in sorted(article.__dict__["tag_rows"] or ()))
    tags = article.__dict__["prefetched_tags"] = instances(Tag, TAG_FIELDS, rows, article._state.db)
    return tags
