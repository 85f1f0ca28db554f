"""Load the demo content written for Newsroom, and one demo login per role.

Idempotent: what already exists (matched by slug or username) is left exactly as it is, so a
second run changes nothing and never overwrites an editor's changes.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Byline, RelatedArticle, Section
from authors.models import Author
from demo import content as demo_content
from demo.images import author_portrait, lead_illustration
from demo.live_blog import seed_live_blog
from demo.site import seed_site
from images.models import Image

DEMO_CREDIT = "Illustration: Newsroom demo"


def body_html(blocks: list[tuple[str, str]]) -> str:
    """Demo bodies are (tag, inline HTML) pairs; quotes get their paragraph wrapper."""
    parts = []
    for tag, text in blocks:
        if tag == "blockquote":
            parts.append(f"<blockquote><p>{text}</p></blockquote>")
        else:
            parts.append(f"<{tag}>{text}</{tag}>")
    return "\n".join(parts)


class Command(BaseCommand):
    help = "Create demo sections, authors, articles and an editor login (safe to run twice)."

    def handle(self, *args, **options) -> None:
        self.created = {"sections": 0, "authors": 0, "articles": 0, "live blogs": 0, "users": 0}
        with transaction.atomic():
            sections = self.seed_sections()
        # One transaction per author and per article: each picture's renditions are made (or
        # queued, with a task queue) as it commits, so the progress lines keep pace with the
        # work instead of a silent minute after the last one.
        authors = self.seed_authors()
        new = self.seed_articles(sections, authors)
        with transaction.atomic():
            self.seed_related(new)
            self.created["live blogs"] = int(seed_live_blog(authors, DEMO_CREDIT))
            self.seed_role_users(authors)
            self.created.update(seed_site())
        made = ", ".join(f"{count} {kind}" for kind, count in self.created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: created {made}."))
        for data in demo_content.ROLE_USERS:
            self.stdout.write(
                f"{data['group']} login: username '{data['username']}', "
                f"password '{data['password']}' (at /admin/)"
            )

    def seed_sections(self) -> dict[str, Section]:
        sections: dict[str, Section] = {}
        for data in demo_content.SECTIONS:  # parents come before their children
            section, created = Section.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "description": data["description"],
                    "position": data["position"],
                    "parent": sections.get(data["parent"]) if data["parent"] else None,
                },
            )
            sections[section.slug] = section
            self.created["sections"] += created
        return sections

    def seed_authors(self) -> dict[str, Author]:
        authors: dict[str, Author] = {}
        total = len(demo_content.AUTHORS)
        for number, data in enumerate(demo_content.AUTHORS, start=1):
            with transaction.atomic():
                author, created = self.seed_author(data)
            if created:
                self.stdout.write(f"  author [{number}/{total}] {author.name}")
            authors[author.slug] = author
            self.created["authors"] += created
        return authors

    def seed_author(self, data: dict) -> tuple[Author, bool]:
        fields = {key: value for key, value in data.items() if key != "slug"}
        author, created = Author.objects.get_or_create(slug=data["slug"], defaults=fields)
        if created:
            author.photo = Image.from_upload(
                ContentFile(author_portrait(author.name), name=f"{author.slug}.jpg"),
                alt_text=f"Portrait of {author.name}",
                caption=author.name,
                credit=DEMO_CREDIT,
            )
            author.save(update_fields=["photo"])
        return author, created

    def seed_articles(
        self, sections: dict[str, Section], authors: dict[str, Author]
    ) -> dict[str, Article]:
        """The demo stories not there yet, each with its picture; returns the new ones."""
        now = timezone.now().replace(second=0, microsecond=0)
        total = len(demo_content.ARTICLES)
        new: dict[str, Article] = {}
        for number, data in enumerate(demo_content.ARTICLES, start=1):
            if Article.objects.filter(slug=data["slug"]).exists():
                continue
            with transaction.atomic():
                article = self.seed_article(data, number, now, sections, authors)
            new[article.slug] = article
            self.stdout.write(f"  story [{number}/{total}] {article.headline[:64]}")
        self.created["articles"] = len(new)
        return new

    def seed_article(self, data, number, now, sections, authors) -> Article:
        article = Article(
            headline=data["headline"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            body=body_html(data["body"]),
            section=sections[data["section"]],
        )
        if data["status"] == "published":
            article.status = Article.Status.PUBLISHED
            article.published_at = now - timedelta(days=data["days_ago"], hours=number)
        elif data["status"] == "scheduled":
            article.status = Article.Status.PUBLISHED
            article.published_at = now + timedelta(hours=data["publish_in_hours"])
        picture, (focal_x, focal_y) = lead_illustration(data["headline"], data["section"])
        article.lead_image = Image.from_upload(
            ContentFile(picture, name=f"{data['slug']}.jpg"),
            alt_text=data["lead_image_alt"],
            caption=data["lead_image_caption"],
            credit=data["lead_image_credit"],
            focal_x=focal_x,
            focal_y=focal_y,
        )
        article.save()
        article.tags.set(data["tags"])
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[slug], position=position)
            for position, slug in enumerate(data["authors"])
        )
        return article

    def seed_related(self, new: dict[str, Article]) -> None:
        """Hand-picked related stories, for the stories created by this run only."""
        for data in demo_content.ARTICLES:
            if data["slug"] not in new:
                continue
            RelatedArticle.objects.bulk_create(
                RelatedArticle(
                    article=new[data["slug"]],
                    target=Article.objects.get(slug=target),
                    position=position,
                )
                for position, target in enumerate(data["related"])
            )

    def seed_role_users(self, authors: dict[str, Author]) -> None:
        """One staff login per role group. Existing accounts keep their password and flags;
        they are only (re)added to their group, so a second run changes nothing."""
        User = get_user_model()
        for data in demo_content.ROLE_USERS:
            user = User.objects.filter(username=data["username"]).first()
            if user is None:
                user = User.objects.create_user(
                    data["username"],
                    f"{data['username']}@example.com",
                    data["password"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    is_staff=True,
                )
                self.created["users"] += 1
                author = authors.get(data["author"]) if data["author"] else None
                if author is not None and author.user_id is None:
                    author.user = user
                    author.save(update_fields=["user"])
            group = Group.objects.filter(name=data["group"]).first()
            if group is not None and not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
