"""The 15 official document genres plus 办法/规定/细则, and the standard subject categories."""

from django.db import migrations

GENRES = [
    ("决议", False), ("决定", False), ("命令", False), ("公报", False), ("公告", False),
    ("通告", False), ("意见", False), ("通知", False), ("通报", False), ("报告", False),
    ("请示", False), ("批复", False), ("议案", False), ("函", False), ("纪要", False),
    ("办法", True), ("规定", True), ("细则", True),
]  # fmt: skip

# Top-level categories (with a few second-level ones) after the State Council's subject classification.
SUBJECTS = [
    ("综合政务", ["政务公开", "应急管理", "电子政务", "政府法制"]),
    ("国民经济管理、国有资产监管", ["发展规划", "统计", "国有资产监管"]),
    ("财政、金融、审计", ["财政", "税务", "审计", "金融"]),
    ("国土资源、能源", ["土地", "矿产", "能源"]),
    ("农业、林业、水利", ["农业农村", "林业", "水利"]),
    ("工业、交通", ["工业", "交通", "信息产业"]),
    ("商贸、海关、旅游", ["商贸", "旅游"]),
    ("市场监管、安全生产监管", ["市场监管", "安全生产", "食品药品"]),
    ("城乡建设、环境保护", ["城乡建设", "住房保障", "生态环境"]),
    ("科技、教育", ["科技", "教育"]),
    ("文化、广电、新闻出版", []),
    ("卫生、体育", ["卫生健康", "体育"]),
    ("人口与计划生育、妇女儿童工作", []),
    ("劳动、人事、监察", ["就业", "社会保障", "人事"]),
    ("公安、安全、司法", []),
    ("民政、扶贫、救灾", ["社会救助", "养老服务", "防灾减灾"]),
    ("民族、宗教", []),
    ("对外事务", []),
    ("港澳台侨工作", []),
    ("国防", []),
    ("其他", []),
]


def load(apps, schema_editor):
    Genre = apps.get_model("disclosure", "Genre")
    SubjectCategory = apps.get_model("disclosure", "SubjectCategory")
    for order, (name, normative) in enumerate(GENRES, start=1):
        Genre.objects.get_or_create(name=name, defaults={"is_normative": normative, "sort_order": order * 10})
    for order, (name, children) in enumerate(SUBJECTS, start=1):
        top, _ = SubjectCategory.objects.get_or_create(
            name=name, parent=None, defaults={"sort_order": order * 10, "code": f"{order:02d}"}
        )
        for child_order, child in enumerate(children, start=1):
            SubjectCategory.objects.get_or_create(
                name=child,
                parent=top,
                defaults={"sort_order": child_order * 10, "code": f"{order:02d}{child_order:02d}"},
            )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_guide_reports_counters")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
