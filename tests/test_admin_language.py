"""The admin speaks Chinese to every role, fetches nothing from other hosts, and ships its catalogue."""

import ast
import gettext
import re
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from wagtail.models import Page, Site

import pytest

from .admin_language import english_words
from .admin_screens import admin_urls, role_users

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"
OUTSIDE = re.compile(r"""(?:src|href|srcset|action)=["'](?:https?:)?//(?!testserver[/:"'])([^/"':]+)""")
# Links a person may follow on purpose (not fetched by the page): the inspection error-report site,
# and the page Wagtail's <noscript> message points to.
ALLOWED_LINK_HOSTS = {"zfwzzc.www.gov.cn", "www.enable-javascript.com"}


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_role_reads_its_admin_screens_in_chinese_and_nothing_comes_from_other_hosts(demo):
    data = set(Page.objects.values_list("title", flat=True)) | set(Site.objects.values_list("hostname", flat=True))
    users = role_users()
    data |= {user.get_username() for user in users.values()}
    urls = admin_urls()
    english, outside, opened = {}, {}, 0
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            opened += 1
            html = response.content.decode()
            for word, context in english_words(html, data=data).items():
                english.setdefault(word, f"{role} {url}: …{context}…")
            for host in OUTSIDE.findall(html):
                if host not in ALLOWED_LINK_HOSTS:
                    outside.setdefault(host, f"{role} {url}")
    assert opened > 100  # every role opened its dashboard, explorer, editors, reports and lists
    assert english == {}
    assert outside == {}


def _po_messages(path):
    """msgid -> msgstr of a .po file (singular form, msgstr[0] for plurals), without the header."""
    messages, current, field = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip() or line.startswith("#"):
            if current.get("msgid"):
                key = current["msgid"] if "msgctxt" not in current else f"{current['msgctxt']}\x04{current['msgid']}"
                messages[key] = current.get("msgstr", current.get("msgstr[0]", ""))
            if not line.strip():
                current, field = {}, None
            continue
        match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?|msgstr\[\d+\]) (".*")$', line)
        if match:
            field = match.group(1)
            current[field] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
    return messages


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_committed_catalogue_is_compiled_from_its_po_file(domain):
    expected = _po_messages(LOCALE / f"{domain}.po")
    with open(LOCALE / f"{domain}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    singular = {(key[0] if isinstance(key, tuple) else key): value for key, value in compiled.items() if key}
    assert len(expected) > 10
    for msgid, msgstr in expected.items():
        assert singular.get(msgid) == msgstr, f"run `make messages`: {msgid!r}"


def test_wagtail_strings_read_in_chinese(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext("Go to the first error") == "转到第一个错误"
        assert translation.gettext("Saved") == "已保存"
        assert translation.gettext("Exploring") == "浏览"
        assert translation.gettext("Changes requested at") == "退回修改于"
        assert translation.ngettext("Referenced %(count)s time", "Referenced %(count)s times", 0) % {"count": 0} == (
            "被引用 0 次"
        )


def test_the_dashboard_and_help_menu_send_editors_to_no_english_guide(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "账户" in html or "帐户" in html  # the account link of the summary is still there
    assert "guide.wagtail.org" not in html  # neither the summary nor the sidebar's help menu (JSON props)
