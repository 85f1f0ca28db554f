"""The hostile values, the world and the invariants behind tests/test_admin_fuzz.py.

A small newsroom where every role has something it may not touch: another writer's draft, an
editor's private draft, an embargoed story, a story in the trash, the roles' permissions. After
each hostile request the invariants say what went wrong: a 5xx, a change the role may not make,
another user's data in a response, a feed or sitemap that is no longer XML, a stored redirect
that leaves the site.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import strategies as st
from lxml import etree
from taggit.models import Tag

from accounts.models import LoginFailureWindow
from api.models import ApiToken
from articles.models import (
    Article,
    Byline,
    Correction,
    HomeSlot,
    RelatedArticle,
    Section,
    TaggedArticle,
    WordPressSource,
)
from authors.models import Author
from branding.models import Brand
from desk.models import BudgetLine
from editorial import workflow
from images.models import Image
from liveblog import permissions as live_permissions
from liveblog.models import Entry, LiveBlog
from pages.models import MenuItem, Page
from redirects.models import Redirect
from redirects.recording import add_redirect
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    SectionFactory,
    StaffUserFactory,
)
from webhooks.models import Attempt, Delivery, Subscription

# -- hostile values --------------------------------------------------------------------------

TEXT = [
    "\x00", "a\x00b", "\x0b", "Headline\x0bwith a vertical tab", "\x1b[31m", "\x7f", "\x85",
    "\u2028", "\ufeff", "\u200b", "\u202e", "ｅｄｉｔｏｒ", "𝐞𝐝𝐢𝐭𝐨𝐫", "İı", "ß", "#", "!!!",
    "😀", "-", " ", "", "a" * 5000, "𝕏" * 2000, "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>', '<p><img src="//evil.example/p.gif"></p>',
    "javascript:alert(1)", "/%2Fevil.example/", "//evil.example/", "/\\evil.example/",
    "https://evil.example/", "../../etc/passwd", "' OR 1=1 --", "{{7*7}}", "]]>", "&#0;",
    "\r\nX-Injected: 1",
]  # fmt: skip
RAW = [b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xaf"]  # invalid UTF-8, an encoded lone surrogate
NUMBERS = ["-1", "0", "2147483648", "9223372036854775808", "1" * 30, "1e309", "NaN",
           "Infinity", "-0", "1.5", "0x10", " 1"]  # fmt: skip
DATES = ["0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "99999999999-01-01",
         "2024-02-30", "2023-13-01", "-1-01-01", "31/12/2024"]  # fmt: skip
TIMES = ["24:00:00", "23:59:60", "25:61:61", "-1:00", "99999999999:00", "12:00:00.9999999"]
# Half the draws from TEXT (raw bytes go as a one-item list: sent as they are).
hostile_text = st.one_of(st.sampled_from(TEXT + [[raw] for raw in RAW]), st.text(max_size=30))
# The payloads of the sweep: each goes once into every text field of every change form.
SWEEP = [
    "\x00", "\x0b", "Headline\x0bwith a vertical tab", "\x85", "\ufeff", "ｅｄｉｔｏｒ", "#", "😀",
    "!!!", "", "a" * 5000, '<p><img src="//evil.example/p.gif"></p>', "/%2Fevil.example/",
    "//evil.example/",
]  # fmt: skip

ROLES = {"contributor": "Contributor", "editor": "Editor", "administrator": "Administrator"}
# Headlines nobody but their writer and the editors may read. Letters only, so HTML escaping,
# JSON encoding or truncation to a word cannot hide them from the search in a response.
PRIVATE_HEADLINES = {
    "rival_draft": "Quillfeather rival draft on the harbour deal",
    "editor_draft": "Marrowstone editor draft on the mayor",
    "scheduled": "Embargoed Vantablack budget leak",
    "trashed": "Trashbinned Oxbow correction story",
}
IGNORED_FIELDS = {"search_vector", "modified_at", "last_login"}


@dataclass
class World:
    users: dict
    objects: dict  # name → model instance, one per kind of target
    ids: list[int] = field(default_factory=list)
    media_root: object = None

    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return "World(...)"

    def markers_for(self, role: str) -> list[str]:
        """Strings that must appear in no response to `role`: drafts and secrets of others."""
        user = self.users[role]
        hashes = [u.password for u in get_user_model().objects.all()]
        if role != "contributor":
            return hashes
        emails = [u.email for u in get_user_model().objects.exclude(pk=user.pk)]
        return [*PRIVATE_HEADLINES.values(), *emails, *hashes]


def build_world() -> World:
    """Users in every role, and one object of every admin's model, private ones included."""
    now = timezone.now()
    tech = SectionFactory(name="Technology", slug="technology")
    city = SectionFactory(name="City", slug="city", parent=tech)
    users = {role: StaffUserFactory(role=group, username=role) for role, group in ROLES.items()}
    rival = StaffUserFactory(role="Contributor", username="rival")
    mine = AuthorFactory(name="Connie Writer", slug="connie", user=users["contributor"])
    theirs = AuthorFactory(name="Rita Rival", slug="rita", user=rival)
    image = ImageFactory(uploaded_by=users["editor"])
    published = ArticleFactory(section=tech, authors=[mine, theirs], tags=["privacy"])
    other = ArticleFactory(section=city, authors=[theirs], tags=["council"], lead_image=image)
    objects = {
        "own_draft": ArticleFactory(
            section=tech,
            draft=True,
            authors=[mine],
            created_by=users["contributor"],
            related=[published],
        ),
        "rival_draft": ArticleFactory(
            section=city,
            draft=True,
            authors=[theirs],
            created_by=rival,
            headline=PRIVATE_HEADLINES["rival_draft"],
        ),
        "editor_draft": ArticleFactory(
            section=city,
            draft=True,
            authors=[],
            created_by=users["editor"],
            headline=PRIVATE_HEADLINES["editor_draft"],
        ),
        "scheduled": ArticleFactory(
            section=tech, authors=[theirs], scheduled=True, headline=PRIVATE_HEADLINES["scheduled"]
        ),
        "trashed": ArticleFactory(
            section=tech,
            draft=True,
            authors=[theirs],
            created_by=rival,
            trashed_at=now,
            headline=PRIVATE_HEADLINES["trashed"],
        ),
        "published": published,
    }
    CorrectionFactory(article=published)
    HomeSlot.objects.create(article=published, position=0)
    WordPressSource.objects.create(article=other, wp_post_id=7, wp_status="publish")
    LoginFailureWindow.objects.create(key="user:0", failures=2, window_ends=now + timedelta(1))
    add_redirect("/old-story/", published.get_absolute_url())
    live = LiveBlog.objects.create(article=published)
    Entry.objects.create(live_blog=live, body="<p>Published update.</p>").publish()
    Entry.objects.create(
        live_blog=live, body="<p>A contributor's draft update.</p>", created_by=users["contributor"]
    )
    BudgetLine.objects.create(slug="Tram strike", section=city, writer=users["contributor"])
    DBTaskResult.objects.create(  # a failed background job (jobs.admin)
        status="FAILED",
        args_kwargs={"args": [image.pk], "kwargs": {}},
        task_path="images.tasks.generate_renditions",
        backend_name="default",
        worker_ids=["w1", "w2"],
        finished_at=now,
        exception_class_path="builtins.OSError",
        traceback="OSError: the disk is full",
    )
    about = Page.objects.create(slug="about", title="About", status=Page.Status.PUBLISHED)
    Page.objects.create(slug="team", title="Team", parent=about)
    top = MenuItem.objects.create(menu=MenuItem.Menu.HEADER, section=tech)
    MenuItem.objects.create(menu=MenuItem.Menu.HEADER, parent=top, page=about)
    Brand.objects.create()
    # Off, so no save in an example could send anything (and nothing commits there anyway).
    hook = Subscription.objects.create(
        name="Partner", target_url="https://93.184.215.14/hooks", events=["article.updated"],
        is_active=False,
    )  # fmt: skip
    delivery = Delivery.objects.create(subscription=hook, event="article.updated", body="{}")
    Attempt.objects.create(delivery=delivery, number=1, at=now, status_code=500)
    token = ApiToken(user=users["contributor"], name="Wire importer", scope="write")
    token.issue()
    token.save()
    objects.update(
        {
            model._meta.label_lower: model.objects.order_by("pk").first()
            for model in admin.site._registry
        }
    )
    ids = sorted(
        {obj.pk for obj in objects.values() if isinstance(obj.pk, int)}
        | {u.pk for u in users.values()}
    )
    ids += [theirs.pk, rival.pk, 0, -1, 2**31, 2**63, 10**30]
    return World(users=users, objects=objects, ids=ids)


