from django import template

from consultations.models import ConsultationPage
from core.identifiers import find_id_card_numbers, find_mobile_numbers
from core.text import quoted_title

register = template.Library()


@register.simple_tag
def policy_consultations(policy):
    """The live consultations that led to ``policy`` (the reverse side of ConsultationPage.policy_document)."""
    if policy is None or not getattr(policy, "pk", None):
        return []
    return list(ConsultationPage.objects.live().filter(policy_document=policy).order_by("-starts_at"))


@register.filter
def mask_personal(text):
    """Hide mobile and ID-card numbers a commenter typed into a comment before it is shown publicly."""
    text = text or ""
    for number in find_id_card_numbers(text):
        text = text.replace(number, number[:6] + "********" + number[-4:])
    for number in find_mobile_numbers(text):
        text = text.replace(number, number[:3] + "****" + number[-4:])
    return text


@register.filter(name="quoted_title")
def quoted_title_filter(title):
    """《title》, or “title” when it holds 《》 itself (no 《》 inside 《》)."""
    return quoted_title(title)
