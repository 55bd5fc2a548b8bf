"""Demo applications to 示例市财政局 in every state and outcome, and its 2025 annual report computed from them."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page

from applications import handling
from applications.models import Appeal, ApplicantType, Application, Channel, IdType, OrganisationKind
from applications.statistics import annual_report_cells
from core.calendar import add_working_days, calendar_overrides
from core.identifiers import sample_id_card_number, unified_social_credit_code
from disclosure.models import AnnualReportIndexPage, AnnualReportPage
from disclosure.models.annual_report import catalogue_counts
from home.demo_accounts import ensure_demo_user

ORGANISATION = "示例市财政局"
USERS = [
    ("ysq_office", "依申请公开登记员", "政务公开办登记员", ["依申请公开登记员"]),
    ("ysq_handler_finance", "依申请公开承办人", "财政局承办人", ["依申请公开承办人"]),
    ("ysq_head", "依申请公开审批人", "政务公开办负责人", ["依申请公开审批人"]),
]

PEOPLE = ["周文静", "吴国强", "郑海燕", "冯志远", "陈雨桐", "褚建华", "卫思远", "蒋丽君"]
COMPANIES = [
    ("示例市恒远建材有限公司", OrganisationKind.COMMERCIAL),
    ("示例市明德律师事务所", OrganisationKind.LEGAL_SERVICE),
    ("示例市城市发展研究院", OrganisationKind.RESEARCH),
    ("示例市青禾公益服务中心", OrganisationKind.PUBLIC_INTEREST),
]


def _applicant(n, company=None):
    if company is None:
        return {
            "applicant_type": ApplicantType.PERSON,
            "name": PEOPLE[n % len(PEOPLE)],
            "id_type": IdType.RESIDENT_ID,
            "id_number": sample_id_card_number(100 + n),
            "phone": f"1390710{n:04d}",
            "email": f"shenqingren{n}@example.com",
            "address": f"示例市建设路{n + 10}号",
        }
    name, kind = company
    return {
        "applicant_type": ApplicantType.ORGANISATION,
        "organisation_kind": kind,
        "name": name,
        "credit_code": unified_social_credit_code("91420100MA4K", 500 + n),
        "legal_representative": "王主任",
        "contact_person": "李经办",
        "phone": f"0710-888{n:04d}",
        "email": f"office{n}@example.com",
        "address": "示例市高新区创业大道8号",
    }


def _new(organisation, n, received_on, title, description, company=None, channel=Channel.ONLINE):
    application = Application(
        organisation=organisation,
        channel=channel,
        received_on=received_on,
        info_title=title,
        info_description=description,
        carrier="electronic",
        delivery="email",
        **_applicant(n, company),
    )
    return handling.register(application)


def _answer(application, users, outcome, on, **answer):
    office, handler, head = users
    if application.state == "registered":
        handling.assign(application, office, application.organisation, handler)
    handling.submit_draft(application, handler, outcome=outcome, **answer)
    if on is not None:
        handling.approve_reply(application, head, on=on)
    return application


def load_last_year(organisation, users):
    """2025: answered applications of every kind (Table 3 of the 2025 report) and one carried into 2026."""
    office, _handler, head = users
    a = _new(
        organisation, 1, date(2025, 3, 10), "2024年市级部门预算公开目录", "希望获取2024年各部门预算公开的目录和网址。"
    )
    _answer(a, users, "disclosed", date(2025, 3, 27), reply_text="你申请的信息已主动公开。",
            provided_how="示例市财政局门户网站“财政预决算”栏目")  # fmt: skip
    handling.archive(a, office, on=date(2025, 4, 2))
    b = _new(organisation, 2, date(2025, 4, 7), "2024年政府采购项目中标合同", "恒远建材参与投标的三个项目的合同文本。",
             company=COMPANIES[0])  # fmt: skip
    _answer(b, users, "partial", date(2025, 4, 30), reply_text="现提供合同文本。",
            legal_basis="《中华人民共和国政府信息公开条例》第十五条", withheld_part="合同中供应商的银行账号和报价明细",
            withheld_reason="涉及第三方商业秘密，第三方不同意公开", provided_how="随本答复书以电子邮件发送")  # fmt: skip
    c = _new(
        organisation, 3, date(2025, 5, 12), "市财政局党组会议研究专项资金分配的会议记录", "2025年第3次党组会议记录。"
    )
    _answer(c, users, "withheld6", date(2025, 6, 3), reply_text="你申请的会议记录属于内部讨论记录。",
            legal_basis="《中华人民共和国政府信息公开条例》第十六条第二款")  # fmt: skip
    Appeal.objects.create(application=c, kind="review", filed_on=date(2025, 7, 1), result="upheld",
                          decided_on=date(2025, 8, 29))  # fmt: skip
    d = _new(organisation, 4, date(2025, 6, 16), "某街道2019年拆迁补偿资金拨付凭证", "拨付给某街道的补偿资金凭证。",
             company=COMPANIES[1], channel=Channel.LETTER)  # fmt: skip
    _answer(d, users, "unable1", date(2025, 7, 8), reply_text="经检索，本机关未制作或获取该信息。",
            legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（四）项")  # fmt: skip
    Appeal.objects.create(application=d, kind="lawsuit", filed_on=date(2025, 9, 15))
    e = _new(organisation, 5, date(2025, 8, 4), "2024年市级部门预算公开目录", "与此前申请相同。")
    _answer(e, users, "refused2", date(2025, 8, 20), reply_text="本机关已就相同内容作出答复，不再重复处理。",
            legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（六）项")  # fmt: skip
    f = _new(organisation, 6, date(2025, 9, 1), "有关资金的文件", "需要相关资金的文件。", company=COMPANIES[2])
    handling.request_correction(f, office, "请写明所需资金文件的名称、年份或文号。", on=date(2025, 9, 3))
    _answer(f, users, "other1", date(2025, 10, 9), reply_text="你（单位）未在补正期限内补正，本机关不再处理该申请。")
    g = _new(organisation, 7, date(2025, 12, 22), "2025年城乡居民医疗保险财政补助资金分配表", "分配到各区县的金额。")
    _answer(g, users, "disclosed", date(2026, 1, 16), reply_text="现将分配表提供给你。",
            provided_how="随本答复书以电子邮件发送")  # fmt: skip
    del head


def load_this_year(organisation, users, today):
    """Open applications relative to today: late, on extension, waiting for 补正, with a third party, to approve, new."""
    office, handler, head = users
    overrides = calendar_overrides()

    def back(n):
        return add_working_days(today, -n, overrides)

    late = _new(organisation, 8, back(24), "2026年惠企资金兑付明细", "各批次惠企资金的兑付企业和金额。",
                company=COMPANIES[3])  # fmt: skip
    handling.assign(late, office, organisation, handler)
    extended = _new(organisation, 9, back(22), "2021年至2025年市本级国有资本经营预算执行情况", "五个年度的执行情况表。")
    handling.assign(extended, office, organisation, handler)
    handling.request_extension(extended, handler, 20, "所需信息跨越五个年度，需要调取档案并逐件审查")
    handling.approve_extension(extended, head, on=back(3))
    waiting = _new(organisation, 10, back(5), "关于那笔补贴的文件", "想要补贴的文件。")
    handling.request_correction(waiting, office, "请写明补贴的名称、发放年份或文件文号。", on=back(3))
    third = _new(organisation, 11, back(10), "示例市第二人民医院新院区建设项目招标文件", "招标文件和评标结果。",
                 company=COMPANIES[0], channel=Channel.EMAIL)  # fmt: skip
    handling.assign(third, office, organisation, handler)
    handling.consult_third_party(third, handler, "示例市第二人民医院", on=back(4))
    drafted = _new(organisation, 12, back(15), "2026年市级财政专项资金清单", "专项资金的名称、金额和主管部门。")
    _answer(drafted, users, "disclosed", None, reply_text="现将清单提供给你。", provided_how="随本答复书以电子邮件发送")
    _new(organisation, 13, today, "2026年政府债券资金使用情况", "新增专项债券资金投向的项目清单。")


def ensure_report(context, organisation):
    reports_index = AnnualReportIndexPage.objects.child_of(context["disclosure_index"]).first()
    if reports_index is None or AnnualReportPage.objects.filter(organisation=organisation, year=2025).exists():
        return
    tables = {**annual_report_cells(organisation, 2025), **catalogue_counts(organisation, 2025)}
    report = AnnualReportPage(
        title="示例市财政局2025年政府信息公开工作年度报告",
        slug="caizhengju-2025-niandu-baogao",
        organisation=organisation,
        year=2025,
        tables={**AnnualReportPage._meta.get_field("tables").get_default(), **tables, "records_override": False},
        overview="<p>2025年，示例市财政局依法办理政府信息公开申请，表三、表四数字由依申请公开登记簿自动统计。</p>",
        applications_note=f"<p>全年新收政府信息公开申请{tables['t3_new_6']}件，结转下年度{tables['t3_carry_forward_6']}件。</p>",
        problems="<p>个别申请内容不明确，补正告知后申请人未补正。下一步将在申请页面提供填写示例。</p>",
        other_matters="<p>本机关未收取信息处理费。</p>",
    )
    Page.objects.get(pk=reports_index.pk).add_child(instance=report)
    report.save_revision().publish()


def load(context, stdout):
    organisation = context["organisations"][ORGANISATION]
    users = [
        ensure_demo_user(username, role=role, first_name=first_name, groups=groups)
        for username, role, first_name, groups in USERS
    ]
    if not Application.objects.filter(organisation=organisation).exists():
        load_last_year(organisation, users)
        load_this_year(organisation, users, timezone.localdate())
    ensure_report(context, organisation)
    stdout.write(
        f"依申请公开：{Application.objects.count()} 件申请，{Appeal.objects.count()} 件复议诉讼；"
        f"在线申请 {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/ysqgk/"
    )
