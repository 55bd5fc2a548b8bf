"""Admin actions as a user performs them: the page editor form and the workflow action modal."""

import json

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from review.models import CHECKLIST

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def document_form(organisation, title="关于下达2027年度部门预算的通知", text="各单位：现将预算下达给你们。", **extra):
    data = {
        "title": title,
        "slug": extra.pop("slug", "yusuan-tongzhi"),
        "organisation": organisation.pk,
        "formed_on": "2026-11-02",
        "published_at": "2026-11-03 09:00",
        "rank": "other",
        "validity": "valid",
        "disclosure_method": "proactive",
        "disclosure_scope": "public",
        "summary": extra.pop("summary", "下达年度预算。"),
        "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
        "successors": inline_formset([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def create_and_submit(client, parent, organisation, **fields):
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "policydocumentpage", parent.pk])
    response = client.post(url, {**document_form(organisation, **fields), "action-submit": "提交审核"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Page.objects.get(slug=fields.get("slug", "yusuan-tongzhi")).specific


def edit_page(client, page, organisation, action="action-submit", **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = document_form(organisation, slug=page.slug, **fields)
    if action:
        data[action] = "1"
    return client.post(url, data)


def current_task_state(page):
    page.refresh_from_db()
    return page.current_workflow_task_state


def workflow_action(client, page, action, **data):
    """POST the action modal exactly as the admin's JavaScript does."""
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client.post(url, {"review_task_state": task_state.pk, **data}, **XHR)
    return response, json.loads(response.content) if response.status_code == 200 else None


def checklist(**overrides):
    data = {name: "on" for name, _label in CHECKLIST}
    data.update(overrides)
    return {key: value for key, value in data.items() if value}
