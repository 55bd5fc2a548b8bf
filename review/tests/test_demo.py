"""The demo loader: users per role, drafts in every state, nothing duplicated on a second run."""

import io

from django.contrib.auth import get_user_model

from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

import pytest

from disclosure.models import PolicyDocumentPage
from home import demo as home_demo
from review import demo

pytestmark = pytest.mark.django_db


def counts():
    return (
        Page.objects.count(),
        PageLogEntry.objects.exclude(action="wagtail.reorder").count(),
        TaskState.objects.count(),
        WorkflowState.objects.count(),
        get_user_model().objects.count(),
    )


def test_demo_is_idempotent_and_covers_every_state(settings, tmp_path):

    settings.VAR_DIR = tmp_path
    context = {}
    home_demo.load(context, io.StringIO())
    demo.load(context, io.StringIO())
    first = counts()
    demo.load(context, io.StringIO())
    assert counts() == first

    user = get_user_model().objects.get(username="editor_finance")
    assert set(user.groups.values_list("name", flat=True)) == {"信息员", "信息员-市财政局"}
    states = {}
    for page in PolicyDocumentPage.objects.all():
        workflow_state = page.current_workflow_state
        if page.live:
            states[page.slug] = "live"
        elif workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            states[page.slug] = "rejected"
        else:
            states[page.slug] = workflow_state.current_task_state.task.name
    assert set(states.values()) == {"初审", "复审", "rejected", "live"}
    rejected = PolicyDocumentPage.objects.get(slug="xingzheng-shiye-shoufei-mulu")
    assert "批准文件文号" in rejected.workflow_states.get(status="needs_changes").current_task_state.comment
