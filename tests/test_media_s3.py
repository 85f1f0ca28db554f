"""Media on S3-compatible storage (MEDIA_STORAGE=s3, django-storages), against a real S3 API
server: moto in server mode, started here on a free local port (no network, no cloud).

Uploads, renditions, refocusing, deletes, the trash and a failed request's clean-up all go
through the S3 API. These tests never skip: moto is a development requirement.
"""

import json
import logging
import os
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from editorial import trash
from editorial.roles import ensure_roles
from images import renditions
from images.models import Image
from images.originals import clean_upload, stored
from tests.factories import ArticleFactory, ImageFactory, StaffUserFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def roles():
    """Other transactional tests flush the database, roles from the data migration included."""
    ensure_roles(Group, Permission)


ROOT = Path(__file__).resolve().parent.parent
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="session")
def s3_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh bucket per test, and the default storage pointed at it as settings.py would."""
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=name)
    # Media are public, as in production (a bucket policy, or a CDN in front of the bucket).
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": settings.MEDIA_IMMUTABLE_CACHE_CONTROL},
            },
        },
    }
    client.names = lambda: sorted(  # every key in the bucket
        item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])
    )
    client.bucket = name
    return client


def test_the_default_storage_is_the_bucket(bucket):
    assert default_storage.bucket_name == bucket.bucket


def test_an_upload_is_stored_in_the_bucket_with_a_year_of_caching(bucket, settings):
    image = ImageFactory()
    head = bucket.head_object(Bucket=bucket.bucket, Key=image.file.name)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert head["ContentType"] == "image/jpeg"
    assert image.file.url.startswith(f"{bucket.meta.endpoint_url}/{bucket.bucket}/images/")
    with urllib.request.urlopen(image.file.url, timeout=10) as response:  # noqa: S310 (local)
        assert response.read() == image.file.open("rb").read()


def test_renditions_are_written_to_the_bucket_and_replaced_when_refocused(bucket):
    image = ImageFactory(size=(800, 600))
    image.refresh_from_db()
    assert image.renditions_ready
    folder = f"{renditions.RENDITIONS_DIR}/{image.renditions_key[:2]}/{image.renditions_key}/"
    first = [name for name in bucket.names() if name.startswith(folder)]
    expected = {
        renditions.rendition_name(image.renditions_key, r, ext)
        for r in image.rendition_plan
        for ext in r.formats
    }
    assert set(first) == expected
    url = image.rendition_url(image.renditions_of("1x1")[0], "webp")
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local server)
        assert response.headers["Content-Type"] == "image/webp"

    image.focal_x, image.focal_y = 10, 90
    image.store()  # the renditions task runs again for the new focal point
    image.refresh_from_db()
    assert not any(name.startswith(folder) for name in bucket.names())  # old crops removed
    assert any(name.startswith(f"{renditions.RENDITIONS_DIR}/") for name in bucket.names())


def test_deleting_an_image_deletes_its_objects(bucket):
    image = ImageFactory()
    assert bucket.names()
    image.delete()
    assert bucket.names() == []


def test_an_original_shared_by_two_images_stays_until_the_last_goes(bucket):
    first = ImageFactory(colour="teal")
    second = ImageFactory(colour="teal")
    assert first.file.name == second.file.name
    first.delete()
    assert second.file.name in bucket.names()
    second.delete()
    assert bucket.names() == []


def test_trash_restore_and_purge_keep_the_library_image(bucket):
    image = ImageFactory()
    article = ArticleFactory(lead_image=image)
    administrator = StaffUserFactory(role="Administrator")
    trash.move_to_trash(article, administrator)
    trash.restore_from_trash(article, administrator)
    trash.move_to_trash(article, administrator)
    trash.purge(article, administrator)
    assert Image.objects.filter(pk=image.pk).exists()
    assert image.file.name in bucket.names()  # other stories may use the picture


def test_a_failed_save_leaves_no_object_behind(bucket):
    original = clean_upload(ContentFile(image_bytes((40, 30), "olive"), name="x.jpg"))
    with pytest.raises(RuntimeError), stored(original) as name:
        assert name in bucket.names()
        raise RuntimeError("the row could not be saved")
    assert bucket.names() == []


def _settings_of(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MEDIA_"))}
    code = (
        "import newsroom.settings as s; d = s.STORAGES['default'];"
        "print(d['BACKEND'], s.SERVE_MEDIA, sorted(d.get('OPTIONS', {}).items()))"
    )
    return subprocess.run(  # noqa: S603 (our own interpreter and settings)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "x", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_media_storage_s3_reads_the_bucket_and_endpoint_from_the_environment():
    result = _settings_of(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_CUSTOM_DOMAIN="media.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("storages.backends.s3.S3Storage False ")
    for expected in (
        "('bucket_name', 'newsroom-media')",
        "('endpoint_url', 'http://127.0.0.1:9000')",
        "('custom_domain', 'media.example.com')",
        "('querystring_auth', False)",
        "('file_overwrite', False)",
        "'CacheControl': 'public, max-age=31536000, immutable'",
    ):
        assert expected in result.stdout


def test_the_default_is_files_on_this_machine_served_by_django():
    result = _settings_of(DEBUG="0")
    assert result.stdout.startswith("django.core.files.storage.FileSystemStorage True")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME."),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE='ftp': use filesystem or s3."),
    ],
)
def test_a_bad_media_storage_setting_stops_the_process(env, message):
    result = _settings_of(**env)
    assert result.returncode != 0
    assert message in result.stderr
