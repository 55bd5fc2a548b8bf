"""The handling report (意见采纳情况反馈): figures computed from the office's decisions, no personal data."""

from django.db.models import Count, Q
from django.utils.functional import cached_property

from consultations.models.comments import Decision

COUNTED = {
    "adopted": Decision.ADOPTED,
    "partly": Decision.PARTLY,
    "not_adopted": Decision.NOT_ADOPTED,
    "not_processed": Decision.NOT_PROCESSED,
    "pending": Decision.PENDING,
}


class HandlingReport:
    """What the public sees after a consultation: counts, per-article figures, reasons, selected comments."""

    def __init__(self, consultation):
        self.consultation = consultation
        self.comments = consultation.comments.all()

    @cached_property
    def _counts_by_anchor(self):
        """``{article anchor: counts}`` of every article commented on, in one grouped query."""
        counts = (
            self.comments.values("article_anchor")
            .annotate(
                received=Count("pk"),
                **{name: Count("pk", filter=Q(decision=value)) for name, value in COUNTED.items()},
            )
            .order_by("article_anchor")
        )
        return {row.pop("article_anchor"): row for row in counts}

    @cached_property
    def totals(self):
        rows = self._counts_by_anchor.values()
        return {name: sum(row[name] for row in rows) for name in ("received", *COUNTED)}

    @cached_property
    def by_article(self):
        """One row per article commented on, in draft order, then the general comments."""
        choices = dict(self.consultation.article_choices())
        order = {anchor: i for i, anchor in enumerate(choices)}
        rows = []
        for anchor, counts in self._counts_by_anchor.items():
            label = choices.get(anchor, "") if anchor else "总体意见"
            if not label:
                # An article no longer in the draft: the label the latest comment on it recorded.
                label = self.comments.filter(article_anchor=anchor).values_list("article_label", flat=True).first()
            rows.append({"anchor": anchor, "label": label, **counts})
        # Articles no longer in the draft after the others, the general comments last.
        rows.sort(key=lambda row: (order.get(row["anchor"], len(order)), not row["anchor"]))
        return rows

    @cached_property
    def not_adopted_reasons(self):
        return list(
            self.comments.filter(decision=Decision.NOT_ADOPTED)
            .order_by("article_anchor", "submitted_at")
            .values("article_label", "decision_reason")
        )

    @cached_property
    def public_comments(self):
        return list(
            self.comments.filter(is_public=True).exclude(decision=Decision.NOT_PROCESSED).order_by("submitted_at")
        )
