"""Planted findings for the demo site, so 网站检查 and ``inspect_site`` have something to show."""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from wagtail.models import Page

from disclosure.models import PolicyDocumentPage
from home.models import NewsIndexPage, NewsPage

from .run import inspect_site
from .words import load_starter_list


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load(context, stdout):
    load_starter_list()
    home, news_index = context["home"], context["news_index"]
    now = timezone.now()

    # A news item with a mistyped institution name (严重错误) and a wrong-form name (一般错误).
    _child(
        news_index,
        NewsPage,
        "zhengwu-gongkai-peixun",
        title="我市举办政务公开业务培训班",
        published_at=now - timedelta(days=2),
        source="示例市人民政府办公室",
        summary="培训围绕国务院办公室印发的政务公开工作要点展开。",
        body=[
            (
                "paragraph",
                "<p>11月28日，我市举办政务公开业务培训班。培训围绕国务院办公室印发的政务公开工作要点，"
                "邀请市人力资源与社会保障局有关负责同志讲解政策解读工作。</p>",
            )
        ],
    )

    # A link to a page that was deleted afterwards (内部链接失效).
    target = NewsPage.objects.child_of(news_index).filter(slug="jiu-tongzhi-yichu").first()
    linking = NewsPage.objects.child_of(news_index).filter(slug="zhengwu-gongkai-zhinan-gengxin").first()
    if linking is None:
        target, _created = _child(news_index, NewsPage, "jiu-tongzhi-yichu", title="旧版政务公开指南（已撤下）")
        _child(
            news_index,
            NewsPage,
            "zhengwu-gongkai-zhinan-gengxin",
            title="我市更新政府信息公开指南",
            published_at=now - timedelta(days=3),
            summary="新版指南已发布。",
            body=[
                (
                    "paragraph",
                    f'<p>新版指南已发布，旧版内容见<a linktype="page" id="{target.pk}">旧版政务公开指南</a>。</p>',
                )
            ],
        )
        Page.objects.get(pk=target.pk).delete()

    # A column nobody has updated for six weeks (栏目不更新).
    column, _created = _child(home, NewsIndexPage, "zhuanti-huodong", title="专题活动", kind=NewsIndexPage.Kind.NEWS)
    item, created = _child(
        column,
        NewsPage,
        "qiuji-yundonghui",
        title="我市举办秋季全民健身运动会",
        published_at=now - timedelta(days=42),
        summary="秋季全民健身运动会开幕。",
        body=[("paragraph", "<p>秋季全民健身运动会在市体育中心开幕。</p>")],
    )
    if created:
        Page.objects.filter(pk=item.pk).update(first_published_at=now - timedelta(days=42))

    # A repealed document with neither a successor nor a date (有效性矛盾).
    catalogue = next(iter(context["department_catalogues"].values()))
    organisation = catalogue.specific.organisation or next(iter(context["organisations"].values()))
    _child(
        catalogue,
        PolicyDocumentPage,
        "jiu-zijin-guanli-banfa",
        title="示例市专项资金管理暂行办法",
        document_number="示财发〔2015〕8号",
        organisation=organisation,
        formed_on=date(2015, 3, 2),
        published_at=datetime(2015, 3, 10, 1, 0, tzinfo=UTC),
        validity="repealed",
        summary="规范专项资金的申报、使用和监督。",
        body=[("paragraph", "<p>为规范专项资金管理，制定本办法。</p>")],
    )

    found = inspect_site()
    stdout.write(f"网站检查：{len(found)} 个问题（含预置的错敏词、失效链接、栏目不更新和有效性问题）。")
