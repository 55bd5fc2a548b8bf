"""Demo content of the disclosure section: organisations, catalogue, interpretations, guide, annual reports.

Idempotent: everything is looked up by unique keys (organisation name, page slug) before it is created.
"""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

from core.calendar import add_working_days
from core.identifiers import unified_social_credit_code
from disclosure import annual_tables
from disclosure.demo_content import DOCUMENTS, INTERPRETATIONS, ORGANISATIONS
from disclosure.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    CatalogueIndexPage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    DocumentAttachment,
    DocumentSuccessor,
    Genre,
    InterpretationIndexPage,
    InterpretationPage,
    InterpretedPolicy,
    Organisation,
    PolicyDocumentPage,
    SubjectCategory,
)
from disclosure.models.annual_report import catalogue_counts

RANKS = {"R": "rule", "N": "normative", "O": "other"}
VALIDITY = {"V": "valid", "A": "amended", "R": "repealed", "E": "expired"}
SUCCESSORS = [
    ("dibao-banfa-2019", "dibao-banfa-2023", DocumentSuccessor.Relation.REPEALED_BY),
    ("dibao-biaozhun-2024", "dibao-biaozhun-2025", DocumentSuccessor.Relation.REPLACED_BY),
    ("dibao-shenpi-xize", "dibao-shenpi-xize-xiugai", DocumentSuccessor.Relation.AMENDED_BY),
    ("yusuan-guanli", "yusuan-guanli-xiugai", DocumentSuccessor.Relation.AMENDED_BY),
    ("caizheng-zijin-zhida", "caizheng-zijin-zhida-2024", DocumentSuccessor.Relation.REPEALED_BY),
    ("xiaoyuan-anquan", "xiaoyuan-anquan-xiugai", DocumentSuccessor.Relation.AMENDED_BY),
    ("yangchen-guanli", "yangchen-guanli-xiugai", DocumentSuccessor.Relation.AMENDED_BY),
    ("gongzu-fang", "baozhang-zulin", DocumentSuccessor.Relation.REPEALED_BY),
    ("zhengwu-gongkai-yaodian-2025", "zhengwu-gongkai-yaodian", DocumentSuccessor.Relation.REPLACED_BY),
]
DEPARTMENT_COLUMNS = {"cz": "caizheng", "jy": "jiaoyu"}

CLOSING = {
    "办法": "本办法自公布之日起30日后施行，有效期五年。执行中的具体问题由发布机关负责解释。",
    "规定": "本规定自公布之日起30日后施行。各区县可以结合实际制定具体措施，并报发布机关备案。",
    "细则": "本细则由发布机关负责解释，自公布之日起施行。",
    "通知": "请各区县人民政府、市直有关部门认真贯彻执行，执行中遇到的问题及时向发布机关反映。",
    "意见": "各地各部门要结合实际抓好落实，工作进展情况每半年报送一次。",
    "决定": "本决定自公布之日起施行。原文件根据本决定作相应修改，重新公布。",
    "通告": "特此通告。",
    "公告": "特此公告。",
    "公报": "注：本公报中部分数据为初步统计数，最终核实数以统计年鉴为准。",
    "批复": "此复。",
    "命令": "本命令自发布之日起施行。",
    "纪要": "会议要求各有关单位按照职责分工抓好落实，市政府督查室跟踪督办。",
    "通报": "希望受到通报的单位认真整改，整改情况于一个月内报市政务公开办。",
}


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


def ensure_organisations():
    organisations = {}
    government = None
    for key, (name, short, serial, office, phone) in ORGANISATIONS.items():
        org, _created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "unit_code": unified_social_credit_code("11000000MB", serial),
                "parent": government,
                "office_name": office,
                "office_address": "示例市人民大道1号",
                "office_hours": "工作日上午8:30—12:00，下午14:30—17:30",
                "office_phone": phone,
                "office_fax": phone[:-2] + "99",
                "office_postcode": "100000",
                "office_email": "gongkai@example.gov.cn",
                "sort_order": serial * 10,
            },
        )
        if key == "gov":
            government = org
        organisations[key] = org
    return organisations


def _body(genre, summary):
    return [
        ("paragraph", f"<p>{summary}</p>"),
        ("paragraph", f"<p>{CLOSING.get(genre, '')}</p>"),
    ]