def admin_models() -> list[str]:
    """Every model with an admin, by label (`articles.article`), in a stable order."""
    return sorted(model._meta.label_lower for model in admin.site._registry)


# -- what a role may change ---------------------------------------------------------------------


CHILDREN = (Byline, RelatedArticle, Correction)  # changed through their article's form
WATCHED = [Article, *CHILDREN, HomeSlot, Section, Author, Image, Tag, Redirect, Group,
           get_user_model(), WordPressSource, LoginFailureWindow, LiveBlog, Entry, Page,
           MenuItem, Brand, Subscription]  # fmt: skip


def _may_change_article(user, article: Article) -> bool:
    if article.trashed_at is not None:  # restoring is a change; purging is checked apart
        return user.has_perm("articles.delete_article")
    return workflow.can_edit(user, article)


def _row(obj) -> tuple:
    return tuple(
        (f.attname, getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.attname not in IGNORED_FIELDS
    )


def _added_by_side_effect(model, perms: set[str]) -> bool:
    """Tags are made by the article form's tag field (contributors type new ones); redirects
    are recorded when a role that may rename a section, author, tag or page renames one."""
    if model is Tag:
        return True
    renames = {"articles.change_section", "authors.change_author", "taggit.change_tag",
               "pages.change_page"}  # fmt: skip
    return model is Redirect and bool(renames & perms)


def protected_state(user) -> dict:
    """What `user` may not change: rows (with their values), row counts of models they may not
    add to, the permissions of every role, and their own flags and permissions."""
    perms = user.get_all_permissions()
    articles = {a.pk: _may_change_article(user, a) for a in Article.objects.all()}
    state = {}
    for model in WATCHED:
        opts = model._meta
        may_change = f"{opts.app_label}.change_{opts.model_name}" in perms
        for obj in model.objects.all():
            allowed = may_change
            if model is Article:
                allowed = articles[obj.pk]
            elif model in CHILDREN:
                allowed = may_change and articles.get(obj.article_id, False)
            elif model is Entry:
                allowed = live_permissions.can_change(user, obj)
            if not allowed:
                state[(opts.label_lower, obj.pk)] = _row(obj)
        if f"{opts.app_label}.add_{opts.model_name}" not in perms and not _added_by_side_effect(
            model, perms
        ):
            state[(opts.label_lower, "count")] = model.objects.count()
    if "auth.change_user" not in perms:
        state[("auth.user", user.pk, "flags")] = (user.is_superuser, user.is_staff, sorted(perms))
    if "auth.change_group" not in perms:  # what each role may do is the root of all of this
        for group in Group.objects.prefetch_related("permissions"):
            state[("auth.group", group.pk)] = sorted(p.pk for p in group.permissions.all())
    return state


def changes(before: dict, after: dict) -> list:
    """The protected entries that differ (a missing row or count is a difference too)."""
    return [key for key, value in before.items() if after.get(key) != value]


def fresh_user(user):
    """The user as the database has it now, with no permission cache."""
    return get_user_model().objects.get(pk=user.pk)


# -- what the public sees -----------------------------------------------------------------------


FEED_OWNERS = {"sections": Section, "authors": Author, "tags": Tag}


def public_xml_urls(owners: dict[str, set] | None = None) -> list[str]:
    """The site's feeds and the sitemap index (the sitemaps it lists are fetched from it), and
    the feeds of the sections, authors and tags in `owners` ({"tags": {pk, ...}}; None: all).

    Every public story of the fuzzed world is in the site's own feeds, so whatever an edit does
    to a story shows there; a section's, author's or tag's feed adds its channel (its name and
    description), which only an edit of that row can break."""
    urls = ["/feed/", "/feed/atom/", "/sitemap.xml"]
    for prefix, model in FEED_OWNERS.items():
        rows = model.objects.all()
        if owners is not None:
            rows = rows.filter(pk__in=owners.get(prefix, ()))
        for slug in rows.values_list("slug", flat=True):
            if slug:
                urls += [f"/{prefix}/{quote(slug)}/feed/", f"/{prefix}/{quote(slug)}/feed/atom/"]
    return urls


def broken_public_xml(owners: dict[str, set] | None = None) -> list[str]:
    """Feeds and sitemaps that answer 5xx or are not well-formed XML, with the reason (the
    feeds of `owners` only, as `public_xml_urls` reads it)."""
    client, problems, queue, seen = Client(), [], public_xml_urls(owners), set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            response = client.get(url)
        except Exception as error:
            problems.append(f"{url}: {error!r}")
            continue
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        elif response.status_code == 200:
            try:
                root = etree.fromstring(response.content)
            except etree.XMLSyntaxError as error:
                problems.append(f"{url}: not well-formed XML ({error})")
                continue
            if url == "/sitemap.xml":
                queue += [urlsplit(loc.text or "").path for loc in root.iter("{*}loc")]
    return problems


def offsite_redirects() -> list[str]:
    """Stored redirects that send a reader off the site (`//host`, `\\host`, a scheme)."""
    client, problems = Client(), []
    for old_path in Redirect.objects.values_list("old_path", flat=True):
        try:
            response = client.get(old_path)
        except Exception as error:
            problems.append(f"{old_path}: {error!r}")
            continue
        location = response.headers.get("Location", "")
        target = urlsplit(location.replace("\\", "/"))
        offsite = target.netloc not in {"", "testserver", urlsplit(settings.SITE_URL).netloc}
        if response.status_code >= 500 or offsite or location.startswith(("//", "/\\")):
            problems.append(f"{old_path} → {response.status_code} {location}")
    return problems


def public_fingerprint() -> dict:
    """Everything feeds, sitemaps and redirects are made of; the XML checks run when it moved."""
    shown = [Article, Section, Author, Tag, TaggedArticle, Byline, Correction, Image, Redirect]
    return {model: list(model.objects.order_by("pk").values_list()) for model in shown}


def changed_feed_owners(before: dict, after: dict) -> dict[str, set]:
    """The sections, authors and tags whose rows differ between two fingerprints (new ones
    included): the owners of the feeds an edit may have broken."""
    owners = {}
    for prefix, model in FEED_OWNERS.items():
        old = {row[0]: row for row in before[model]}
        owners[prefix] = {row[0] for row in after[model] if old.get(row[0]) != row}
    return owners


class Finding(Exception):
    """One broken invariant; `kind` groups findings that are the same bug with other input."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


def kind_of(error: Exception) -> str:
    """An exception without the input it quotes: `ValueError: Field … expected a number …`."""
    text = re.sub(r"\d+", "N", re.sub(r"'[^']*'|\"[^\"]*\"", "…", str(error)))
    return f"{type(error).__name__}: {text[:160]}"


def brief(value) -> str:
    """A repr that stays readable when the fuzzer sent 5,000 characters."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {brief(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(brief(item) for item in value) + "]"
    if isinstance(value, str) and len(value) > 40:
        return f"{value[:12]!r} * ~{len(value) // max(len(value[:12]), 1)} ({len(value)} chars)"
    return repr(value)


@dataclass
class Findings:
    """Every distinct finding of one test, with the first input that showed it and a count:
    one bug does not hide the next one behind it."""

    found: dict = field(default_factory=dict)  # kind → [count, first message]

    def add(self, finding: Finding, request: str) -> None:
        entry = self.found.setdefault(finding.kind, [0, f"{finding}\n      {request}"])
        entry[0] += 1

    def __bool__(self) -> bool:
        return bool(self.found)

    def report(self) -> str:
        lines = [f"{len(self.found)} distinct finding(s):"]
        for count, message in self.found.values():
            lines.append(f"  - ({count}×) {message}")
        return "\n".join(lines)
