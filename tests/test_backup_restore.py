"""ops/backup.sh and ops/restore.sh round-trip the database and the media (PostgreSQL only)."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


def _run(script: str, argument: Path, database_url: str, media: Path):
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}
    return subprocess.run(  # noqa: S603 (our own scripts)
        ["/bin/bash", str(ROOT / "ops" / script), str(argument)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.fixture
def scratch_database():
    if connection.vendor != "postgresql":
        pytest.skip("backups use pg_dump: PostgreSQL only")
    name = connection.settings_dict["NAME"] + "_restore"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_into_an_empty_database_brings_back_rows_and_media(
    tmp_path, scratch_database
):
    ArticleFactory(headline="Council approves the harbour plan")
    media = tmp_path / "media"
    (media / "lead-images").mkdir(parents=True)
    (media / "lead-images" / "harbour.jpg").write_bytes(b"\xff\xd8 not really a jpeg")

    backup = _run("backup.sh", tmp_path / "backups", _url(connection.settings_dict["NAME"]), media)
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip())
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "SHA256SUMS"}

    restored_media = tmp_path / "restored-media"
    restore = _run("restore.sh", folder, _url(scratch_database), restored_media)
    assert restore.returncode == 0, restore.stderr
    with psycopg.connect(_url(scratch_database)) as restored:
        headlines = [row[0] for row in restored.execute("SELECT headline FROM articles_article")]
    assert headlines == ["Council approves the harbour plan"]
    assert (restored_media / "lead-images" / "harbour.jpg").read_bytes().startswith(b"\xff\xd8")


def test_a_damaged_backup_is_refused_before_anything_is_restored(tmp_path, scratch_database):
    media = tmp_path / "media"
    backup = _run("backup.sh", tmp_path / "backups", _url(connection.settings_dict["NAME"]), media)
    folder = Path(backup.stdout.strip())
    with (folder / "database.dump").open("ab") as dump:
        dump.write(b"tampered")
    restore = _run("restore.sh", folder, _url(scratch_database), tmp_path / "restored")
    assert restore.returncode == 1
    assert "checksums do not match" in restore.stderr
    with psycopg.connect(_url(scratch_database)) as restored:
        tables = restored.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    assert tables == 0


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    result = _run("backup.sh", tmp_path, "sqlite:///db.sqlite3", tmp_path / "media")
    assert result.returncode == 2
    assert "PostgreSQL only" in result.stderr
