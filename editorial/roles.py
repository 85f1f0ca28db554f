"""The newsroom's roles as groups, shared by the data migration and the tests.

Contributors write their own drafts; editors run the workflow, the home page, the site's pages
and menus; administrators also manage sections, authors, users, groups and the brand. Model
classes are passed in, so the migration can call this with its historical models.
"""

CONTRIBUTOR = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "view_section",
        "view_byline",
        "add_byline",
        "change_byline",
        "delete_byline",
        "add_relatedarticle",
        "change_relatedarticle",
        "delete_relatedarticle",
        "view_relatedarticle",
    ],
    "authors": ["view_author"],
    "taggit": ["view_tag"],
    "images": ["add_image", "view_image"],
    "liveblog": ["view_liveblog", "add_entry", "change_entry", "delete_entry", "view_entry"],
    "desk": ["view_budgetline"],
}
EDITOR_EXTRA = {
    "articles": [
        "delete_article",
        "publish_article",
        "edit_any_article",
        "add_correction",
        "change_correction",
        "delete_correction",
        "view_correction",
        "add_homeslot",
        "change_homeslot",
        "delete_homeslot",
        "view_homeslot",
        "view_revision",
        "view_transition",
    ],
    "taggit": ["add_tag", "change_tag"],
    "images": ["change_image", "delete_image"],
    "liveblog": ["add_liveblog", "change_liveblog", "publish_entry", "edit_any_entry"],
    "desk": ["add_budgetline", "change_budgetline", "delete_budgetline"],
    # Pages and menus: the site's standing text (About, policies) is the editors' to keep.
    "pages": [
        f"{action}_{model}"
        for model in ("page", "menuitem")
        for action in ("add", "change", "delete", "view")
    ]
    + ["view_pagerevision"],
}
# Administrators also own the brand (logo, icons, theme colour), the background jobs, the
# webhook subscriptions and the content API's tokens.
ADMINISTRATOR_APPS = [
    "articles", "authors", "auth", "taggit", "permalinks", "images", "liveblog", "desk",
    "django_tasks_database", "pages", "branding", "webhooks", "api",
]  # fmt: skip


ROLE_NAMES = ["Contributor", "Editor", "Administrator"]


def install_roles(apps, schema_editor) -> None:
    """Migration step: create the permissions that do not exist yet, then the role groups.

    Permissions are normally made after all migrations ran; the roles need them now.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def ensure_roles(Group, Permission) -> None:
    """Create the role groups with their permissions (idempotent; permissions must exist)."""

    def perms(spec):
        found = []
        for app_label, codenames in spec.items():
            found += Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        return found

    contributor, _ = Group.objects.get_or_create(name="Contributor")
    contributor.permissions.add(*perms(CONTRIBUTOR))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*perms(CONTRIBUTOR), *perms(EDITOR_EXTRA))
    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
    )
