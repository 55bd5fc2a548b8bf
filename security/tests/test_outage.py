"""The database really stops under a running app server, then comes back.

A PostgreSQL cluster of our own (initdb in a temporary directory, another
port; the shared cluster is never touched) gets a copy of the suite's
migrated database; gunicorn serves the site from it.  While the cluster is
stopped every page answers 503 with Retry-After and the Chinese outage page,
and /healthz/ names the database; once it is started again the same app
server answers normally, without a restart.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

BASE_DIR = Path(settings.BASE_DIR)


def _pg_bin():
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return versions[-1].parent if versions else None


PG_BIN = _pg_bin()
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or PG_BIN is None,
    reason="needs PostgreSQL's server binaries and a PostgreSQL suite database to copy; CI has both",
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(args):
    """Server commands refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, timeout=120, **kwargs)  # noqa: S603


def _get(url):
    url = urllib.parse.quote(url, safe=":/?=&")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class Cluster:
    def __init__(self, directory, port):
        self.directory, self.port = directory, port
        self.data = directory / "data"

    def pg_ctl(self, action):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run(
            _as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.directory / "log"),
                    "-w",
                    "-m",
                    "fast",
                    action,
                ]
            )
        )

    def create(self):
        _run(
            _as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            )
        )
        self.pg_ctl("start")
        _run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "gk_outage"])

    def load_copy_of(self, database):
        env = {**os.environ, "PGPASSWORD": database["PASSWORD"] or ""}
        dump = _run(
            [
                str(PG_BIN / "pg_dump"),
                "-h",
                database["HOST"] or "127.0.0.1",
                "-p",
                str(database["PORT"] or 5432),
                "-U",
                database["USER"],
                "--no-owner",
                "--no-privileges",
                database["NAME"],  # the suite database (settings point at it once it is set up)
            ],
            env=env,
        ).stdout
        _run(
            [
                str(PG_BIN / "psql"),
                "-q",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "gk_outage",
                "-v",
                "ON_ERROR_STOP=1",
            ],
            input=dump,
        )
        copied = _run(
            [
                str(PG_BIN / "psql"),
                "-tA",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "gk_outage",
                "-c",
                "SELECT to_regclass('wagtailcore_page')",
            ]
        ).stdout
        assert copied.strip() == b"wagtailcore_page", f"the suite database was not copied ({len(dump)} bytes)"


@pytest.fixture
def own_cluster(transactional_db):  # the migrated suite database is what gets copied
    directory = Path(tempfile.mkdtemp(prefix="gk-outage-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = Cluster(directory, _free_port())
    cluster.create()
    cluster.load_copy_of(connection.settings_dict)
    yield cluster
    subprocess.run(  # noqa: S603
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-w", "-m", "immediate", "stop"]),
        capture_output=True,
        check=False,
    )
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def app_server(own_cluster, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{own_cluster.port}/gk_outage",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--threads", "2"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if _get(base + "/robots.txt")[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text())
    yield base, server
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_pages_answer_503_while_the_database_is_down_and_recover_without_a_restart(own_cluster, app_server):
    base, server = app_server
    assert _get(base + "/healthz/")[:1] == (200,)
    status, _headers, body = _get(base + "/search/?q=通知")
    assert status == 200, body[-2000:]

    own_cluster.pg_ctl("stop")
    for path in ("/search/?q=通知", "/", "/search/autocomplete/?q=通知"):
        status, headers, body = _get(base + path)
        assert status == 503, path
        assert headers["Retry-After"] == str(settings.GONGKAI_OUTAGE_RETRY_AFTER)
        assert "网站暂时无法访问" in body
    status, headers, body = _get(base + "/healthz/")
    assert status == 503
    assert "unavailable: database" in body
    assert "Retry-After" in headers

    own_cluster.pg_ctl("start")
    assert _get(base + "/search/?q=通知")[0] == 200
    assert _get(base + "/healthz/")[:1] == (200,)
    assert server.poll() is None  # the same app server, never restarted
