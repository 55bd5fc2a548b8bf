from django.urls import include, path, reverse

from wagtail import hooks

from security import admin_urls
from security.viewsets import LoginRecordsGroup


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("2fa/", include((admin_urls, "security_2fa"), namespace="security_2fa"))]


@hooks.register("register_admin_viewset")
def register_login_records():
    return LoginRecordsGroup()


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("security_2fa:setup"),
        "label": "两步验证",
        "help_text": "用身份验证器应用为登录加上第二道验证，并生成恢复码。",
    }
