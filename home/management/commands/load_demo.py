from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo import arrange_menu, serve_site_at
from home.demo_accounts import accounts_file, demo_accounts

# Each app adds its part of the demo site in this order; every loader is idempotent.
DEMO_LOADERS = [
    "home.demo",
    "disclosure.demo",
    "consultations.demo",
    "review.demo",
    "applications.demo",
    "search.demo",
    "inspection.demo",
]


class Command(BaseCommand):
    help = "Build the demo site of 示例市人民政府 (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options):
        if settings.GONGKAI_ENVIRONMENT == "production":
            raise CommandError("load_demo 不能在生产环境运行（production settings）。")
        context = {}
        for module_name in DEMO_LOADERS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue
                raise
            with transaction.atomic():
                module.load(context, stdout=self.stdout)
        with transaction.atomic():
            arrange_menu(context["home"])
            # Page links in e-mails are built from the site's host name: the address `make run` serves.
            base_url = serve_site_at(settings.WAGTAILADMIN_BASE_URL)
        self.stdout.write(self.style.SUCCESS(f"示例站点已就绪：{base_url}/  管理后台：{base_url}/admin/"))
        self.stdout.write(f"示例账号（密码保存在 {accounts_file()}）：")
        for username, account in demo_accounts().items():
            self.stdout.write(f"  {account['role']:<12} {username:<22} {account['password']}")
