"""/healthz/ names each dependency and answers 503 when a required one is down."""

import time
from datetime import timedelta
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

import pytest

from core.health import SCHEDULER_HEARTBEAT_KEY
from home.factories import ContentPageFactory


@pytest.mark.django_db
def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search", "worker"}
    for name in ("database", "cache", "search"):
        assert body["checks"][name]["ok"] is True
        assert body["checks"][name]["required"] is True
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_broken_required_cache_gives_503_and_names_it(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["cache"]["ok"] is False
    assert "read back" in body["checks"]["cache"]["detail"]
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_a_broken_search_engine_gives_503(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": "healthz_",
            "TIMEOUT": 1,
        }
    }
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"]["ok"] is False


@pytest.mark.django_db
def test_the_worker_is_reported_and_required_only_when_configured(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/healthz/")
    worker = response.json()["checks"]["worker"]
    assert response.status_code == 200
    assert worker == {"ok": False, "required": False, "detail": worker["detail"]}
    assert "scheduler" in worker["detail"]

    settings.GONGKAI_HEALTH_REQUIRED = ["database", "cache", "search", "worker"]
    assert client.get("/healthz/").status_code == 503

    cache.set(SCHEDULER_HEARTBEAT_KEY, time.time(), None)
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["ok"] is True


@pytest.mark.django_db
def test_run_scheduler_once_publishes_due_pages_and_leaves_a_heartbeat(home_page):
    page = ContentPageFactory(parent=home_page, title="定时发布的通知", slug="scheduled", live=False)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    cache.delete(SCHEDULER_HEARTBEAT_KEY)
    call_command("run_scheduler", "--once", stdout=StringIO())
    page.refresh_from_db()
    assert page.live, "the page whose go-live time has passed is published"
    assert time.time() - cache.get(SCHEDULER_HEARTBEAT_KEY) < 10
