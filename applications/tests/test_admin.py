"""The office registers, assigns, asks for 补正, extends, answers and archives; each role sees what it may."""

from datetime import date, timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from applications import handling
from applications.factories import ApplicationFactory
from applications.models import Application, State
from applications.reminders import send_reminders
from applications.tests.roles import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(db):
    return user_in("registrar", "依申请公开登记员")


@pytest.fixture
def handler(db):
    return user_in("handler", "依申请公开承办人")


@pytest.fixture
def head(db):
    return user_in("head", "依申请公开审批人")


@pytest.fixture
def supervisor(db):
    return user_in("supervisor", "监督员")


def denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def registration_form(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "channel": "letter",
        "received_on": "2026-11-16",
        "applicant_type": "person",
        "organisation_kind": "",
        "name": "赵大勇",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "credit_code": "",
        "legal_representative": "",
        "contact_person": "",
        "phone": "0710-3334444",
        "email": "",
        "address": "示例市光明路3号",
        "postcode": "",
        "info_title": "光明路拓宽工程征收补偿方案",
        "info_document_number": "示政发〔2026〕12号",
        "info_description": "",
        "purpose": "",
        "carrier": "paper",
        "delivery": "post",
    }
    data.update(overrides)
    return data


def test_registrar_types_in_a_letter_application_through_the_admin_form(client, registrar, organisation):
    client.force_login(registrar)
    response = client.post(reverse("wagtailsnippets_applications_application:add"), registration_form(organisation))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications_admin:detail", args=[application.pk])
    assert application.channel == "letter"
    # Received Mon 11/16: 11/17-20 = 4, 11/23-27 = 9, 11/30-12/4 = 14, 12/7-11 = 19, 12/14 = 20.
    assert application.deadline == date(2026, 12, 14)
    assert application.steps.get().kind == "registered"
    assert ModelLogEntry.objects.for_instance(application).filter(action="applications.register").exists()


def test_a_bad_id_number_in_the_admin_form_is_refused(client, registrar, organisation):
    client.force_login(registrar)
    response = client.post(
        reverse("wagtailsnippets_applications_application:add"),
        registration_form(organisation, id_number="110105194912310021"),
    )
    assert response.status_code == 200
    assert "居民身份证号码应为18位，且校验位正确。" in response.content.decode()
    assert not Application.objects.exists()


