from django.db import migrations

from inspection.starter_words import starter_entries


def load_starter_words(apps, schema_editor):
    word_entry = apps.get_model("inspection", "WordEntry")
    version = apps.get_model("inspection", "WordListVersion")
    existing = set(word_entry.objects.values_list("word", flat=True))
    word_entry.objects.bulk_create(
        [
            word_entry(word=word, kind=kind, correction=correction, note=note)
            for word, kind, correction, note in starter_entries()
            if word not in existing
        ]
    )
    version.objects.update_or_create(pk=1, defaults={"version": 1})


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_initial")]

    operations = [migrations.RunPython(load_starter_words, migrations.RunPython.noop)]
