"""The site every query-count test reads: many items of every kind the public pages list.

Eight organisations; 96 documents in the catalogue and three department sub-catalogues
(attachments, successors, interpretations and a consultation on the one the tests open);
30 interpretations, two of them in department columns; 12 annual reports; 30 notices and
30 news items; 24 consultations, one reported with 40 comments on 12 articles; a generic
column of 12 pages; a logo in the footer.
"""

import datetime
import importlib

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page, Site

import wagtail_factories

from consultations.factories import (
    CommentFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    draft_articles,
)
from consultations.models import ConsultationAttachment, Decision
from disclosure.factories import (
    AnnualReportIndexPageFactory,
    AnnualReportPageFactory,
    CatalogueIndexPageFactory,
    DisclosureGuidePageFactory,
    DisclosureIndexPageFactory,
    InterpretationIndexPageFactory,
    InterpretationPageFactory,
    OrganisationFactory,
    PolicyDocumentPageFactory,
)
from disclosure.models import DocumentAttachment, DocumentSuccessor, Genre, SubjectCategory
from home.factories import ColumnIndexPageFactory, ContentPageFactory, NewsIndexPageFactory, NewsPageFactory
from home.models import HomePage, NewsIndexPage, SiteIdentity

MAX_QUERIES = 15
DOCUMENTS = 96
DEPARTMENT_DOCUMENTS = 16
INTERPRETATIONS = 30
NEWS_ITEMS = 30
CONSULTATIONS = 24
COMMENTS = 40

reference_migration = importlib.import_module("disclosure.migrations.0003_reference_data")


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def _attach(page, model, title):
    document = get_document_model()(title=title)
    document.file.save(f"{page.slug}.txt", ContentFile(f"{title}：附件正文。".encode()), save=False)
    # What the admin's upload form does: the size and hash are known before the first view.
    document._set_document_file_metadata()
    document.save()
    return model.objects.create(page=page, document=document, title="")