def test_the_whole_path_as_the_people_who_do_it(client, registrar, handler, head, organisation):
    application = handling.register(ApplicationFactory.build(organisation=organisation, received_on=date(2026, 6, 1)))
    detail = reverse("applications_admin:detail", args=[application.pk])

    client.force_login(registrar)
    act = lambda name: reverse("applications_admin:act", args=[application.pk, name])  # noqa: E731
    client.post(act("assign"), {"assign-department": organisation.pk, "assign-assignee": handler.pk})
    application.refresh_from_db()
    assert application.assignee == handler
    assert application.state == State.PROCESSING

    client.force_login(handler)
    page = client.get(detail).content.decode()
    assert application.name not in page  # no personal-data permission
    assert application.phone not in page
    client.post(act("extension"), {"extension-days": 20, "extension-reason": "需要调取2019年以前的纸质档案"})
    application.refresh_from_db()
    assert application.extension_days == 20
    assert application.deadline == date(2026, 6, 30)  # not yet approved
    assert denied(client.post(act("approve_extension"), {"approve_extension-on": "2026-06-20"}))

    client.force_login(head)
    client.post(act("approve_extension"), {"approve_extension-on": "2026-06-22"})
    application.refresh_from_db()
    assert application.deadline == date(2026, 7, 28)
    assert application.extension_approved_by == head

    client.force_login(handler)
    refused = client.post(
        act("draft"), {"draft-outcome": "partial", "draft-reply_text": "现将可以公开的部分提供给你。"}
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "部分公开时，请写明不予公开的部分。" in text
    assert "不予公开（含部分公开）必须写明法律依据。" in text
    client.post(
        act("draft"),
        {
            "draft-outcome": "partial",
            "draft-reply_text": "现将可以公开的部分提供给你。",
            "draft-legal_basis": "《中华人民共和国政府信息公开条例》第十五条",
            "draft-withheld_part": "被征收人的身份证号码和银行账号",
            "draft-withheld_reason": "属于个人隐私，公开会对第三方合法权益造成损害",
            "draft-provided_how": "随本答复书以电子邮件发送",
            "draft-fee_amount": "0",
        },
    )
    application.refresh_from_db()
    assert application.state == State.AWAITING_APPROVAL
    assert application.drafted_by == handler
    assert denied(client.post(act("approve_reply"), {"approve_reply-on": "2026-07-20"}))

    client.force_login(head)
    client.post(act("approve_reply"), {"approve_reply-on": "2026-07-20"})
    application.refresh_from_db()
    assert application.state == State.REPLIED
    assert application.approved_by == head
    assert application.letters.filter(kind="reply").exists()

    client.force_login(registrar)
    client.post(act("archive"), {"archive-on": "2026-07-21"})
    application.refresh_from_db()
    assert application.state == State.ARCHIVED
    actions = list(ModelLogEntry.objects.for_instance(application).values_list("action", flat=True))
    for action in [
        "applications.assign",
        "applications.extension_approved",
        "applications.draft",
        "applications.reply",
        "applications.archive",
    ]:
        assert action in actions
    history = client.get(reverse("wagtailsnippets_applications_application:history", args=[application.pk]))
    assert "审批并答复" in history.content.decode()


def test_a_handler_sees_only_what_is_assigned(client, handler, organisation):
    mine = ApplicationFactory(organisation=organisation, assignee=handler, info_title="分给我的申请")
    ApplicationFactory(organisation=organisation, info_title="别人的申请")
    client.force_login(handler)
    listing = client.get(reverse("wagtailsnippets_applications_application:list")).content.decode()
    assert "分给我的申请" in listing
    assert "别人的申请" not in listing
    other = Application.objects.exclude(pk=mine.pk).get()
    assert denied(client.get(reverse("applications_admin:detail", args=[other.pk])))
    assert denied(client.get(reverse("wagtailsnippets_applications_application:edit", args=[mine.pk])))


def test_personal_data_only_with_the_dedicated_permission(client, registrar, supervisor, organisation):
    application = ApplicationFactory(organisation=organisation, name="钱芳芳")
    url = reverse("applications_admin:detail", args=[application.pk])
    client.force_login(supervisor)
    page = client.get(url).content.decode()
    assert "钱芳芳" not in page and application.id_number not in page
    assert "data-personal-hidden" in page
    assert "<form" not in page.split("操作记录")[0].split("所需信息")[1]  # no action forms for a supervisor
    export = client.get(reverse("wagtailsnippets_applications_application:list") + "?export=csv")
    assert "钱芳芳" not in b"".join(export.streaming_content).decode("utf-8-sig")
    client.force_login(registrar)
    page = client.get(url).content.decode()
    assert "钱芳芳" in page and application.id_number in page


def test_lists_show_the_deadline_highlighted_and_the_report_buckets(client, registrar, organisation):
    today = timezone.localdate()
    ApplicationFactory(organisation=organisation, received_on=today - timedelta(days=60), info_title="早已超期的申请")
    ApplicationFactory(organisation=organisation, received_on=today, info_title="刚收到的申请")
    client.force_login(registrar)
    listing = client.get(reverse("wagtailsnippets_applications_application:list")).content.decode()
    assert "application-deadline--overdue" in listing
    assert "已超期" in listing
    overdue = client.get(reverse("applications_admin:deadlines") + "?bucket=overdue").content.decode()
    assert "早已超期的申请" in overdue and "刚收到的申请" not in overdue
    todo = client.get(reverse("applications_admin:deadlines") + "?bucket=todo").content.decode()
    assert "刚收到的申请" in todo and "早已超期的申请" not in todo


def test_the_calendar_warning_is_on_every_page_of_the_menu(client, registrar, organisation):
    ApplicationFactory(organisation=organisation, received_on=date(2026, 12, 15))
    client.force_login(registrar)
    for url in [
        reverse("wagtailsnippets_applications_application:list"),
        reverse("applications_admin:deadlines"),
        reverse("wagtailsnippets_applications_calendaryear:list"),
        reverse("applications_admin:detail", args=[Application.objects.get().pk]),
    ]:
        assert "2027年的法定节假日和调休安排尚未录入" in client.get(url).content.decode(), url


def test_daily_reminder_mails_the_assignee_and_the_office(organisation, handler):
    today = timezone.localdate()
    ApplicationFactory(organisation=organisation, assignee=handler, received_on=today - timedelta(days=60))
    ApplicationFactory(organisation=organisation, received_on=today)  # far from due: not mentioned
    assert send_reminders() == 2
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["gongkai@czj.example.gov.cn", "handler@example.gov.cn"]
    assert "已超期" in mail.outbox[0].body
