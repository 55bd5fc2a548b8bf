"""Helpers that build disclosure content for search tests, the demo and the benchmarks."""

from __future__ import annotations

import datetime

from core.identifiers import uscc_check_character


def unit_code(seed: int) -> str:
    """A valid 18-character unified social credit code derived from ``seed``."""
    first17 = f"11420800MB{seed % 10_000_000:07d}"
    return first17 + uscc_check_character(first17)


def get_organisation(name: str, seed: int):
    from disclosure.models import Organisation

    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        code = unit_code(seed)
        while Organisation.objects.filter(unit_code=code).exists():
            seed += 7919
            code = unit_code(seed)
        organisation = Organisation.objects.create(name=name, unit_code=code)
    return organisation


def body_blocks(text: str) -> list[tuple[str, str]]:
    """StreamField value for a body of plain paragraphs (one per line)."""
    from django.utils.html import escape

    return [("paragraph", "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip()))]


def add_document(parent, *, title: str, organisation, body: str = "", publish: bool = True, **fields):
    """Create (and publish) a PolicyDocumentPage under ``parent``."""
    from disclosure.models import PolicyDocumentPage

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
