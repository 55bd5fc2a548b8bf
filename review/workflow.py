"""The "三级审核" workflow: its tasks, and the sections it is assigned to."""

from django.contrib.auth.models import Group

from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from .models import FinalReviewTask, FirstReviewTask, SecondReviewTask

WORKFLOW_NAME = "三级审核"
STEPS = [(FirstReviewTask, "初审"), (SecondReviewTask, "复审"), (FinalReviewTask, "终审")]
# Reviewers in these groups act on every department's pages (初审 is per department).
REVIEW_ALL_GROUPS = ("复审", "终审")
# Section pages (app_label.model) that get the workflow by default.
SECTION_MODELS = [
    "disclosure.disclosureindexpage",
    "disclosure.interpretationindexpage",
    "consultations.consultationindexpage",
    "home.newsindexpage",
]


def ensure_review_workflow():
    """The workflow with its three steps, each approved by the group of the same name."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, (task_model, name) in enumerate(STEPS):
        task = task_model.objects.filter(name=name).first()
        if task is None:
            task = task_model.objects.create(name=name)
            group, _created = Group.objects.get_or_create(name=name)
            task.groups.add(group)
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


def section_pages():
    """Top-most pages of the section types: nested indexes inherit from their ancestor."""
    candidates = Page.objects.filter(
        content_type__app_label__in={label.split(".")[0] for label in SECTION_MODELS}
    ).select_related("content_type")
    pages = [
        page for page in candidates if f"{page.content_type.app_label}.{page.content_type.model}" in SECTION_MODELS
    ]
    return [page for page in pages if not any(page.is_descendant_of(other) for other in pages)]


def assign_review_workflow(page, workflow=None):
    """Assign the workflow to ``page`` unless a workflow is already assigned there."""
    workflow = workflow or ensure_review_workflow()
    _link, created = WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return created


def is_section_page(page):
    content_type = page.content_type if page.content_type_id else None
    if content_type is None:
        return False
    return f"{content_type.app_label}.{content_type.model}" in SECTION_MODELS
