"""Gunicorn settings for the container image; the tunables come from the environment.

Variables (all optional):

* ``GUNICORN_WORKERS`` (default 3): worker processes.
* ``GUNICORN_THREADS`` (default 2): threads per worker; above 1 gunicorn uses gthread workers.
* ``GUNICORN_TIMEOUT`` (default 60): seconds a request may run before its worker is restarted.

``tests/test_containers.py`` finds these names by scanning this file for os.environ.get calls.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("GUNICORN_WORKERS") or 3)
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
# Access and error logs to stdout/stderr, where the container runtime collects them.
accesslog = "-"
errorlog = "-"
# The workers' heartbeat files (gunicorn creates them with mkstemp) on tmpfs rather
# than on the container's overlay filesystem, where writes can stall.
_TMPFS = "/dev/shm"  # noqa: S108
if os.path.isdir(_TMPFS):
    worker_tmp_dir = _TMPFS
