# The working-day overrides now belong to core (same table): forget the model here, keep the table.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("disclosure", "0003_reference_data"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WorkingDayOverride")],
            database_operations=[],
        ),
    ]
