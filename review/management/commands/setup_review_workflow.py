from django.core.management.base import BaseCommand

from disclosure.models import CatalogueIndexPage
from review.departments import grant_department_subtree
from review.workflow import assign_review_workflow, ensure_review_workflow, section_pages


class Command(BaseCommand):
    help = "创建“三级审核”工作流，分配给信息公开、政策解读、意见征集和新闻栏目，并为各部门子目录授权（可重复运行）。"

    def handle(self, *args, **options):
        workflow = ensure_review_workflow()
        for page in section_pages():
            created = assign_review_workflow(page, workflow)
            self.stdout.write(f"{'已分配' if created else '已有工作流'}：{page.title}")
        for catalogue in CatalogueIndexPage.objects.exclude(organisation=None).select_related("organisation"):
            group = grant_department_subtree(catalogue.organisation, catalogue)
            self.stdout.write(f"部门授权：{group.name} → {catalogue.title}")
