"""Links to the application form for other apps' templates (the disclosure guide), without importing this app."""

from django import template

from applications.views import form_url

register = template.Library()


@register.simple_tag
def application_form_url(organisation=None):
    """The online application form, addressed to ``organisation``."""
    return form_url(organisation)
