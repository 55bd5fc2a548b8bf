# The rate-limit counters now belong to core (same table): forget the model here, keep the table.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_comment_contact_key_fits_every_email"),
        ("core", "0002_rate_limit_counter_from_consultations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimitCounter")],
            database_operations=[],
        ),
    ]
