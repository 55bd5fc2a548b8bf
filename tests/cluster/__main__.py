"""``make test-cluster``: two app servers behind Varnish with shared PostgreSQL and Redis.

Starts everything on loopback ports with its data in a temp dir, runs the checks in
tests/cluster/checks.py and ends with the line "N passed, N failed".
"""

import os
import shutil
import sys
import tempfile
import time
import traceback

from .checks import CHECKS
from .harness import Cluster


def main():
    tmp = tempfile.mkdtemp(prefix="gongkai-cluster-")
    os.chmod(tmp, 0o755)  # noqa: S103 - the postgres and varnish users must reach their dirs
    cluster = Cluster(tmp)
    passed = failed = 0
    started = time.monotonic()
    try:
        print("starting PostgreSQL, Redis, 2 app servers and Varnish in", tmp, flush=True)
        cluster.start_postgres()
        cluster.start_redis()
        cluster.prepare_site()
        cluster.start_apps()
        cluster.start_varnish()
        print(f"up in {time.monotonic() - started:.0f} s", flush=True)
        for check in CHECKS:
            try:
                detail = check(cluster)
                passed += 1
                print(f"PASS {check.__name__}: {detail}", flush=True)
            except Exception as exc:  # noqa: BLE001 - a failing check is reported and the others still run
                failed += 1
                print(f"FAIL {check.__name__}: {exc}", flush=True)
                traceback.print_exc(limit=3)
    except Exception:  # noqa: BLE001 - the stack did not come up: say why, with the logs
        failed += 1
        traceback.print_exc()
        for name in ("collectstatic", "app0", "app1", "varnish", "redis"):
            print(f"--- {name} log\n{cluster.log_tail(name)}")
    finally:
        cluster.stop_all()
    if not failed and not os.environ.get("KEEP_CLUSTER_TMP"):
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
