"""Admin login: lockout after repeated failures, the login records, two-factor login, session limits, password rules."""

import time
from datetime import timedelta

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.demo_accounts import demo_accounts, ensure_demo_user
from security.middleware import LAST_SEEN, LOGIN_AT

pytestmark = pytest.mark.django_db

PASSWORD = "Zhengque-Mima-2024"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_superuser("chenjing", "chenjing@example.gov.cn", PASSWORD)


def login(client, username, password, **extra):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password, **extra})


def signed_in(client):
    return "_auth_user_id" in client.session


def member_of(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


# -- lockout ---------------------------------------------------------------------


def test_sixth_wrong_password_is_refused_and_then_the_right_one_until_an_administrator_lifts_the_lock(
    client, officer, django_user_model
):
    for _ in range(4):
        response = login(client, "chenjing", "wrong-password")
        assert response.status_code == 200
        assert not signed_in(client)
    # The fifth failure locks the account and says so.
    assert "登录已被暂时锁定" in login(client, "chenjing", "wrong-password").content.decode()
    refused = login(client, "chenjing", "wrong-password")
    assert refused.status_code == 429
    assert "登录已被暂时锁定" in refused.content.decode()
    still_refused = login(client, "chenjing", PASSWORD)
    assert still_refused.status_code == 429
    assert not signed_in(client)

    # Every failure is on record with its time and address, and the lock too.
    failures = AccessFailureLog.objects.filter(username="chenjing")
    assert failures.count() >= 6
    assert failures.filter(ip_address="127.0.0.1", locked_out=True).exists()

    # A site administrator sees the lock in the Wagtail admin and lifts it.
    administrator = Client()
    administrator.force_login(member_of(django_user_model, "wangfang", "网站管理员"))
    listing = administrator.get(reverse("login_attempts:index"))
    assert listing.status_code == 200
    assert "chenjing" in listing.content.decode()
    assert "已锁定" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="chenjing")
    assert administrator.post(reverse("login_attempts:delete", args=[attempt.pk])).status_code == 302
    assert not AccessAttempt.objects.filter(username="chenjing").exists()

    accepted = login(client, "chenjing", PASSWORD)
    assert accepted.status_code == 302
    assert signed_in(client)
    assert AccessLog.objects.filter(username="chenjing", ip_address="127.0.0.1").exists()


