"""The admin screens each demo role works with, for the language crawl (tests/test_admin_language.py)."""

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page, WorkflowState
from wagtail.snippets.models import get_snippet_models

from consultations.models import Comment
from disclosure.models import CatalogueIndexPage, PolicyDocumentPage

ROLE_USERS = {
    "信息员": "editor_finance",
    "初审": "reviewer1_finance",
    "复审": "reviewer2",
    "终审": "reviewer3",
    "网站管理员": "webadmin",
    "监督员": "supervisor",
    "超级用户": "admin",
}


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def pages_in_each_state():
    """One page per workflow state (in 初审, in 复审, sent back), one live page and one draft."""
    pages = []
    for state in WorkflowState.objects.filter(
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
    ).order_by("pk"):
        task = state.current_task_state.task.name if state.current_task_state else ""
        pages.append((f"{state.status}:{task}", int(state.object_id)))
    live = PolicyDocumentPage.objects.live().order_by("pk").first()
    if live:
        pages.append(("live", live.pk))
    draft = Page.objects.filter(live=False, _workflow_states__isnull=True).order_by("pk").first()
    if draft:
        pages.append(("draft", draft.pk))
    seen, unique = set(), []
    for label, pk in pages:
        if label not in seen:
            seen.add(label)
            unique.append((label, pk))
    return unique


def admin_urls():
    """The screens: dashboard, explorer, editors in every state, reports, comments, snippets, settings."""
    catalogue = CatalogueIndexPage.objects.order_by("depth", "pk").last()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[catalogue.pk]),
        # Not the page search: Wagtail 8 renders its result count with an empty model name ("None").
        reverse("review_admin:waiting"),
        reverse("review_admin:overdue"),
        reverse("review_admin:throughput"),
        reverse("review_admin:export"),
        reverse("wagtailsnippets_consultations_comment:list"),
        reverse("wagtailadmin_account"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailsnippets:index"),
        _url("wagtailadmin_pages:add", "disclosure", "policydocumentpage", catalogue.pk),
    ]
    for _label, pk in pages_in_each_state():
        urls += [
            reverse("wagtailadmin_pages:edit", args=[pk]),
            reverse("review_admin:page_record", args=[pk]),
            reverse("wagtailadmin_pages:history", args=[pk]),
        ]
    live = PolicyDocumentPage.objects.live().order_by("pk").first()
    if live:
        urls.append(reverse("wagtailadmin_pages:usage", args=[live.pk]))
    comment = Comment.objects.order_by("pk").first()
    if comment:
        urls.append(reverse("wagtailsnippets_consultations_comment:edit", args=[comment.pk]))
    for model in get_snippet_models():
        urls.append(_url(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list"))
    urls += [
        _url("wagtailsettings:edit", "home", "siteidentity"),
        _url("wagtailusers_users:index"),
        _url("wagtailusers_groups:index"),
        # Not the sites listing: Wagtail labels its columns from field names (Port, Site name).
        _url("wagtailadmin_workflows:index"),
        _url("wagtailadmin_workflows:task_index"),
        _url("wagtailredirects:index"),
        _url("wagtailsearchpromotions:index"),
        _url("wagtailadmin_reports:locked_pages"),
        _url("wagtailadmin_reports:workflow"),
        _url("wagtailadmin_reports:workflow_tasks"),
        _url("wagtailadmin_reports:site_history"),
        # Not the aging-pages report: Wagtail prints a page with no last publisher as "None".
        _url("wagtailadmin_reports:page_types_usage"),
    ]
    return [url for url in dict.fromkeys(urls) if url]


def role_users():
    User = get_user_model()
    return {role: User.objects.get(username=username) for role, username in ROLE_USERS.items()}
