"""Content-Security-Policy and Permissions-Policy on public and admin pages; the elder-mode cookie over HTTPS."""

import re

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_public_pages_get_a_policy_without_inline_code(client, site_identity):
    for path in ("/", "/search/?q=通知", "/no-such-page/"):
        response = client.get(path)
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_carry_no_inline_script_or_style(client, site_identity):
    for path in ("/", "/search/?q=通知", "/no-such-page/"):
        html = client.get(path).content.decode()
        inline_scripts = [
            tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag and "application/json" not in tag
        ]
        assert inline_scripts == [], path
        assert "<style" not in html
        assert not re.search(r"\sstyle=", html)
        assert not re.search(r"\son[a-z]+=", html)


def test_admin_pages_get_the_admin_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    login = admin_client.get("/admin/login/")
    assert "Content-Security-Policy" in login


def test_the_error_pages_need_no_inline_style(client):
    from django.template import loader

    for name in ("500.html", "503.html"):
        html = loader.get_template(name).render({"retry_after": 60})
        assert "<style" not in html
        assert "css/error.css" in html


def test_the_elder_mode_cookie_is_secure_over_https(client, settings):
    plain = client.get("/elder-mode/?on=1")
    assert not plain.cookies["elder_mode"]["secure"]
    secure = client.get("/elder-mode/?on=1", secure=True)
    assert secure.cookies["elder_mode"]["secure"]
