"""``manage.py inspect_site``: inspect the live site, print the findings, exit 1 on any 严重错误 or broken internal link."""

import json
import sys

from django.core.management.base import BaseCommand

from inspection.models import Finding
from inspection.run import inspect_site
from inspection.tasks import check_external_links, weekly_inspection
from review.departments import department_label


class Command(BaseCommand):
    help = "检查网站内容（错敏词、失效链接、栏目更新、法定时限），打印结果；有严重错误或内部链接失效时退出码为1。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--external", action="store_true", help="同时排队检查外部链接（后台任务）")
        parser.add_argument("--weekly", action="store_true", help="排队执行每周检查并发送周报邮件")

    def handle(self, *args, **options):
        if options["weekly"]:
            weekly_inspection.enqueue()
        elif options["external"]:
            check_external_links.enqueue()
        inspect_site()
        order = {kind: position for position, kind in enumerate(Finding.Kind.values)}
        findings = sorted(
            Finding.objects.select_related("organisation"), key=lambda f: (order[f.kind], f.page_title, f.pk)
        )
        blocking = [finding for finding in findings if finding.is_blocking]
        if options["json"]:
            payload = {
                "count": len(findings),
                "blocking": len(blocking),
                "findings": [
                    {
                        "kind": finding.kind,
                        "kind_label": finding.get_kind_display(),
                        "page_id": finding.page_id,
                        "page_title": finding.page_title,
                        "department": department_label(finding.organisation) if finding.organisation else "",
                        "field": finding.field,
                        "subject": finding.subject,
                        "context": finding.context,
                        "suggestion": finding.suggestion,
                    }
                    for finding in findings
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for finding in findings:
                department = f"［{department_label(finding.organisation)}］" if finding.organisation else ""
                line = f"【{finding.get_kind_display()}】{department}{finding.page_title}（{finding.field}）：{finding.subject}"
                if finding.context:
                    line += f" {finding.context}"
                if finding.suggestion:
                    line += f" —— {finding.suggestion}"
                self.stdout.write(line)
            self.stdout.write(f"共{len(findings)}个问题，其中严重错误或内部链接失效{len(blocking)}个。")
        if blocking:
            sys.exit(1)
