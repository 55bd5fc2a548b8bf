"""Plain builders of organisations and published documents for the demo loader and the benchmarks.

They need nothing but the models (tests build through ``disclosure.factories`` instead),
so ``make run`` works with the runtime requirements alone.
"""

from __future__ import annotations

import datetime

from django.utils.html import escape

from core.identifiers import unified_social_credit_code
from disclosure.models import Organisation, PolicyDocumentPage


def get_organisation(name: str, seed: int) -> Organisation:
    """The organisation called ``name``, created with a credit code derived from ``seed`` when missing."""
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        code = unified_social_credit_code("11420800MB", seed % 10_000_000)
        while Organisation.objects.filter(unit_code=code).exists():
            seed += 7919
            code = unified_social_credit_code("11420800MB", seed % 10_000_000)
        organisation = Organisation.objects.create(name=name, unit_code=code)
    return organisation


def body_blocks(text: str) -> list[tuple[str, str]]:
    """StreamField value for a body of plain paragraphs (one per line)."""
    return [("paragraph", "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip()))]


def add_document(parent, *, title: str, organisation, body: str = "", publish: bool = True, **fields):
    """Create (and publish) a PolicyDocumentPage under ``parent``."""
    fields.setdefault("formed_on", datetime.date(2024, 3, 1))
    if "published_at" not in fields:
        formed = fields["formed_on"]
        fields["published_at"] = datetime.datetime(formed.year, formed.month, formed.day, 9, tzinfo=datetime.UTC)
    page = PolicyDocumentPage(title=title, organisation=organisation, **fields)
    if body:
        page.body = body_blocks(body)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page
