"""Run Wagtail's publish_scheduled every minute, forever: the compose file's scheduler service.

Go-live and expiry dates only take effect when ``publish_scheduled`` runs. Each round
leaves a heartbeat in the shared cache, which /healthz/ reports under "worker".
"""

import logging
import signal
import time

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core.health import SCHEDULER_HEARTBEAT_KEY

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish and unpublish pages whose go-live or expiry time has come, every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="seconds between rounds (default 60)")
        parser.add_argument("--once", action="store_true", help="run one round and exit")

    def handle(self, *args, interval, once, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        first = True
        while True:
            if not first:
                # A long-lived process: drop a connection the server closed or that outlived CONN_MAX_AGE.
                close_old_connections()
            first = False
            try:
                call_command("publish_scheduled", stdout=self.stdout)
                cache.set(SCHEDULER_HEARTBEAT_KEY, time.time(), None)
            except Exception:
                # The database or cache may be briefly away (restart, fail-over): try again next round.
                logger.exception("Scheduled publishing failed; retrying in %d s", interval)
            if once or stopping:
                return
            for _ in range(interval):
                if stopping:
                    return
                time.sleep(1)
