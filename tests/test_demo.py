import io

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from disclosure.models import PolicyDocumentPage
from home.demo_accounts import accounts_file
from home.models import HomePage, NewsIndexPage, NewsPage
from review.rules import approval_check_findings


@pytest.fixture
def demo_accounts_path(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "demo-accounts.json"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_twice_leaves_the_same_content(demo_accounts_path, client, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8020"  # make run PORT=8020
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    # Every address it prints is the one make run serves.
    assert "在线申请 http://127.0.0.1:8020/ysqgk/" in out.getvalue()
    assert "示例站点已就绪：http://127.0.0.1:8020/" in out.getvalue()
    assert ":8000" not in out.getvalue()
    first_pages = Page.objects.count()
    first_passwords = demo_accounts_path.read_text()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Page.objects.count() == first_pages
    assert demo_accounts_path.read_text() == first_passwords
    assert HomePage.objects.count() == 1
    # The home page's own columns (the inspection demo adds a stale 专题活动 column beside them).
    home = HomePage.objects.get()
    assert NewsPage.objects.child_of(home.news_index(NewsIndexPage.Kind.NEWS)).count() >= 10
    assert NewsPage.objects.child_of(home.news_index(NewsIndexPage.Kind.NOTICE)).count() >= 5
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert accounts_file() == demo_accounts_path

    Site.objects.update(hostname="testserver")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "网站标识码" in html
    assert "ICP备" in html

    # Every live demo page renders, with exactly one h1 and the chrome around it.
    failures = {}
    for page in Page.objects.live().filter(depth__gte=2).specific():
        response = client.get(page.url)
        body = response.content.decode()
        if response.status_code != 200 or body.count("<h1") != 1 or 'id="main-content"' not in body:
            failures[page.url] = response.status_code
    assert failures == {}

    # A draft waiting at 初审 carries a planted 严重错误, so the review walkthrough shows the block.
    draft = PolicyDocumentPage.objects.get(slug="2027-chuzhong-zhaosheng-fangan")
    assert draft.current_workflow_task_state.task.name == "初审"
    blocking = [f for f in approval_check_findings(draft.get_latest_revision_as_object()) if f["blocking"]]
    assert [f["value"] for f in blocking] == ["“国务院办公室”（机构名称错误）"]
