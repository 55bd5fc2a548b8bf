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


def _counts(queryset):
    return queryset.aggregate(
        received=Count("pk"), **{name: Count("pk", filter=Q(decision=value)) for name, value in COUNTED.items()}
    )


class HandlingReport:
    """What the public sees after a consultation: counts, per-article figures, reasons, selected comments."""

    def __init__(self, consultation):
        self.consultation = consultation
        self.comments = consultation.comments.all()

    @cached_property
    def totals(self):
        return _counts(self.comments)

    @cached_property
    def by_article(self):
        """One row per article commented on, in draft order, then the general comments."""
        order = {anchor: i for i, (anchor, _label) in enumerate(self.consultation.article_choices())}
        rows = []
        for anchor in self.comments.values_list("article_anchor", flat=True).distinct():
            label = dict(self.consultation.article_choices()).get(anchor, "") if anchor else "总体意见"
            if not label:
                label = self.comments.filter(article_anchor=anchor).values_list("article_label", flat=True).first()
            rows.append({"anchor": anchor, "label": label, **_counts(self.comments.filter(article_anchor=anchor))})
        rows.sort(key=lambda row: order.get(row["anchor"], len(order)))
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
