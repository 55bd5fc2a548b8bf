"""Demo of the three-level review: one user per role for two departments, drafts in every state.

Every sentence here was written by the Gongkai team for a fictional city (示例市).
"""

from datetime import date

from django.test.utils import override_settings
from django.utils import timezone

from wagtail.models import Page

from core.identifiers import unified_social_credit_code
from disclosure.models import CatalogueIndexPage, DisclosureIndexPage, Organisation, PolicyDocumentPage
from home.demo_accounts import ensure_demo_user

from .departments import grant_department_subtree
from .models import CHECKLIST
from .workflow import assign_review_workflow, ensure_review_workflow, section_pages

DEPARTMENTS = [
    # (short name, full name, serial for a demo credit code, catalogue slug, user suffix)
    ("市财政局", "示例市财政局", 9101, "shi-caizhengju", "finance"),
    ("市教育局", "示例市教育局", 9102, "shi-jiaoyuju", "education"),
]

USERS = [
    # (username, role label, first name, groups; "{dept}" is replaced by the department's short name)
    ("editor_{key}", "信息员", "信息员", ["信息员", "信息员-{dept}"]),
    ("reviewer1_{key}", "初审", "科室负责人", ["初审", "初审-{dept}"]),
]
SHARED_USERS = [
    ("reviewer2", "复审", "政务公开办", ["复审"]),
    ("reviewer3", "终审", "分管领导", ["终审"]),
    ("webadmin", "网站管理员", "网站管理员", ["网站管理员"]),
    ("supervisor", "监督员", "监督员", ["监督员"]),
]

# (department key, slug, title, summary, paragraphs, state)
DRAFTS = [
    (
        "finance",
        "2027-yusuan-bianzhi-tongzhi",
        "关于做好2027年市级部门预算编制工作的通知",
        "部署2027年市级部门预算编制的原则、时间安排和报送要求。",
        [
            "各预算单位：2027年市级部门预算编制工作即将开始，现将有关事项通知如下。",
            "一、坚持量入为出，严格控制一般性支出，新增项目须附绩效目标。",
            "二、请于12月15日前通过预算管理一体化系统报送预算草案。",
        ],
        "first",
    ),
    (
        "finance",
        "zhengfu-caigou-yixiang-gongkai",
        "关于进一步做好政府采购意向公开工作的通知",
        "要求各采购单位在采购活动开始30日前公开采购意向。",
        [
            "各采购单位应当在采购活动开始前30日，在市政府采购网公开采购意向。",
            "采购意向应包括采购项目名称、需求概况、预算金额和预计采购时间。",
        ],
        "second",
    ),
    (
        "finance",
        "xingzheng-shiye-shoufei-mulu",
        "示例市2026年行政事业性收费目录清单",
        "公布本市现行行政事业性收费项目、标准和依据。",
        [
            "本清单列明全市现行有效的行政事业性收费项目，清单之外一律不得收费。",
            "收费单位应在办公场所显著位置公示收费项目和标准。",
        ],
        "rejected",
    ),
    (
        "finance",
        "2025-shiji-juesuan-gongkai",
        "示例市2025年市级决算公开说明",
        "说明2025年市级一般公共预算、政府性基金预算决算情况。",
        [
            "2025年市级一般公共预算收入完成年度预算的百分之一百零二。",
            "决算报表及说明已按规定向社会公开，接受公众监督。",
        ],
        "live",
    ),
    (
        "education",
        "2027-chuzhong-zhaosheng-fangan",
        "示例市2027年初中招生工作方案",
        "明确2027年初中招生的划片原则、报名时间和录取办法。",
        [
            "全市公办初中继续实行免试就近入学，按照学区划片招生。",
            # Planted for the review walkthrough: a wrong institution name (严重错误) blocks approval.
            "招生工作按照国务院办公室关于义务教育招生入学的有关要求组织实施。",
            "民办初中招生与公办初中同步报名、同步录取。",
        ],
        "first",
    ),
    (
        "education",
        "xuesheng-zizhu-zhengce-shuoming",
        "示例市家庭经济困难学生资助政策说明",
        "介绍学前教育至高中阶段的资助项目、标准和申请方式。",
        [
            "本市对家庭经济困难学生实行从学前教育到高中阶段全覆盖资助。",
            "申请人可向就读学校提出申请，学校在受理后10个工作日内完成审核。",
        ],
        "live",
    ),
]


