"""Demo content for the site chrome: home page, news columns, site identity, administrator.

Every sentence here was written by the Gongkai team for a fictional city (示例市).
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page, Site

from .demo_accounts import ensure_demo_user
from .models import HomePage, NewsIndexPage, NewsPage, SiteIdentity

NEWS = [
    (
        "shi-zhengfu-changwuhui-yanjiu-yingshang-huanjing",
        "市政府常务会议研究优化营商环境若干措施",
        2,
        "市政府办公室",
        [
            "11月20日，市政府召开常务会议，研究进一步优化营商环境的若干措施。",
            "会议指出，要把企业反映集中的审批时限长、材料重复提交等问题作为突破口，推动更多事项实现“一网通办”。",
            "会议要求各部门在年底前完成本系统涉企事项清单梳理，并向社会公开办理时限和联系方式。",
        ],
    ),
    (
        "2026-zhengwu-gongkai-peixun",
        "全市政务公开业务培训班举办",
        5,
        "市政务公开办",
        [
            "为提升各部门信息员业务能力，市政务公开办举办2026年度政务公开业务培训班，各部门和各区县共一百二十余人参加。",
            "培训围绕主动公开目录编制、依申请公开答复规范、政策解读发布时限等内容展开，并结合上一年度考评中发现的问题逐条讲解。",
            "参训人员表示，将把培训内容落实到日常工作中，确保公开信息准确、及时、规范。",
        ],
    ),
    (
        "dongji-anquan-shengchan-jiancha",
        "市应急管理局部署冬季安全生产检查",
        7,
        "市应急管理局",
        [
            "进入供暖季，市应急管理局部署开展冬季安全生产大检查，重点检查燃气使用、人员密集场所消防设施和建筑工地临时用电。",
            "检查采取“四不两直”方式，发现的问题将建立台账、限期整改，整改情况向社会公开。",
        ],
    ),
    (
        "laonian-shitang-fugai",
        "城区社区老年食堂覆盖率达到百分之八十五",
        10,
        "市民政局",
        [
            "市民政局介绍，今年以来全市新建社区老年食堂二十三个，城区社区覆盖率达到百分之八十五。",
            "老年食堂为八十周岁以上老人和低保、特困老人提供就餐补贴，补贴标准和申领流程已在市政府网站公布。",
        ],
    ),
    (
        "nongcun-gonglu-tisheng",
        "农村公路提档升级工程完成年度任务",
        14,
        "市交通运输局",
        [
            "今年全市计划实施农村公路提档升级三百公里，截至目前已全部完工并通过交工验收。",
            "项目完成后，全市具备条件的建制村全部通硬化路，客车通达率保持百分之百。",
        ],
    ),
    (
        "zhongxiaoxue-kehou-fuwu",
        "全市中小学课后服务实现全覆盖",
        18,
        "市教育局",
        [
            "本学期起，全市义务教育阶段学校全部开展课后服务，参与学生比例超过九成。",
            "课后服务以作业辅导、体育锻炼和兴趣活动为主，学校不得利用课后服务时间讲授新课。",
            "家长对课后服务有意见建议的，可通过市教育局公开的电话和邮箱反映。",
        ],
    ),
    (
        "hezhangzhi-xunhe",
        "市级河长开展秋季巡河",
        23,
        "市水利局",
        [
            "市级河长分别带队巡查长青河、白沙河等重点河段，检查入河排污口整治和岸线清理情况。",
            "巡河中发现的问题已交办相关区县，整改结果将在河长制专栏公布。",
        ],
    ),
    (
        "yibao-canbao-dengji",
        "2027年度城乡居民医保集中参保登记启动",
        27,
        "市医疗保障局",
        [
            "2027年度城乡居民基本医疗保险集中参保登记工作已经启动，缴费期至2026年12月31日。",
            "居民可通过线上平台、银行网点或所在社区办理参保缴费，困难群众个人缴费部分按规定给予资助。",
        ],
    ),
    (
        "xiaoqi-daikuan-tiexi",
        "小微企业贷款贴息政策惠及企业四百余家",
        34,
        "市财政局",
        [
            "市财政局会同人民银行示例市分行落实小微企业贷款贴息政策，前三季度共为四百一十二家企业拨付贴息资金。",
            "贴息资金直达企业账户，申请条件、审核结果和拨付明细均已在财政信息公开专栏公示。",
        ],
    ),
    (
        "zhengwu-fuwu-zhongxin-yanshi",
        "市政务服务中心推出延时和预约服务",
        41,
        "市政务服务和大数据管理局",
        [
            "自11月起，市政务服务中心在工作日中午和周六上午提供延时服务，并开通电话和网上预约。",
            "预约办理的群众可在约定时段直接到窗口办理，无需排队取号。",
        ],
    ),
]

NOTICES = [
    (
        "2026-niandu-baogao-bianzhi-tongzhi",
        "关于做好2026年度政府信息公开工作年度报告编制工作的通知",
        3,
        "市政务公开办",
        [
            "各区县人民政府，市政府各部门：",
            "根据《中华人民共和国政府信息公开条例》规定，请各部门于2027年1月31日前、各区县人民政府于2027年3月31日前，向社会公布本机关2026年度政府信息公开工作年度报告。",
            "年度报告应当按照国家统一格式编制，数据应与依申请公开登记台账一致。",
        ],
    ),
    (
        "yijian-zhengji-shequ-yanglao-banfa",
        "关于公开征求《示例市社区居家养老服务管理办法（征求意见稿）》意见的公告",
        6,
        "市民政局",
        [
            "为广泛听取社会各界意见，现将《示例市社区居家养老服务管理办法（征求意见稿）》向社会公开征求意见。",
            "公众可通过市政府网站“意见征集”栏目在线提交意见，也可通过信函或电子邮件反馈。",
        ],
    ),
    (
        "wangzhan-tingji-weihu",
        "关于市政府网站系统维护的公告",
        9,
        "市政府办公室",
        [
            "因系统升级维护，市政府网站将于11月29日（星期六）0时至6时暂停部分在线服务，届时信息浏览不受影响。",
            "给您带来的不便，敬请谅解。",
        ],
    ),
    (
        "gongwuyuan-luyong-gongshi",
        "示例市2026年度考试录用公务员拟录用人员公示",
        16,
        "市人力资源和社会保障局",
        [
            "根据公务员录用有关规定，现将2026年度考试录用公务员拟录用人员名单予以公示，公示期为10个工作日。",
            "公示期间如有异议，可通过来信、来电等方式向市公务员主管部门反映，反映问题应当实事求是。",
        ],
    ),
    (
        "yuandan-chunjie-anpai",
        "关于2027年元旦假期值班安排的通知",
        20,
        "市政府办公室",
        [
            "各部门要严格落实假期值班和领导带班制度，确保通讯畅通，遇有突发事件及时报告。",
            "值班表请于12月25日前报市政府总值班室。",
        ],
    ),
]


def _paragraphs(lines):
    return [("paragraph", f"<p>{line}</p>") for line in lines]


def _ensure_child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_home_page():
    """The site's home page, replacing Wagtail's welcome page on a fresh install."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="示例市人民政府",
            slug="gongkai-home",
            intro="<p>示例市人民政府门户网站是市政府发布政府信息、提供政务服务、与公众互动交流的官方平台。</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    site.site_name = "示例市人民政府"
    site.save()
    # Wagtail's own welcome page goes once nothing points at it.
    for welcome in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
        if not welcome.get_children().exists() and not Site.objects.filter(root_page=welcome).exists():
            welcome.delete()
    return home, site


