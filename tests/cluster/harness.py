"""Processes of the two-server cluster, all on loopback ports with their data in one temp dir.

PostgreSQL (a throwaway cluster made with initdb, run as the postgres user, never the
machine's own cluster), Redis, two gunicorn app servers with the production settings and
Varnish in front of both, configured by docker/varnish/default.vcl.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def _newest_pg_bin():
    """The newest installed server's binaries (CI installs whichever version Debian ships)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parent.parent.name))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = Path(os.environ["PG_BIN"]) if os.environ.get("PG_BIN") else _newest_pg_bin()
PYTHON = sys.executable
SECRET_KEY = "cluster-test-" + os.urandom(24).hex()
PASSWORD = "cluster-" + os.urandom(8).hex()
# The admin accounts of tests/cluster/seed.py, all superusers, whom the production settings
# make use a second factor: the moderator and the editor enrolled their authenticator app
# before the test (here the key the app holds); the web master enrols at the first sign-in.
# One account per check that signs in: an authenticator code is accepted once.
AUTHENTICATOR_KEYS = {"moderator": os.urandom(20), "editor": os.urandom(20), "webmaster": None}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Cluster:
    def __init__(self, tmp):
        self.tmp = Path(tmp)
        self.pg_port, self.redis_port, self.varnish_port = free_port(), free_port(), free_port()
        self.app_ports = [free_port(), free_port()]
        self.apps = {}
        self.processes = []
        self.media = self.tmp / "media"
        self.private_media = self.tmp / "private-media"
        self.seed = {}

    # ------------------------------------------------------------ environment

    def database_url(self, name="gongkai"):
        return f"postgres://postgres@127.0.0.1:{self.pg_port}/{name}"

    def env(self, **extra):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.tmp),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.database_url(),
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "MEDIA_ROOT": str(self.media),
            "STATIC_ROOT": str(self.tmp / "static"),
            "GONGKAI_PRIVATE_MEDIA_ROOT": str(self.private_media),
            "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
            "GONGKAI_FRONTEND_CACHE_URLS": f"http://127.0.0.1:{self.varnish_port}",
            "GONGKAI_COMMENT_MIN_FILL_SECONDS": "0",
            "GONGKAI_LOOKUP_RATE_LIMIT": "3",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "EMAIL_URL": "console://",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{self.varnish_port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "LOG_LEVEL": "ERROR",
        }
        env.update(extra)
        return env

    def manage(self, *args, env=None):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env=env or self.env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        return result.stdout

    def _spawn(self, name, command, **kwargs):
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - kept open for the process's life
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        self.processes.append(process)
        return process

    # ------------------------------------------------------------ services

    def start_postgres(self):
        data = self.tmp / "pg"
        data.mkdir()
        shutil.chown(self.tmp, "postgres")
        shutil.chown(data, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
        subprocess.run(
            [*as_postgres, PG_BIN / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"],
            check=True,
            capture_output=True,
        )
        options = f"-p {self.pg_port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*as_postgres, PG_BIN / "pg_ctl", "-D", data, "-o", options, "-l", data / "log", "-w", "start"],
            check=True,
            capture_output=True,
        )
        self._pg_data = data
        subprocess.run(
            [PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "gongkai"], check=True
        )

    def stop_postgres(self):
        if getattr(self, "_pg_data", None):
            subprocess.run(
                ["runuser", "-u", "postgres", "--", PG_BIN / "pg_ctl", "-D", self._pg_data, "-m", "fast", "stop"],
                check=False,
                capture_output=True,
            )

    def start_redis(self):
        self._spawn(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--dir", self.tmp],
        )
        wait_for(lambda: port_open(self.redis_port), 20, "redis")

    def prepare_site(self):
        # collectstatic needs no database: it runs beside the migrations and the seed, which
        # share one manage.py process (each start of Django costs seconds on a busy machine).
        static = self._spawn(
            "collectstatic", [PYTHON, "manage.py", "collectstatic", "--noinput"], cwd=BASE_DIR, env=self.env()
        )
        accounts = {name: key and key.hex() for name, key in AUTHENTICATOR_KEYS.items()}
        seed_env = self.env(CLUSTER_PASSWORD=PASSWORD, CLUSTER_ACCOUNTS=json.dumps(accounts))
        script = (
            "from django.core.management import call_command; call_command('migrate', interactive=False, verbosity=0); "
            "from tests.cluster import seed; seed.run()"
        )
        output = self.manage("shell", "-c", script, env=seed_env)
        line = next(line for line in output.splitlines() if line.startswith("SEED "))
        self.seed = json.loads(line[5:])
        if static.wait(timeout=600):
            raise RuntimeError(f"manage.py collectstatic failed:\n{self.log_tail('collectstatic')}")

    def start_apps(self):
        """Start every app server, then wait for all of them (they boot side by side)."""
        for index, port in enumerate(self.app_ports):
            command = [
                PYTHON, "-m", "gunicorn", "--config", str(BASE_DIR / "gunicorn.conf.py"),
                "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "20",
                # Its own control socket: by default both would use $HOME/.gunicorn/gunicorn.ctl.
                "--control-socket", str(self.tmp / f"app{index}.ctl"), "config.wsgi:application",
            ]  # fmt: skip
            self.apps[index] = self._spawn(f"app{index}", command, cwd=BASE_DIR, env=self.env())
        for index, port in enumerate(self.app_ports):
            wait_for(lambda port=port: self.healthy(port), 120, f"app server {index}")

    def stop_app(self, index):
        process = self.apps.pop(index)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)

    def healthy(self, port):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz/", headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return response.status == 200

    def start_varnish(self):
        vcl_dir = self.tmp / "vcl"
        vcl_dir.mkdir()
        backends = "\n".join(
            f'backend app{i} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = healthz; }}'
            for i, port in enumerate(self.app_ports)
        )
        count = len(self.app_ports)
        adds = "\n".join(f"    app.add_backend(app{i});" for i in range(count))
        retry = " els".join(
            f'if (bereq.http.x-gongkai-failed == "app{i}") {{ set bereq.backend = app{(i + 1) % count}; }}'
            for i in range(count)
        )
        (vcl_dir / "backends.vcl").write_text(
            'probe healthz { .request = "GET /healthz/ HTTP/1.1" "Host: 127.0.0.1" "X-Forwarded-Proto: https"'
            ' "Connection: close"; .interval = 1s; .timeout = 4s; .window = 3; .threshold = 2; }\n'
            f'{backends}\nacl purgers {{ "127.0.0.1"; }}\n'
            f"sub vcl_init {{\n    new app = directors.round_robin();\n{adds}\n}}\n"
            f"sub gongkai_retry_backend {{\n    {retry} else {{ set bereq.backend = app.backend(); }}\n}}\n"
        )
        # The repository's VCL beside the generated backends.vcl, which it includes.
        shutil.copy(BASE_DIR / "docker/varnish/default.vcl", vcl_dir / "default.vcl")
        workdir = self.tmp / "varnish"
        command = [
            "varnishd", "-F", "-n", str(workdir), "-a", f"127.0.0.1:{self.varnish_port}",
            "-T", f"127.0.0.1:{free_port()}", "-p", f"vcl_path={vcl_dir}", "-f", str(vcl_dir / "default.vcl"),
            "-s", "malloc,64m",
        ]  # fmt: skip
        self._spawn("varnish", command)
        wait_for(lambda: port_open(self.varnish_port), 30, "varnish")
        # Backends start sick until their probes pass.
        wait_for(lambda: self.healthy(self.varnish_port), 60, "Varnish to see a healthy app server")

    def stop_all(self):
        # Signal them all first: the app servers take seconds each to close their connections.
        running = [process for process in reversed(self.processes) if process.poll() is None]
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.stop_postgres()

    def log_tail(self, name, lines=30):
        path = self.tmp / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""
