from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="decision_notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="结果通知时间"),
        ),
        migrations.AddField(
            model_name="comment",
            name="notified_decision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "待处理"),
                    ("adopted", "采纳"),
                    ("partly", "部分采纳"),
                    ("not_adopted", "未采纳"),
                    ("not_processed", "不予处理"),
                ],
                default="",
                editable=False,
                max_length=20,
                verbose_name="已通知的处理结果",
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="decision_reason",
            field=models.TextField(
                blank=True,
                help_text="未采纳的必须说明理由，理由将在采纳情况反馈中公开，并通过结果通知邮件告知提交人。",
                verbose_name="理由",
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="reply",
            field=models.TextField(
                blank=True,
                help_text="可选，公开显示在查询结果和采纳情况反馈中，并通过结果通知邮件告知提交人。",
                verbose_name="公开答复",
            ),
        ),
    ]
