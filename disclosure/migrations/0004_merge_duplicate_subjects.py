"""Merge the top-level subject categories that the search demo created as twins of standard ones.

Older demo loads created 社会保障, 住房保障, 卫生健康, 劳动就业, 生态环境, 经济管理, 教育 and
市场监管 as top-level categories although the standard tree (migration 0003) has them, or an
equivalent, as second-level ones; the catalogue filter then split their documents in two.
Documents (and their saved revisions) move to the standard category; the twin is deleted.
"""

from django.db import migrations
from django.db.models import F

ALIASES = {"劳动就业": "就业", "经济管理": "国民经济管理、国有资产监管"}


def merge(apps, schema_editor):
    SubjectCategory = apps.get_model("disclosure", "SubjectCategory")
    PolicyDocumentPage = apps.get_model("disclosure", "PolicyDocumentPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for twin in SubjectCategory.objects.filter(parent=None, code=""):
        if SubjectCategory.objects.filter(parent=twin).exists():
            continue
        name = ALIASES.get(twin.name, twin.name)
        standard = (
            SubjectCategory.objects.filter(name=name)
            .exclude(pk=twin.pk)
            .order_by(F("parent_id").asc(nulls_last=True), "pk")
            .first()
        )
        if standard is None:
            continue
        PolicyDocumentPage.objects.filter(subject=twin).update(subject=standard)
        for revision in Revision.objects.filter(content__subject=twin.pk):
            revision.content["subject"] = standard.pk
            revision.save(update_fields=["content"])
        twin.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0003_reference_data"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
