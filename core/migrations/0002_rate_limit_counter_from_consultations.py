# The rate-limit counters move from consultations to core (every public form uses them): the table stays.

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if content_type.objects.filter(app_label="core", model="ratelimitcounter").exists():
        return
    content_type.objects.filter(app_label="consultations", model="ratelimitcounter").update(app_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("consultations", "0003_comment_contact_key_fits_every_email"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitCounter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=200)),
                        ("window_start", models.DateTimeField()),
                        ("count", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name": "提交频率计数",
                        "verbose_name_plural": "提交频率计数",
                        "db_table": "consultations_ratelimitcounter",
                        "indexes": [models.Index(fields=["window_start"], name="consultatio_window__796ed5_idx")],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("key", "window_start"), name="rate_limit_one_row_per_window"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
