"""Shared set-up for the benchmarks: a throw-away database, the site tree, timings."""

from __future__ import annotations

import contextlib
import io
import time

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

from wagtail.models import Page, Site
from wagtail.search.models import IndexEntry

from home.models import HomePage
from search import vocabulary
from search.demo import find_or_create_catalogue


@contextlib.contextmanager
def scratch_database(label: str):
    """Create a fresh test database (SQLite in memory, or ``<name>_<label>`` on PostgreSQL), drop it after."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        settings_dict.setdefault("TEST", {})["NAME"] = f"{settings_dict['NAME']}_{label}"
    elif connection.vendor == "sqlite":
        # A file, like production (an in-memory database is not representative).
        path = settings.BASE_DIR / "var" / f"bench_{label}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        settings_dict.setdefault("TEST", {})["NAME"] = str(path)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        teardown_test_environment()


def make_site():
    """A default site with a home page and the main catalogue; returns the catalogue."""
    root = Page.get_first_root_node()
    home = HomePage(title="示例市人民政府", slug="bench-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="示例市")
    return find_or_create_catalogue({"home": home})


def use_backend(name: str, backend: str) -> None:
    """Register an extra search backend alias at run time."""
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, name: {"BACKEND": backend}}


def rebuild(backend_name: str) -> float:
    """``update_index`` for one backend; returns seconds."""
    IndexEntry.objects.all().delete()
    start = time.perf_counter()
    call_command("update_index", backend_name=backend_name, stdout=io.StringIO())
    elapsed = time.perf_counter() - start
    vocabulary.forget_state()  # the documents were loaded without publishing them
    return elapsed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
