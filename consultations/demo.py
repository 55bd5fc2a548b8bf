"""Demo consultations of 示例市民政局: one open, one closed awaiting its report, one closed with a report.

Every sentence here was written by the Gongkai team for the fictional 示例市.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from consultations.forms import body_hash
from consultations.models import Comment, ConsultationIndexPage, ConsultationPage, Decision, IdentityType
from core.contact import contact_key
from core.identifiers import unified_social_credit_code
from disclosure.models import Organisation

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(text):
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def _draft(chapters):
    blocks = []
    for chapter, articles in chapters:
        if chapter:
            blocks.append({"type": "chapter", "value": {"title": chapter}})
        blocks += [{"type": "article", "value": {"text": f"<p>{text}</p>"}} for text in articles]
    return blocks


HOME_CARE_DRAFT = _draft(
    [
        (
            "第一章 总则",
            [
                "为规范社区居家养老服务，保障老年人合法权益，结合本市实际，制定本办法。",
                "本办法所称社区居家养老服务，是指以家庭为基础、以社区为依托，为居家老年人提供的助餐、助浴、助洁、助医、照料护理和精神慰藉等服务。",
                "市民政部门负责全市社区居家养老服务的统筹规划和监督管理；区县民政部门负责本辖区社区居家养老服务的组织实施；街道办事处、乡镇人民政府负责设施建设和日常运营的协调。",
            ],
        ),
        (
            "第二章 服务设施",
            [
                "新建住宅小区应当按照每百户不少于二十平方米的标准配套建设社区养老服务用房，并与住宅同步规划、同步建设、同步验收、同步交付。",
                "社区养老服务设施应当设置在建筑低层、方便出入的位置，并符合无障碍设计要求。",
            ],
        ),
        (
            "第三章 服务内容与监督",
            [
                "服务机构应当公示服务项目、收费标准、投诉电话，并与老年人或者其监护人签订服务协议。",
                "对八十周岁以上老年人和低保、特困老年人，按照规定给予服务补贴，补贴标准由市民政部门会同市财政部门另行制定并向社会公布。",
                "民政部门应当建立服务质量评价制度，每年对服务机构开展一次综合评价，评价结果向社会公开。",
                "本办法自2027年3月1日起施行。",
            ],
        ),
    ]
)

RELIEF_DRAFT = _draft(
    [
        (
            "",
            [
                "为做好困难群众临时救助工作，及时解决群众遭遇的突发性、紧迫性、临时性生活困难，制定本办法。",
                "临时救助实行属地管理，由困难群众户籍所在地或者经常居住地的乡镇人民政府、街道办事处受理。",
                "对情况紧急的，可以先行救助，在救助结束后五个工作日内补齐审核审批手续。",
                "临时救助标准一般不超过当地月最低生活保障标准的六倍；对因重特大疾病等造成生活特别困难的，可以适当提高。",
                "临时救助对象名单和救助金额在村（居）民委员会公示，公示时不得公开救助对象的身份证号码、银行账号等个人信息。",
                "本办法自发布之日起施行。",
            ],
        )
    ]
)

STAR_RATING_DRAFT = _draft(
    [
        (
            "",
            [
                "为提升养老机构服务质量，规范养老机构等级评定工作，制定本办法。",
                "养老机构等级分为一星级至五星级，由低到高依次评定。",
                "养老机构自愿申请等级评定，评定结果有效期为三年。",
                "评定工作由市民政部门组织，可以委托第三方专业机构实施现场评审。",
                "评定结果应当在市政府网站公示，公示期不少于五个工作日。",
                "获评四星级以上的养老机构，在同等条件下优先承接政府购买养老服务项目。",
            ],
        )
    ]
)

# (tracking code, identity, phone, email, article number or 0, text, decision, reason, reply, public)
OPEN_COMMENTS = [
    (
        "DEMOHC0001",
        IdentityType.PERSON,
        "13900000001",
        "",
        4,
        "建议把配套用房标准从每百户二十平方米提高到三十平方米，老城区老年人比例高，现有用房普遍不够用。",
    ),
    (
        "DEMOHC0002",
        IdentityType.ORGANISATION,
        "",
        "yanglao-xiehui@example.org",
        7,
        "补贴标准另行制定的，建议在本办法中明确制定期限，避免办法施行后补贴迟迟无法落地。",
    ),
    (
        "DEMOHC0003",
        IdentityType.PERSON,
        "13900000003",
        "",
        0,
        "希望增加对独居老人定期探访的规定，社区工作人员或志愿者每周至少上门或电话联系一次。",
    ),
]

RELIEF_COMMENTS = [
    (
        "DEMORL0001",
        IdentityType.PERSON,
        "13900000011",
        "",
        3,
        "先行救助后补办手续的期限五个工作日偏短，基层经办人员少，建议改为十个工作日。",
    ),
    (
        "DEMORL0002",
        IdentityType.COMPANY,
        "",
        "hr@example-company.cn",
        4,
        "建议明确因重特大疾病提高救助标准时的上限，便于基层统一执行。",
    ),
]

STAR_COMMENTS = [
    (
        "DEMOSR0001",
        IdentityType.ORGANISATION,
        "",
        "service@example-yanglao.cn",
        3,
        "评定结果有效期三年偏长，服务质量变化快，建议缩短为两年，并增加不定期抽查。",
        Decision.PARTLY,
        "",
        "有效期维持三年，但已增加“有效期内每年开展一次抽查，抽查不合格的降低星级”的规定。",
        True,
    ),
    (
        "DEMOSR0002",
        IdentityType.PERSON,
        "13900000022",
        "",
        5,
        "公示期五个工作日太短，建议延长到十个工作日，方便家属和社会监督。",
        Decision.ADOPTED,
        "",
        "已采纳，公示期调整为不少于十个工作日。",
        True,
    ),
    (
        "DEMOSR0003",
        IdentityType.PERSON,
        "13900000023",
        "",
        6,
        "建议对获评五星级的机构直接给予一次性奖励资金。",
        Decision.NOT_ADOPTED,
        "奖补资金的设立和标准须由财政部门按预算管理规定另行研究，本办法不宜直接规定。",
        "",
        False,
    ),
    (
        "DEMOSR0004",
        IdentityType.COMPANY,
        "13900000024",
        "",
        4,
        "建议允许第三方评审机构由申请评定的养老机构自行选择。",
        Decision.NOT_ADOPTED,
        "由被评定机构自行选择评审机构可能影响评审的独立性和公正性，评审机构由民政部门统一委托。",
        "",
        True,
    ),
    (
        "DEMOSR0005",
        IdentityType.OTHER,
        "13900000025",
        "",
        0,
        "请问城区哪里有好的养老院推荐？",
        Decision.NOT_PROCESSED,
        "",
        "",
        False,
    ),
]


def ensure_organisation():
    organisation = (
        Organisation.objects.filter(short_name="市民政局").first()
        or Organisation.objects.filter(name="示例市民政局").first()
    )
    if organisation is None:
        organisation = Organisation.objects.create(
            name="示例市民政局",
            short_name="市民政局",
            unit_code=unified_social_credit_code("11990000MB", 12345),
            office_name="示例市民政局办公室",
            office_address="示例市人民大道8号",
            office_phone="0000-12345600",
            office_email="minzheng@example.gov.cn",
        )
    return organisation


def _ensure_page(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ensure_comments(consultation, rows):
    labels = dict(consultation.article_choices())
    for row in rows:
        code, identity, phone, email, article, text = row[:6]
        decision, reason, reply, public = row[6:] if len(row) > 6 else ("", "", "", False)
        anchor = f"article-{article}" if article else ""
        Comment.objects.get_or_create(
            tracking_code=code,
            defaults={
                "consultation": consultation,
                "identity_type": identity,
                "phone": phone,
                "email": email,
                "contact_key": contact_key(phone, email),
                "article_anchor": anchor,
                "article_label": labels.get(anchor, ""),
                "body": text,
                "body_hash": body_hash(text),
                "decision": decision,
                "decision_reason": reason,
                "reply": reply,
                "is_public": public,
            },
        )


def load(context, stdout):
    home = context["home"]
    organisation = ensure_organisation()
    index = _ensure_page(
        home,
        ConsultationIndexPage,
        "yijian-zhengji",
        title="意见征集",
        show_in_menus=True,
        intro="<p>市政府及其部门起草的重大行政决策和行政规范性文件草案在此公开征求意见。欢迎社会各界在征集期内提出意见建议。</p>",
    )
    common = {
        "organisation": organisation,
        "contact_person": "市民政局政策法规科",
        "contact_phone": "0000-12345601",
        "mail_address": "示例市人民大道8号市民政局政策法规科（邮编100000）",
        "email": "minzheng-yijian@example.gov.cn",
        "fax": "0000-12345602",
    }
    open_page = _ensure_page(
        index,
        ConsultationPage,
        "shequ-jujia-yanglao-fuwu-guanli-banfa",
        title="关于《示例市社区居家养老服务管理办法（征求意见稿）》公开征求意见",
        summary="为规范社区居家养老服务，市民政局起草了《示例市社区居家养老服务管理办法（征求意见稿）》，现向社会公开征求意见。",
        starts_at=_at("2026-11-10T09:00:00"),
        ends_at=_at("2026-12-10T18:00:00"),
        draft=HOME_CARE_DRAFT,
        explanation=(
            "<h3>一、起草背景</h3><p>全市六十周岁以上老年人口占比已超过百分之二十，九成以上老年人选择居家养老，"
            "社区养老服务设施不足、服务标准不统一的问题较为突出。</p>"
            "<h3>二、主要内容</h3><p>征求意见稿共三章九条，明确了部门职责、设施配建标准、服务公示和补贴对象，并建立服务质量年度评价制度。</p>"
        ),
        **common,
    )
    relief_page = _ensure_page(
        index,
        ConsultationPage,
        "kunnan-qunzhong-linshi-jiuzhu-banfa",
        title="关于《示例市困难群众临时救助实施办法（征求意见稿）》公开征求意见",
        summary="市民政局起草了《示例市困难群众临时救助实施办法（征求意见稿）》，现公开征求意见。",
        starts_at=_at("2026-10-09T09:00:00"),
        ends_at=_at("2026-11-09T18:00:00"),
        is_normative=True,
        draft=RELIEF_DRAFT,
        explanation="<p>现行临时救助办法施行已满五年，救助标准和先行救助程序需要根据新的国家规定作出调整。</p>",
        **common,
    )
    star_page = _ensure_page(
        index,
        ConsultationPage,
        "yanglao-jigou-xingji-pingding-banfa",
        title="关于《示例市养老机构星级评定管理办法（征求意见稿）》公开征求意见",
        summary="市民政局起草了《示例市养老机构星级评定管理办法（征求意见稿）》，现公开征求意见。",
        starts_at=_at("2026-07-01T09:00:00"),
        ends_at=_at("2026-07-31T18:00:00"),
        is_normative=True,
        draft=STAR_RATING_DRAFT,
        explanation="<p>为引导养老机构提升服务质量，参照国家养老机构等级划分与评定标准，结合本市实际起草本办法。</p>",
        report_published=True,
        report_summary=(
            "<p>征求意见期间共收到意见5条。市民政局逐条研究，对合理意见予以采纳，"
            "修改后的办法已按程序审议通过。现将意见采纳情况公布如下。</p>"
        ),
        **common,
    )
    _ensure_comments(open_page, OPEN_COMMENTS)
    _ensure_comments(relief_page, RELIEF_COMMENTS)
    _ensure_comments(star_page, STAR_COMMENTS)
    context["consultation_index"] = index
    context["consultations"] = [open_page, relief_page, star_page]
    stdout.write(f"意见征集：{ConsultationPage.objects.child_of(index).count()}项，意见{Comment.objects.count()}条")