def build_site():
    """Build the site; returns the pages and objects the tests address."""
    reference_migration.load(apps, None)
    genres = list(Genre.objects.order_by("pk"))
    subjects = list(SubjectCategory.objects.filter(parent__isnull=False).order_by("pk"))

    root = Page.get_first_root_node()
    home = HomePage(title="示例市人民政府", slug="query-count-home", intro="<p>示例市人民政府门户网站。</p>")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    site = Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.site_name = "示例市人民政府"
    identity.sponsor = "示例市人民政府办公室"
    identity.site_id_code = "4200000042"
    identity.party_gov_logo = wagtail_factories.ImageFactory(title="党政机关网站标识")
    identity.save()

    organisations = [
        OrganisationFactory(name=f"示例市查询测试第{n}局", short_name=f"测试{n}局", office_name="政务公开办公室")
        for n in range(1, 9)
    ]

    disclosure = DisclosureIndexPageFactory(parent=home, title="政府信息公开", slug="xxgk", show_in_menus=True)
    guide = DisclosureGuidePageFactory(parent=disclosure, slug="zhinan", organisation=organisations[0])
    catalogue = CatalogueIndexPageFactory(parent=disclosure, title="政府信息公开目录", slug="mulu")
    departments = [
        CatalogueIndexPageFactory(
            parent=catalogue, title=f"{org.short_name}信息公开目录", slug=f"bumen-{n}", organisation=org
        )
        for n, org in enumerate(organisations[1:4], start=1)
    ]
    statutory = ColumnIndexPageFactory(
        parent=disclosure, title="法定主动公开内容", slug="fdzdgknr", body=_paragraph("法定主动公开内容的栏目。")
    )
    for n in range(1, 13):
        ContentPageFactory(parent=statutory, title=f"机构职能第{n}项", slug=f"jgzn-{n}", body=_paragraph("职能说明。"))

    documents = []
    start = datetime.datetime(2025, 1, 6, 9, tzinfo=datetime.UTC)
    for n in range(DOCUMENTS):
        in_department = n < DEPARTMENT_DOCUMENTS * len(departments)
        parent = departments[n % len(departments)] if in_department else catalogue
        organisation = parent.organisation if in_department else organisations[n % len(organisations)]
        published = start + datetime.timedelta(days=n)
        documents.append(
            PolicyDocumentPageFactory(
                parent=parent,
                title=f"示例市关于做好第{n + 1}项重点工作的通知",
                slug=f"wenjian-{n + 1}",
                organisation=organisation,
                subject=subjects[n % 6],
                genre=genres[n % 4],
                document_number=f"示政发〔2025〕{n + 1}号",
                index_number=f"{organisation.unit_code}/2025-{n + 1:05d}",
                formed_on=published.date() - datetime.timedelta(days=2),
                published_at=published,
                first_published_at=published,
                last_published_at=published,
                keywords="通知,重点工作",
                validity="repealed" if n % 10 == 0 else "valid",
                body=_paragraph(f"现将第{n + 1}项重点工作有关事项通知如下，请认真贯彻执行。"),
            )
        )
    # The document the tests open: two attachments, a successor, a predecessor, interpretations, a consultation.
    featured = documents[-1]
    for title in ("附件1：实施细则", "附件2：申请表"):
        _attach(featured, DocumentAttachment, title)
    DocumentSuccessor.objects.create(page=documents[-2], successor=featured)
    DocumentSuccessor.objects.create(page=featured, successor=documents[-3], relation="amended_by")
    featured.validity = "amended"
    featured.save(update_fields=["validity"])

    interpretation_index = InterpretationIndexPageFactory(
        parent=home, title="政策解读", slug="zcjd", show_in_menus=True
    )
    interpretation_columns = [
        InterpretationIndexPageFactory(parent=interpretation_index, title=f"{org.short_name}政策解读", slug=f"bmjd-{n}")
        for n, org in enumerate(organisations[1:3], start=1)
    ]
    interpretations = []
    for n in range(INTERPRETATIONS):
        parent = interpretation_columns[n % 2] if n % 3 == 0 else interpretation_index
        policies = [documents[-1 - n], documents[-2 - n]] if n % 2 else [documents[-1 - n]]
        interpretations.append(
            InterpretationPageFactory(
                parent=parent,
                title=f"一图读懂第{n + 1}项工作的通知",
                slug=f"jiedu-{n + 1}",
                organisation=organisations[n % len(organisations)],
                published_at=start + datetime.timedelta(days=n, hours=6),
                policies=policies,
                body=_paragraph("解读正文。"),
            )
        )

    reports = AnnualReportIndexPageFactory(parent=disclosure, title="政府信息公开年报", slug="nianbao")
    annual_reports = [
        AnnualReportPageFactory(
            parent=reports,
            title=f"{org.short_name}{year}年政府信息公开工作年度报告",
            slug=f"nianbao-{org.pk}-{year}",
            organisation=org,
            year=year,
        )
        for org in organisations[:4]
        for year in (2023, 2024, 2025)
    ]

    news_columns = {}
    for kind, title, slug in (
        (NewsIndexPage.Kind.NOTICE, "通知公告", "tzgg"),
        (NewsIndexPage.Kind.NEWS, "工作动态", "gzdt"),
    ):
        column = NewsIndexPageFactory(parent=home, title=title, slug=slug, kind=kind, show_in_menus=True)
        for n in range(NEWS_ITEMS):
            NewsPageFactory(
                parent=column,
                title=f"{title}：关于第{n + 1}次会议的通知",
                slug=f"{slug}-{n + 1}",
                published_at=start + datetime.timedelta(days=n, hours=3),
                body=_paragraph("会议通知正文。"),
            )
        news_columns[kind] = column

    now = timezone.now()
    consultation_index = ConsultationIndexPageFactory(parent=home, title="意见征集", slug="yjzj")
    consultations = []
    for n in range(CONSULTATIONS):
        closed = n % 2 == 0
        consultations.append(
            ConsultationPageFactory(
                parent=consultation_index,
                title=f"示例市第{n + 1}项管理办法（征求意见稿）",
                slug=f"zqyj-{n + 1}",
                organisation=organisations[n % len(organisations)],
                starts_at=now - datetime.timedelta(days=60 + n if closed else 5),
                ends_at=now - datetime.timedelta(days=20 + n) if closed else now + datetime.timedelta(days=30),
                report_published=closed and n % 4 == 0,
                policy_document=documents[-1 - n] if closed else None,
                draft=draft_articles(12),
            )
        )
    reported = consultations[0]
    reported.report_summary = "<p>共收到意见40条，采纳情况如下。</p>"
    reported.save()
    for title in ("征求意见稿全文", "起草说明"):
        _attach(reported, ConsultationAttachment, title)
    decisions = [Decision.ADOPTED, Decision.PARTLY, Decision.NOT_ADOPTED, Decision.NOT_PROCESSED, Decision.PENDING]
    for n in range(COMMENTS):
        decision = decisions[n % len(decisions)]
        article = n % 13
        CommentFactory(
            consultation=reported,
            article_anchor=f"article-{article}" if article else "",
            article_label=f"第{article}条" if article else "",
            decision=decision,
            decision_reason="与上位法规定不一致。" if decision == Decision.NOT_ADOPTED else "",
            reply="感谢您的意见。" if n % 3 == 0 else "",
            is_public=n % 2 == 0,
        )
    open_consultation = consultations[1]

    return {
        "home": home,
        "organisations": organisations,
        "disclosure": disclosure,
        "guide": guide,
        "catalogue": catalogue,
        "departments": departments,
        "statutory": statutory,
        "documents": documents,
        "featured": featured,
        "subjects": subjects,
        "genres": genres,
        "interpretation_index": interpretation_index,
        "interpretation_columns": interpretation_columns,
        "interpretations": interpretations,
        "reports": reports,
        "annual_reports": annual_reports,
        "notices": news_columns[NewsIndexPage.Kind.NOTICE],
        "news": news_columns[NewsIndexPage.Kind.NEWS],
        "consultation_index": consultation_index,
        "reported": reported,
        "open_consultation": open_consultation,
    }