def ensure_documents(catalogue, department_catalogues, organisations):
    subjects = {}
    for category in SubjectCategory.objects.order_by("-parent_id"):
        subjects.setdefault(category.name, category)
    genres = {genre.name: genre for genre in Genre.objects.all()}
    successor_of = {older: newer for older, newer, _relation in SUCCESSORS}
    formed = {row[0]: date.fromisoformat(row[7]) for row in DOCUMENTS}
    documents = {}
    for key, org_key, title, number, genre, rank, subject, formed_on, delay, validity, summary in DOCUMENTS:
        parent = department_catalogues.get(org_key, catalogue)
        formed_day = date.fromisoformat(formed_on)
        published = _aware(add_working_days(formed_day, delay))
        invalid_from = None
        if validity in ("R", "E"):
            newer = successor_of.get(key)
            invalid_from = formed[newer] + timedelta(days=30) if newer else formed_day.replace(year=formed_day.year + 5)
        page, _created = _child(
            parent,
            PolicyDocumentPage,
            key,
            title=title,
            document_number=number,
            organisation=organisations[org_key],
            formed_on=formed_day,
            effective_on=formed_day + timedelta(days=30) if genre in ("办法", "规定") else published.date(),
            published_at=published,
            first_published_at=published,
            subject=subjects[subject],
            genre=genres[genre],
            rank=RANKS[rank],
            validity=VALIDITY[validity],
            invalid_from=invalid_from,
            keywords=",".join(dict.fromkeys([subject, genre])),
            summary=summary,
            body=_body(genre, summary),
        )
        documents[key] = page
    for older, newer, relation in SUCCESSORS:
        DocumentSuccessor.objects.get_or_create(
            page=documents[older], successor=documents[newer], defaults={"relation": relation}
        )
    _ensure_attachment(documents["dibao-biaozhun-2025"])
    return documents