def test_the_lock_ends_by_itself_after_thirty_minutes(client, officer):
    for _ in range(6):
        login(client, "chenjing", "wrong-password")
    assert login(client, "chenjing", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=29))
    assert login(client, "chenjing", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert login(client, "chenjing", PASSWORD).status_code == 302
    assert signed_in(client)


def test_failures_older_than_fifteen_minutes_do_not_count(client, officer):
    for _ in range(4):
        login(client, "chenjing", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    for _ in range(2):
        assert login(client, "chenjing", "wrong-password").status_code == 200
    assert login(client, "chenjing", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_locked_out(client, officer):
    for n in range(6):
        login(client, f"guess{n}", "wrong-password")
    assert login(client, "chenjing", PASSWORD).status_code == 429
    other_address = Client(REMOTE_ADDR="203.0.113.50")
    assert login(other_address, "chenjing", PASSWORD).status_code == 302


def test_the_supervisor_reads_the_login_records_but_cannot_lift_locks(client, officer, django_user_model):
    for _ in range(6):
        login(client, "chenjing", "wrong-password")
    supervisor = Client()
    supervisor.force_login(member_of(django_user_model, "zhaomin", "监督员"))
    for name in ("login_attempts:index", "login_log:index", "login_failures:index"):
        response = supervisor.get(reverse(name))
        assert response.status_code == 200, name
    assert "chenjing" in supervisor.get(reverse("login_failures:index")).content.decode()
    attempt = AccessAttempt.objects.get(username="chenjing")
    supervisor.post(reverse("login_attempts:delete", args=[attempt.pk]))
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()

    clerk = Client()
    clerk.force_login(member_of(django_user_model, "liuyang", "信息员"))
    assert clerk.get(reverse("login_failures:index")).status_code in (302, 403)


# -- two-factor login ------------------------------------------------------------------


def token_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


def test_an_administrator_enrols_with_a_qr_code_and_then_logs_in_with_a_code_or_a_recovery_code(
    client, officer, settings
):
    settings.GONGKAI_REQUIRE_2FA = True
    assert login(client, "chenjing", PASSWORD).status_code == 302
    to_setup = client.get(reverse("wagtailadmin_home"))
    assert to_setup.status_code == 302
    assert to_setup["Location"].startswith(reverse("security_2fa:setup"))

    setup = client.get(to_setup["Location"])
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    wrong = client.post(
        reverse("security_2fa:setup"), {"token": "000000" if token_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    assert "验证码不正确" in wrong.content.decode()
    time.sleep(1.1)  # django-otp makes a device wait a second after a wrong code
    enrolled = client.post(reverse("security_2fa:setup"), {"token": token_for(device)})
    assert enrolled.status_code == 200
    codes = enrolled.context["codes"]
    assert len(codes) == 10
    assert all(code in enrolled.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    # The next login asks for the second factor before the admin opens.
    client.post(reverse("wagtailadmin_logout"))
    assert login(client, "chenjing", PASSWORD).status_code == 302
    to_verify = client.get(reverse("wagtailadmin_home"))
    assert to_verify["Location"].startswith(reverse("security_2fa:verify"))
    assert client.post(reverse("security_2fa:verify"), {"token": "12345678"}).status_code == 400
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    verified = client.post(reverse("security_2fa:verify"), {"token": codes[0], "next": reverse("wagtailadmin_home")})
    assert verified.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    # A recovery code works once; the authenticator's code works again next time.
    client.post(reverse("wagtailadmin_logout"))
    login(client, "chenjing", PASSWORD)
    assert client.post(reverse("security_2fa:verify"), {"token": codes[0]}).status_code == 400
    time.sleep(1.1)
    assert client.post(reverse("security_2fa:verify"), {"token": token_for(device, offset=30)}).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_two_factor_is_optional_for_other_roles_and_off_in_the_demo_and_tests(
    client, officer, django_user_model, settings
):
    settings.GONGKAI_REQUIRE_2FA = True
    member_of(django_user_model, "liuyang", "信息员")
    login(client, "liuyang", PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # The account page offers enrolment to everyone.
    assert reverse("security_2fa:setup") in client.get(reverse("wagtailadmin_account")).content.decode()

    settings.GONGKAI_REQUIRE_2FA = False
    superuser = Client()
    login(superuser, "chenjing", PASSWORD)
    assert superuser.get(reverse("wagtailadmin_home")).status_code == 200


# -- sessions --------------------------------------------------------------------------


def test_an_admin_session_ends_after_thirty_idle_minutes(client, officer):
    login(client, "chenjing", PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not signed_in(client)
    assert "30分钟未操作" in client.get(response["Location"]).content.decode()


def test_an_admin_session_ends_twelve_hours_after_the_login_however_busy(client, officer):
    login(client, "chenjing", PASSWORD)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - 12 * 3600 - 1
    session.save()
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert not signed_in(client)


def test_without_remember_me_the_session_ends_with_the_browser(client, officer):
    login(client, "chenjing", PASSWORD)
    assert client.session.get_expire_at_browser_close()
    assert not client.cookies["sessionid"]["max-age"]

    remembered = Client()
    login(remembered, "chenjing", PASSWORD, remember="on")
    assert not remembered.session.get_expire_at_browser_close()
    assert int(remembered.cookies["sessionid"]["max-age"]) == 12 * 3600


# -- password rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [("Ab1-short", "至少需要10个字符"), ("onlylowercaseletters", "至少3类"), ("lowercase1234567", "至少3类")],
)
def test_weak_passwords_are_refused_with_a_chinese_message(password, message):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message in text for text in refused.value.messages), refused.value.messages


def test_a_password_of_ten_characters_and_three_classes_is_accepted():
    validate_password("Shizheng-2024")


def test_demo_account_passwords_satisfy_the_rules(django_user_model, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    for n in range(20):
        ensure_demo_user(f"demo{n}", role="测试")
    for username, account in demo_accounts().items():
        validate_password(account["password"], django_user_model.objects.get(username=username))
