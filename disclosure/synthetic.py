"""Synthetic but plausible catalogue lines for benchmarks and load tests (seed_catalogue, bench)."""

import json
import random
from datetime import date, timedelta

SUBJECTS = ["政务公开", "发展规划", "财政", "税务", "农业农村", "水利", "交通", "市场监管", "安全生产", "城乡建设", "住房保障", "生态环境", "教育", "科技", "卫生健康", "就业", "社会保障", "社会救助", "养老服务"]  # fmt: skip
TOPICS = ["农村人居环境整治", "城镇老旧小区改造", "中小企业纾困", "义务教育课后服务", "基本医疗保险", "最低生活保障", "高标准农田建设", "河湖长制", "安全生产专项整治", "营商环境优化", "公共租赁住房", "城乡居民养老保险", "农村饮水安全", "冬春季森林防火", "生活垃圾分类", "困难群众救助", "职业技能培训", "政务服务事项清单", "行政执法公示", "数字政府建设"]  # fmt: skip
ACTIONS = [("关于印发", "实施方案的通知", "通知"), ("关于进一步加强", "工作的意见", "意见"), ("", "管理办法", "办法"), ("关于开展", "专项行动的通告", "通告"), ("关于做好", "工作的通知", "通知"), ("关于", "有关事项的公告", "公告"), ("", "实施细则", "细则"), ("关于调整", "标准的批复", "批复")]  # fmt: skip
SENTENCES = [
    "为贯彻落实上级决策部署，结合本市实际，制定本{kind}。",
    "各地各部门要提高思想认识，明确责任分工，确保各项任务按期完成。",
    "本{kind}所需经费按现行财政体制分级负担，纳入年度预算统筹安排。",
    "市直有关部门要加强指导监督，定期通报工作进展，对工作不力的予以督促整改。",
    "执行中遇到的问题，请及时向市{org}反映。",
    "本{kind}自发布之日起施行，由市{org}负责解释。",
]
RANK_FOR_GENRE = {"办法": "规章", "细则": "行政规范性文件", "意见": "行政规范性文件"}


def synthetic_record(i, rng, organisations):
    org_name, org_short, prefix = organisations[i % len(organisations)]
    topic = rng.choice(TOPICS)
    lead, tail, genre = rng.choice(ACTIONS)
    year = 2019 + rng.randrange(8)
    formed = date(year, 1, 1) + timedelta(days=rng.randrange(350))
    published = formed + timedelta(days=rng.randrange(1, 40))
    rank = RANK_FOR_GENRE.get(genre) if rng.random() < 0.6 else "其他文件"
    validity = rng.choices(["现行有效", "已修改", "已废止", "已失效"], weights=[80, 8, 8, 4])[0]
    body = "".join(
        f"<p>{sentence.format(kind=genre, org=org_short.removeprefix('市'))}</p>"
        for sentence in rng.sample(SENTENCES, 4)
    )
    return {
        "title": f"{org_name}{lead}{topic}{tail}",
        "document_number": f"{prefix}〔{year}〕{i + 1}号",
        "organisation": org_name,
        "formed_on": formed.isoformat(),
        "published_on": published.isoformat(),
        "effective_on": published.isoformat(),
        "subject": rng.choice(SUBJECTS),
        "genre": genre,
        "rank": rank or "其他文件",
        "validity": validity,
        "summary": f"本{genre}就{topic}的目标任务、职责分工和保障措施作出规定。",
        "body_html": body,
        "keywords": [topic, genre],
        "disclosure": "主动公开",
        "scope": "面向社会",
    }


def synthetic_lines(count, organisations, seed=2026, start=0):
    """``count`` lines; the 文号 serials run from ``start + 1``, so later runs add new documents."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    for i in range(start, start + count):
        yield json.dumps(synthetic_record(i, rng, organisations), ensure_ascii=False)
