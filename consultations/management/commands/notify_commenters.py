import logging

from django.core.management.base import BaseCommand, CommandError

from consultations.notifications import awaiting_notice, send_decision_notice

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "向已有处理结果但尚未收到通知的意见提交人发送结果通知邮件（发送失败的可重复运行本命令重发）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出待通知意见的查询码，不发送")

    def handle(self, *args, **options):
        pending = list(awaiting_notice().order_by("pk").values_list("pk", "tracking_code"))
        if options["dry_run"]:
            for _pk, code in pending:
                self.stdout.write(code)
            self.stdout.write(f"待通知 {len(pending)} 条。")
            return
        sent = failed = 0
        for pk, code in pending:
            try:
                sent += send_decision_notice(pk)
            except Exception as exc:
                # Any mail failure leaves the comment pending for the next run; the rest still go out.
                logger.exception("Decision notice for comment %s failed", pk)
                failed += 1
                self.stderr.write(f"{code} 发送失败：{exc}")
        self.stdout.write(f"已发送 {sent} 条，失败 {failed} 条。")
        if failed:
            raise CommandError(f"{failed} 条通知发送失败，仍为待通知状态，可稍后重新运行本命令。")
