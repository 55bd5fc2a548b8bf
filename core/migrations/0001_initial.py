# The working-day overrides move from disclosure to core: the table stays where it is.

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the permissions granted on the overrides by moving their content type with the model."""
    content_type = apps.get_model("contenttypes", "ContentType")
    if content_type.objects.filter(app_label="core", model="workingdayoverride").exists():
        return
    content_type.objects.filter(app_label="disclosure", model="workingdayoverride").update(app_label="core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosure", "0003_reference_data"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WorkingDayOverride",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("day", models.DateField(unique=True, verbose_name="日期")),
                        (
                            "is_working_day",
                            models.BooleanField(
                                help_text="勾选表示当天上班（如调休补班），不勾选表示放假。", verbose_name="是否工作日"
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=100, verbose_name="说明")),
                    ],
                    options={
                        "verbose_name": "工作日调整",
                        "verbose_name_plural": "工作日调整",
                        "db_table": "disclosure_workingdayoverride",
                        "ordering": ["-day"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
