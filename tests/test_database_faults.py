"""PostgreSQL goes away under a running server: 503 with Retry-After, then recovery, no restart."""

import time

import pytest
from django.db import connection

from tests.factories import ArticleFactory
from tests.faults import TcpProxy, collect_static, fetch, gunicorn

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def production_env(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the fault is a lost database server connection")
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "fault-test-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }
    collect_static(tmp_path / "static", env)
    return env


def test_server_answers_503_while_postgres_is_gone_and_recovers_by_itself(production_env):
    article = ArticleFactory(headline="Flood defences hold overnight")
    unread = ArticleFactory(headline="Ferry timetable changes for winter")
    db = connection.settings_dict
    proxy = TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    proxy.start()
    user = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    production_env["DATABASE_URL"] = f"postgres://{user}127.0.0.1:{proxy.port}/{db['NAME']}"
    try:
        with gunicorn(production_env, workers=2) as server:
            page = server + article.get_absolute_url()
            for _ in range(4):  # both workers hold a persistent connection
                status, _, body = fetch(page)
                assert status == 200 and "Flood defences hold overnight" in body

            proxy.cut()
            # A page no reader asked for yet needs the database: "back in a moment".
            for _ in range(4):
                status, headers, body = fetch(server + unread.get_absolute_url())
                assert status == 503
                assert headers["Retry-After"] == "30"
                assert "back in a moment" in body
                assert "Traceback" not in body and "psycopg" not in body
            # A page already in the shared cache file is still served: readers keep reading.
            status, _, body = fetch(page)
            assert status == 200 and "Flood defences hold overnight" in body

            proxy.start()
            deadline = time.monotonic() + 20
            statuses = []
            while time.monotonic() < deadline:
                statuses.append(fetch(server + unread.get_absolute_url())[0])
                if statuses[-4:] == [200] * 4:
                    break
                time.sleep(0.2)
            assert statuses[-4:] == [200] * 4, statuses
    finally:
        proxy.cut()
