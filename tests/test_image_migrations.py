"""Upgrading a site whose articles and authors had plain image fields: to the library and back."""

import io
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from tests.test_images import assert_no_metadata, phone_photo


def _migration(loader, app: str, suffix: str) -> tuple[str, str]:
    """Our migration's key, found by name so renumbering at merge time does not break this."""
    return next(key for key in loader.disk_migrations if key[0] == app and key[1].endswith(suffix))


def _parent(loader, key: tuple[str, str]) -> tuple[str, str]:
    migration = loader.get_migration(*key)
    return next(dep for dep in migration.dependencies if dep[0] == key[0])


@pytest.mark.django_db(transaction=True)
def test_old_image_fields_move_into_the_library_cleaned_and_back(settings):
    executor = MigrationExecutor(connection)
    loader = executor.loader
    ours = [
        _migration(loader, "articles", "_lead_image_library"),
        _migration(loader, "authors", "_photo_library"),
    ]
    before = [_parent(loader, key) for key in ours]
    try:
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        media = Path(settings.MEDIA_ROOT)
        (media / "lead-images").mkdir(parents=True)
        (media / "lead-images" / "ferry.jpg").write_bytes(phone_photo())
        (media / "authors").mkdir()
        (media / "authors" / "kim.jpg").write_bytes(phone_photo())
        section = old.get_model("articles", "Section").objects.create(name="News", slug="news")
        author = old.get_model("authors", "Author").objects.create(
            name="Kim Lee", slug="kim", photo="authors/kim.jpg"
        )
        Article = old.get_model("articles", "Article")
        article = Article.objects.create(
            headline="Ferry returns", slug="ferry", section=section,
            lead_image="lead-images/ferry.jpg", lead_image_alt="A ferry at the pier",
            lead_image_caption="The ferry on Monday.", lead_image_credit="Photo: Jo Ruiz",
        )  # fmt: skip
        Article.objects.create(
            headline="Missing file", slug="missing", section=section, lead_image="lead-images/x.jpg"
        )

        executor = MigrationExecutor(connection)
        executor.migrate(ours)
        new = executor.loader.project_state(ours).apps
        moved = new.get_model("articles", "Article").objects.get(pk=article.pk)
        image = new.get_model("images", "Image").objects.get(pk=moved.lead_image_id)
        assert (image.alt_text, image.caption, image.credit) == (
            "A ferry at the pier", "The ferry on Monday.", "Photo: Jo Ruiz"
        )  # fmt: skip
        assert moved.lead_image_caption == ""
        clean = (media / image.file.name).read_bytes()
        assert_no_metadata(clean)
        with PILImage.open(io.BytesIO(clean)) as upright:
            assert upright.size == (20, 40)
        assert not (media / "lead-images" / "ferry.jpg").exists()  # the raw file with GPS
        portrait = new.get_model("authors", "Author").objects.get(pk=author.pk).photo_id
        assert new.get_model("images", "Image").objects.get(pk=portrait).alt_text == (
            "Portrait of Kim Lee"
        )
        missing = new.get_model("articles", "Article").objects.get(slug="missing")
        assert missing.lead_image_id is None

        executor = MigrationExecutor(connection)
        executor.migrate(before)
        back = executor.loader.project_state(before).apps
        restored = back.get_model("articles", "Article").objects.get(pk=article.pk)
        assert restored.lead_image.name == image.file.name
        assert (restored.lead_image_alt, restored.lead_image_credit) == (
            "A ferry at the pier", "Photo: Jo Ruiz"
        )  # fmt: skip
        assert restored.lead_image_caption == "The ferry on Monday."
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