def _organisation(short_name, name, serial):
    organisation = Organisation.objects.filter(short_name=short_name).first()
    if organisation is None:
        organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name, short_name=short_name, unit_code=unified_social_credit_code("11990000MB", serial)
        )
    return organisation


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_disclosure_tree(home):
    """The disclosure section and main catalogue, created only when the disclosure demo did not."""
    disclosure = DisclosureIndexPage.objects.child_of(home).first()
    if disclosure is None:
        disclosure = _publish_child(home, DisclosureIndexPage(title="政府信息公开", slug="zfxxgk", show_in_menus=True))
    catalogue = CatalogueIndexPage.objects.child_of(disclosure).filter(organisation=None).first()
    if catalogue is None:
        catalogue = CatalogueIndexPage.objects.descendant_of(disclosure).filter(organisation=None).first()
    if catalogue is None:
        catalogue = _publish_child(disclosure, CatalogueIndexPage(title="政府信息公开目录", slug="xxgkml"))
    return disclosure, catalogue


def ensure_sub_catalogue(catalogue, organisation, slug):
    existing = CatalogueIndexPage.objects.descendant_of(catalogue).filter(organisation=organisation).first()
    if existing is not None:
        return existing
    return _publish_child(catalogue, CatalogueIndexPage(title=organisation.name, slug=slug, organisation=organisation))


def _approve(page, username, users, **extra):
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_task_state
    data = {"comment": extra.pop("comment", "同意。")}
    if task_state.task.specific.requires_checklist:
        data.update(dict.fromkeys((name for name, _label in CHECKLIST), True))
    task_state.task.specific.on_action(task_state, users[username], "approve", **data)


def _reject(page, username, users, comment):
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, users[username], "reject", comment=comment)


def create_draft(catalogue, organisation, users, key, slug, title, summary, paragraphs, state):
    existing = PolicyDocumentPage.objects.child_of(catalogue).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    editor = users[f"editor_{key}"]
    page = PolicyDocumentPage(
        title=title,
        slug=slug,
        organisation=organisation,
        formed_on=date(2026, 11, 10),
        published_at=timezone.now(),
        summary=summary,
        body=[("paragraph", f"<p>{line}</p>") for line in paragraphs],
        live=False,
        owner=editor,
    )
    catalogue.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    page.get_workflow().start(page, editor)
    if state == "first":
        return page, True
    _approve(page, f"reviewer1_{key}", users, comment="已逐项完成保密审查，同意报复审。")
    if state == "second":
        return page, True
    if state == "rejected":
        _reject(page, "reviewer2", users, "收费依据请注明批准文件文号，并核对收费标准是否为最新标准。")
        return page, True
    _approve(page, "reviewer2", users, comment="内容准确，同意报终审。")
    _approve(page, "reviewer3", users, comment="同意发布。")
    return page, True


def load(context, stdout):
    home = context.get("home") or Page.objects.filter(depth=2).specific().first()
    workflow = ensure_review_workflow()
    disclosure, catalogue = ensure_disclosure_tree(home)

    users = {}
    departments = {}
    for short_name, name, serial, slug, key in DEPARTMENTS:
        organisation = _organisation(short_name, name, serial)
        sub_catalogue = ensure_sub_catalogue(catalogue, organisation, slug)
        grant_department_subtree(organisation, sub_catalogue)
        departments[key] = (organisation, sub_catalogue)
        for username, role, first_name, groups in USERS:
            users[username.format(key=key)] = ensure_demo_user(
                username.format(key=key),
                role=f"{role}（{short_name}）",
                first_name=f"{short_name}{first_name}",
                groups=[group.format(dept=short_name) for group in groups],
            )
    for username, role, first_name, groups in SHARED_USERS:
        users[username] = ensure_demo_user(username, role=role, first_name=first_name, groups=groups)

    for page in section_pages():
        assign_review_workflow(page, workflow)

    created = 0
    # The demo's review steps would otherwise e-mail every demo account through the console backend.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for key, slug, title, summary, paragraphs, state in DRAFTS:
            organisation, sub_catalogue = departments[key]
            _page, was_created = create_draft(
                sub_catalogue, organisation, users, key, slug, title, summary, paragraphs, state
            )
            created += was_created
    context["review_departments"] = departments
    stdout.write(f"三级审核：工作流已分配到 {len(section_pages())} 个栏目，新建示例稿件 {created} 篇。")