def _ensure_attachment(page):
    if page.attachments.exists():
        return
    Document = get_document_model()
    content = "地区,城市低保标准（元/人·月）,农村低保标准（元/人·月）\n示例市,890,720\n".encode("utf-8-sig")
    document = Document(title="2025年城乡最低生活保障标准一览表")
    document.file.save("dibao-biaozhun-2025.csv", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    DocumentAttachment.objects.create(page=page, document=document, title="2025年城乡最低生活保障标准一览表")


def ensure_interpretations(interpretation_index, department_columns, organisations, documents):
    for key, column, title, form, org_key, person, policy_keys, delay, paragraphs in INTERPRETATIONS:
        parent = department_columns.get(column, interpretation_index)
        policy_day = timezone.localtime(documents[policy_keys[0]].published_at).date()
        published = _aware(add_working_days(policy_day, delay), hour=15)
        existing = InterpretationPage.objects.child_of(parent).filter(slug=key).first()
        if existing is not None:
            continue
        page = InterpretationPage(
            slug=key,
            title=title,
            form=form,
            organisation=organisations[org_key],
            interpreter=person,
            published_at=published,
            first_published_at=published,
            summary=paragraphs[0][:300],
            body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
        )
        for policy_key in policy_keys:
            page.interpreted_policies.add(InterpretedPolicy(policy=documents[policy_key]))
        parent.add_child(instance=page)
        page.save_revision().publish()


GUIDE = {
    "classification": "<p>本机关主动公开的政府信息按主题分类、机构分类和体裁分类编排，每条信息注明索引号、名称、内容概述、发布机构、成文日期和文号。</p>",
    "obtaining": "<p>主动公开的政府信息可以通过示例市人民政府门户网站“政府信息公开”栏目检索、查阅和下载，也可以到市档案馆、市图书馆和市政务服务中心设立的政府信息公开查阅点查阅。</p>",
    "proactive_channels": "<p>属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开；法律、法规对公开期限另有规定的，从其规定。政策文件的解读材料与文件同步发布，最迟不超过3个工作日。</p>",
    "application": "<p>公民、法人或者其他组织可以通过网上申请、信函或者当面提交的方式，向本机关申请获取政府信息。申请应当包括申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式和途径。</p><p>申请内容不明确的，本机关在收到申请之日起7个工作日内一次性告知补正。能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。</p>",
    "fees": "<p>本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照国家规定收取信息处理费。</p>",
    "supervision": "<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者市政务公开办投诉、举报，也可以依法申请行政复议（60日内）或者提起行政诉讼（6个月内）。</p>",
}

# Applications received per applicant column (natural person, commercial, research, charity, legal, other).
T3_INPUT = {
    2024: {
        "new": [86, 9, 1, 0, 3, 2],
        "carried": [2, 1, 0, 0, 0, 0],
        "results": {
            "disclosed": [41, 5, 1, 0, 2, 1],
            "partial": [8, 1, 0, 0, 0, 0],
            "withheld4": [2, 1, 0, 0, 0, 0],
            "withheld5": [1, 0, 0, 0, 0, 0],
            "withheld6": [2, 0, 0, 0, 0, 0],
            "unable1": [17, 2, 0, 0, 1, 1],
            "unable2": [1, 0, 0, 0, 0, 0],
            "unable3": [1, 0, 0, 0, 0, 0],
            "refused1": [4, 0, 0, 0, 0, 0],
            "refused2": [3, 0, 0, 0, 0, 0],
            "refused5": [1, 0, 0, 0, 0, 0],
            "other1": [2, 0, 0, 0, 0, 0],
            "other3": [1, 0, 0, 0, 0, 0],
        },
        "t4": [[3, 1, 0, 1], [2, 0, 1, 0], [1, 0, 0, 0]],
        "decisions": {"licensing": 1835, "penalty": 412, "enforcement": 27},
        "fees": "0",
    },
    2025: {
        "new": [104, 11, 0, 1, 4, 3],
        "results": {
            "disclosed": [52, 6, 0, 1, 2, 2],
            "partial": [9, 2, 0, 0, 1, 0],
            "withheld1": [1, 0, 0, 0, 0, 0],
            "withheld4": [3, 1, 0, 0, 0, 0],
            "withheld6": [2, 0, 0, 0, 0, 0],
            "withheld7": [1, 0, 0, 0, 0, 0],
            "unable1": [19, 1, 0, 0, 1, 1],
            "unable2": [2, 0, 0, 0, 0, 0],
            "refused1": [5, 0, 0, 0, 0, 0],
            "refused2": [2, 0, 0, 0, 0, 0],
            "refused3": [1, 0, 0, 0, 0, 0],
            "other1": [3, 0, 0, 0, 0, 0],
            "other2": [1, 0, 0, 0, 0, 0],
        },
        "t4": [[4, 1, 1, 0], [2, 1, 0, 1], [1, 0, 0, 0]],
        "decisions": {"licensing": 2012, "penalty": 388, "enforcement": 19},
        "fees": "0",
    },
}


def report_tables(year, organisation, previous=None):
    data = T3_INPUT[year]
    values = annual_tables.empty_tables()
    carried = data.get("carried") or [previous.get(f"t3_carry_forward_{c}", 0) for c in range(6)]
    totals = [0] * 6
    for row in annual_tables.T3_RESULT_ROWS:
        numbers = data["results"].get(row, [0] * 6)
        for col, n in enumerate(numbers):
            values[f"t3_{row}_{col}"] = n
            totals[col] += n
        values[f"t3_{row}_6"] = sum(numbers)
    for col in range(6):
        values[f"t3_new_{col}"] = data["new"][col]
        values[f"t3_carried_{col}"] = carried[col]
        values[f"t3_total_{col}"] = totals[col]
        values[f"t3_carry_forward_{col}"] = data["new"][col] + carried[col] - totals[col]
    for row in ("new", "carried", "total", "carry_forward"):
        values[f"t3_{row}_6"] = sum(values[f"t3_{row}_{c}"] for c in range(6))
    for group, numbers in enumerate(data["t4"]):
        for col, n in enumerate(numbers):
            values[f"t4_{group}_{col}"] = n
        values[f"t4_{group}_4"] = sum(numbers)
    for key, n in data["decisions"].items():
        values[f"t2_{key}_decisions"] = n
    values[annual_tables.T2_FEE_CELL] = data["fees"]
    values.update(catalogue_counts(organisation, year))
    assert not annual_tables.validate_tables(values), annual_tables.validate_tables(values)  # noqa: S101
    return values


def ensure_annual_reports(disclosure_index, organisation):
    reports_index, _ = _child(disclosure_index, AnnualReportIndexPage, "nianbao", title="政府信息公开年报")
    previous = None
    for year in (2024, 2025):
        tables = report_tables(year, organisation, previous)
        previous = tables
        if AnnualReportPage.objects.filter(organisation=organisation, year=year).exists():
            continue
        received = tables["t3_new_6"]
        _child(
            reports_index,
            AnnualReportPage,
            f"{year}-niandu-baogao",
            title=f"示例市人民政府{year}年政府信息公开工作年度报告",
            organisation=organisation,
            year=year,
            tables=tables,
            overview=(
                f"<p>{year}年，示例市人民政府认真贯彻《中华人民共和国政府信息公开条例》，围绕政策文件公开、政策解读、"
                f"依申请公开和平台建设推进各项工作。全年新收政府信息公开申请{received}件，均在法定期限内答复。</p>"
            ),
            proactive_note="<p>全年通过政府门户网站主动公开政府信息，规章和行政规范性文件全部纳入目录管理，失效和废止文件均作标注并链接到替代文件。</p>",
            applications_note="<p>申请主要涉及征地拆迁补偿、社会救助和财政资金使用等事项。</p>",
            appeals_note="<p>因政府信息公开引起的行政复议和行政诉讼案件数量与上年基本持平，被纠错案件已逐件整改。</p>",
            problems=(
                "<p>一是部分部门政策解读形式较单一，图解和视频解读比例不高；二是个别答复书引用法律条款不够准确。"
                "下一步将开展解读质量评查，并对答复书实行政务公开办统一审核。</p>"
            ),
            other_matters=f"<p>{year}年本机关未收取信息处理费。</p>",
        )


def load(context, stdout):
    home = context["home"]
    organisations = ensure_organisations()
    government = organisations["gov"]

    disclosure_index, _ = _child(
        home,
        DisclosureIndexPage,
        "xxgk",
        title="政府信息公开",
        show_in_menus=True,
        intro="<p>本栏目依照《中华人民共和国政府信息公开条例》公开示例市人民政府及其部门的政府信息。</p>",
    )
    _child(disclosure_index, DisclosureGuidePage, "zhinan", title="政府信息公开指南", organisation=government, **GUIDE)
    catalogue, _ = _child(
        disclosure_index,
        CatalogueIndexPage,
        "mulu",
        title="政府信息公开目录",
        intro="<p>可按主题分类、发布机构、公文种类、效力等级、有效性、年份和文号筛选。</p>",
    )
    department_catalogues = {}
    for key, slug in DEPARTMENT_COLUMNS.items():
        org = organisations[key]
        department_catalogues[key], _ = _child(
            catalogue, CatalogueIndexPage, slug, title=f"{org.short_name}信息公开目录", organisation=org
        )
    interpretation_index, _ = _child(
        home,
        InterpretationIndexPage,
        "zcjd",
        title="政策解读",
        show_in_menus=True,
        intro="<p>政策文件与解读材料同步发布，解读页面链接到所解读的文件。</p>",
    )
    department_columns = {}
    for key, slug in DEPARTMENT_COLUMNS.items():
        org = organisations[key]
        department_columns[key], _ = _child(
            interpretation_index, InterpretationIndexPage, slug, title=f"{org.short_name}政策解读"
        )

    documents = ensure_documents(catalogue, department_catalogues, organisations)
    ensure_interpretations(interpretation_index, department_columns, organisations, documents)
    ensure_annual_reports(disclosure_index, government)

    context["organisations"] = {org.name: org for org in organisations.values()}
    context["catalogue"] = catalogue
    context["department_catalogues"] = {organisations[k].name: page for k, page in department_catalogues.items()}
    context["interpretation_index"] = interpretation_index
    context["disclosure_index"] = disclosure_index
    stdout.write(
        f"政府信息公开：{PolicyDocumentPage.objects.count()} 件文件，{InterpretationPage.objects.count()} 篇解读，"
        f"{AnnualReportPage.objects.count()} 份年度报告。"
    )