def load(context, stdout):
    home, site = ensure_home_page()
    context["home"] = home
    context["site"] = site

    identity = SiteIdentity.for_site(site)
    identity.site_name = "示例市人民政府"
    identity.sponsor = "示例市人民政府办公室"
    identity.organiser = "示例市政务服务和大数据管理局"
    identity.address = "示例市人民大道1号"
    identity.postcode = "100000"
    identity.phone = "0000-12345678"
    identity.email = "gongkai@example.gov.cn"
    identity.site_id_code = "0000000001"
    identity.icp_number = "示ICP备00000001号"
    identity.police_number = "示公网安备00000000000001号"
    identity.report_error_url = "https://zfwzzc.www.gov.cn/"
    identity.save()

    now = timezone.now()
    news_index = _ensure_child(
        home, NewsIndexPage, "gongzuo-dongtai", title="工作动态", kind=NewsIndexPage.Kind.NEWS, show_in_menus=True
    )
    notice_index = _ensure_child(
        home, NewsIndexPage, "tongzhi-gonggao", title="通知公告", kind=NewsIndexPage.Kind.NOTICE, show_in_menus=True
    )
    for index_page, items in ((news_index, NEWS), (notice_index, NOTICES)):
        for slug, title, days_ago, source, lines in items:
            _ensure_child(
                index_page,
                NewsPage,
                slug,
                title=title,
                published_at=now - timedelta(days=days_ago, hours=days_ago % 7),
                source=source,
                summary=lines[0][:300],
                body=_paragraphs(lines),
            )
    context["news_index"] = news_index
    context["notice_index"] = notice_index

    ensure_demo_user("admin", role="网站管理员", first_name="管理员", superuser=True)
    stdout.write(f"首页与新闻：{NewsPage.objects.count()} 篇新闻和通知。")


MENU_ORDER = ["政府信息公开", "政策解读", "意见征集", "通知公告", "工作动态"]


def arrange_menu(home):
    """Put the main columns in the order every visitor expects."""
    children = {child.title: child for child in home.get_children()}
    ordered = [children[title] for title in MENU_ORDER if title in children]
    for previous, page in zip(ordered, ordered[1:], strict=False):
        page.refresh_from_db()
        previous.refresh_from_db()
        page.move(previous, pos="right")


def serve_site_at(base_url):
    """Point the default site at ``base_url`` (http://127.0.0.1:8000); returns it without the slash."""
    from urllib.parse import urlsplit

    parts = urlsplit(base_url)
    if parts.hostname:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=port)
    return base_url.rstrip("/")
