"""Fixtures shared by every app's tests: a site with its home page and identity."""

from django.core.cache import cache
from django.db import connection

from wagtail.models import Page, Site

import pytest

from home.models import HomePage, SiteIdentity


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters, cached synonyms and rows (``core.cached``) of
    an earlier test's data, which was rolled back, must not leak into it."""
    cache.clear()


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePage(title="示例市人民政府", slug="test-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="示例市人民政府"
    )
    return home


@pytest.fixture
def site_identity(home_page):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_name = "示例市人民政府"
    identity.sponsor = "示例市人民政府办公室"
    identity.organiser = "示例市政务服务和大数据管理局"
    identity.site_id_code = "4200000042"
    identity.icp_number = "示ICP备12345678号"
    identity.police_number = "示公网安备42000002000001号"
    identity.report_error_url = (
        "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?site_code=4200000042"
    )
    identity.save()
    return identity


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw-for-tests-only")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(scope="session")
def live_server_sessions_ended(django_db_setup, django_db_blocker):
    """After the last browser test, end the database sessions the live server's threads left open.

    PostgreSQL will not drop the test database while they exist. Done once, at the end of the run
    (``tests.browser.browser_page`` asks for it): ending them after each test could hit a session
    still in use.
    """
    yield
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def _serialized_rollback(items):
    """Transactional tests restore what migrations put in the database (root page, groups, genres).

    A transactional test ends by flushing every table; without serialized rollback the rows that
    data migrations created would be gone for every test that runs after it.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in getattr(item, "fixturenames", ()) or "live_server" in getattr(
            item, "fixturenames", ()
        )
        if marker is not None and marker.kwargs.get("transaction"):
            transactional = True
        if transactional and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")
        if transactional:
            # pytest-django serializes the test database at set-up only if some
            # test's marker asks for it (the fixture name alone is not seen there),
            # so a subset of the suite without such a marker lost the rows.
            kwargs = {**(marker.kwargs if marker is not None else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def pytest_collection_modifyitems(items):
    _serialized_rollback(items)
