"""The throwaway stack of bench/replica_live.py: a PostgreSQL primary and streaming replica of
our own, two gunicorn servers, and an HTTP client that logs in and submits admin forms.
"""

from __future__ import annotations

import html
import http.cookiejar
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "pgtest"  # initdb refuses to run as root
PRIMARY_CONF = """
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off                     # a throwaway cluster: WAL is still written and streamed
shared_buffers = 64MB
max_connections = 60
"""


def log(message: str) -> None:
    print(message, flush=True)


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


class Cluster:
    """One PostgreSQL server of ours: started with pg_ctl as an unprivileged user."""

    def __init__(self, name: str, base: Path, port: int):
        self.name, self.port = name, port
        self.data, self.sockets, self.logfile = base / name, base / "sockets", base / f"{name}.log"
        self.running = False

    def pg(self, tool: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
        command = [str(PG_BIN / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", PG_USER, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1"
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-o", options, "-w",
                "start")  # fmt: skip
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if self.running:
            self.pg("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
            self.running = False

    def sql(self, query: str, dbname: str = "postgres"):
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname} connect_timeout=3"
        with psycopg.connect(dsn, autocommit=True) as connection:
            cursor = connection.execute(query)
            return cursor.fetchall() if cursor.description else []

    def url(self, dbname: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"


class FormFields(HTMLParser):
    """What a browser would submit from the form with `form_id` (no JavaScript needed)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: tuple[str, bool, list[str], list[str]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select = (a["name"], "multiple" in a, [], [])
        elif tag == "option" and self._select is not None:
            self._select[2].append(a.get("value", ""))
            if "selected" in a:
                self._select[3].append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, multiple, options, chosen = self._select
            if not chosen and not multiple and options:
                chosen = options[:1]
            self.fields.extend((name, value) for value in chosen)
            self._select = None


class Visitor:
    """A browser: cookies shared by both servers (cookies ignore the port, as on one domain)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str, data: dict | list | None = None, referer: str = ""):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": referer or url})  # noqa: S310 (our http:// servers)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, url, error.read().decode(errors="replace")

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def log_in(self, server: str, username: str, password: str) -> None:
        login = f"{server}/admin/login/?next=/admin/"
        self.get(login)
        fields = {"csrfmiddlewaretoken": self.cookie("csrftoken") or "", "next": "/admin/",
                  "username": username, "password": password}  # fmt: skip
        status, final, _ = self.get(login, fields)
        if status != 200 or not final.rstrip("/").endswith("/admin"):
            raise RuntimeError(f"log-in as {username} failed: {status} {final}")

    def change_headline(self, server: str, pk: int, headline: str) -> None:
        """Open the article's change form in the admin, set the headline, press Save."""
        url = f"{server}/admin/articles/article/{pk}/change/"
        status, _, page = self.get(url)
        if status != 200:
            raise RuntimeError(f"change form answered {status}")
        form = FormFields("article_form")
        form.feed(page)
        fields = [(k, headline if k == "headline" else v) for k, v in form.fields]
        status, final, answer = self.get(url, [*fields, ("_save", "Save")])
        if status != 200 or final.split("?")[0].endswith("/change/"):
            errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', answer, re.S)
            raise RuntimeError(f"save answered {status} at {final}: {errors[:3]}")


def shows(body: str, headline: str) -> bool:
    return html.escape(headline, quote=False) in body or headline in body


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.02) -> float | None:
    """Seconds until `condition()` held, or None after `timeout`."""
    start = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            return None
        time.sleep(step)


class Run:
    """Every process and file of one run, and the checks' outcomes."""

    def __init__(self, args):
        self.args = args
        self.base = Path(tempfile.mkdtemp(prefix="newsroom-replica-"))
        self.primary = Cluster("primary", self.base, args.primary_port)
        self.replica = Cluster("replica", self.base, args.replica_port)
        self.servers: list[subprocess.Popen] = []
        self.results: list[tuple[str, bool, str]] = []
        self.urls = [f"http://127.0.0.1:{port}" for port in args.app_ports]
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "0",
            "SECRET_KEY": "replica-live-check-only",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.urls[0],
            "DATABASE_URL": self.primary.url("newsroom"),
            "DATABASE_REPLICA_URL": self.replica.url("newsroom"),
            "REDIS_URL": args.redis_url,
            "STATIC_ROOT": str(self.base / "static"),
            "MEDIA_ROOT": str(self.base / "media"),
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": str(args.workers),
            "GUNICORN_MAX_REQUESTS": "0",
        }

    def record(self, name: str, passed: bool, detail: str) -> None:
        self.results.append((name, passed, detail))
        log(f"{'PASS' if passed else 'FAIL'}  {name}: {detail}")

    # --- setting up -------------------------------------------------------------------------

    def set_up(self) -> None:
        ports = [self.args.primary_port, self.args.replica_port, *self.args.app_ports]
        busy = [port for port in ports if not port_free(port)]
        if busy:
            raise RuntimeError(f"ports in use: {busy} (pick others with the options)")
        if os.geteuid() == 0:
            try:
                pwd.getpwnam(PG_USER)
            except KeyError:
                subprocess.run(["useradd", "-M", PG_USER], check=True)
            shutil.chown(self.base, PG_USER)
        self.base.chmod(0o755)
        (self.base / "sockets").mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.base / "sockets", PG_USER)
        started = time.monotonic()
        self.primary.pg("initdb", "-D", str(self.primary.data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        with open(self.primary.data / "postgresql.conf", "a") as conf:
            conf.write(PRIMARY_CONF)
        with open(self.primary.data / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        self.primary.start()
        self.primary.sql("CREATE DATABASE newsroom")
        self.replica.pg("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary.port), "-U",
                        "postgres", "-D", str(self.replica.data), "-R", "-X", "stream",
                        "-c", "fast")  # fmt: skip
        self.replica.start()
        if self.replica.sql("SELECT pg_is_in_recovery()") != [(True,)]:
            raise RuntimeError("the replica is not in recovery")
        log(f"primary :{self.primary.port} and streaming replica :{self.replica.port} up in "
            f"{time.monotonic() - started:.1f} s ({self.base})")  # fmt: skip
        started = time.monotonic()
        for command in (["migrate", "--no-input"], ["seed_demo"], ["collectstatic", "--no-input"]):
            self.manage(*command, "--verbosity", "0")
        log(f"migrated, seeded and collected static files in {time.monotonic() - started:.1f} s")
        lag = self.wait_for_replay(timeout=30)
        log(f"replica caught up with the primary ({lag * 1000:.0f} ms after seeding)")
        self.flush_redis()
        for url in self.urls:
            self.start_server(url)

    def manage(self, *args: str) -> str:
        done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed: {done.stderr.strip()[-600:]}")
        return done.stdout.strip()

    def flush_redis(self) -> None:
        from redis import Redis

        Redis.from_url(self.args.redis_url).flushdb()

    def start_server(self, url: str) -> None:
        env = {**self.env, "GUNICORN_BIND": url.removeprefix("http://")}
        logfile = open(self.base / f"gunicorn-{url.rsplit(':', 1)[1]}.log", "w")  # noqa: SIM115
        self.servers.append(
            subprocess.Popen(
                [GUNICORN, "-c", "gunicorn.conf.py", "newsroom.wsgi:application"],
                cwd=ROOT,
                env=env,
                stdout=logfile,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        reader = Visitor()
        if wait_until(lambda: self.answers(reader, f"{url}/"), timeout=60, step=0.2) is None:
            raise RuntimeError(f"{url} did not answer 200 within 60 s")
        log(f"app server {url} up ({self.args.workers} workers)")

    @staticmethod
    def answers(reader: Visitor, url: str) -> bool:
        try:
            return reader.get(url)[0] == 200
        except OSError:
            return False

    def wait_for_replay(self, timeout: float) -> float:
        target = self.primary.sql("SELECT pg_current_wal_lsn()::text")[0][0]
        query = f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"
        seconds = wait_until(lambda: self.replica.sql(query)[0][0], timeout)
        if seconds is None:
            raise RuntimeError("the replica did not catch up")
        return seconds

    # --- cleaning up ------------------------------------------------------------------------

    def clean_up(self) -> None:
        for server in self.servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
        for server in self.servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        for cluster in (self.replica, self.primary):
            try:
                cluster.stop("immediate")
            except subprocess.CalledProcessError as error:
                log(f"could not stop the {cluster.name}: {error.stderr}")
        try:
            self.flush_redis()
        except Exception as error:  # cleaning up: report and go on
            log(f"could not flush {self.args.redis_url}: {error}")
        if self.args.keep:
            log(f"kept {self.base}")
        else:
            shutil.rmtree(self.base, ignore_errors=True)
