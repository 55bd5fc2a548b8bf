"""The starter 错敏词 list written by the Gongkai team (offices extend it in the admin).

Three families: wrong names of the state, its institutions and official titles
(严重错误); wrong-form words and mistyped institution names with their correct form
(一般错误); and 〇/○ look-alikes in dates and half-width or wrong brackets in 文号,
generated below for the years an office is likely to cite.
"""

SEVERE = "severe"
SENSITIVE = "sensitive"
GENERAL = "general"

# (word, kind, correct form, note)
NAMES = [
    ("中国人民共和国", SEVERE, "中华人民共和国", "国名错误"),
    ("中华人民共合国", SEVERE, "中华人民共和国", "国名错误"),
    ("中华人明共和国", SEVERE, "中华人民共和国", "国名错误"),
    ("中华人民共和囯", SEVERE, "中华人民共和国", "国名错误"),
    ("国务院办公室", SEVERE, "国务院办公厅", "机构名称错误"),
    ("中共中央办公室", SEVERE, "中共中央办公厅", "机构名称错误"),
    ("全国人大常委员会", SEVERE, "全国人大常委会", "机构名称错误"),
    ("全国人民代表大会常委会", SEVERE, "全国人民代表大会常务委员会", "机构名称错误"),
    ("最高人民法庭", SEVERE, "最高人民法院", "机构名称错误"),
    ("最高人民检查院", SEVERE, "最高人民检察院", "机构名称错误"),
    ("人民政付", SEVERE, "人民政府", "机构名称错误"),
    ("人民政俯", SEVERE, "人民政府", "机构名称错误"),
    ("国务院总里", SEVERE, "国务院总理", "职务名称错误"),
    ("国家主习", SEVERE, "国家主席", "职务名称错误"),
    ("共产觉", SEVERE, "共产党", "名称错误"),
    ("社会主意", SEVERE, "社会主义", "提法错误"),
    ("台湾国", SEVERE, "中国台湾", "涉台表述错误"),
    ("台湾总统", SEVERE, "台湾地区领导人", "涉台表述错误"),
    ("国家发展改革委员会", GENERAL, "国家发展和改革委员会", "机构全称"),
    ("人力资源与社会保障", GENERAL, "人力资源和社会保障", "机构名称"),
    ("住房与城乡建设", GENERAL, "住房和城乡建设", "机构名称"),
    ("自然资源与规划局", GENERAL, "自然资源和规划局", "机构名称"),
    ("市场监督管理总局局", GENERAL, "市场监督管理总局", "机构名称重复"),
    ("生态环保局", GENERAL, "生态环境局", "机构名称"),
    ("卫生健康委员局", GENERAL, "卫生健康委员会", "机构名称"),
    ("办工室", GENERAL, "办公室", "错别字"),
    ("贯切落实", GENERAL, "贯彻落实", "错别字"),
    ("再接再励", GENERAL, "再接再厉", "错别字"),
    ("按步就班", GENERAL, "按部就班", "错别字"),
    ("迫不急待", GENERAL, "迫不及待", "错别字"),
    ("坚苦奋斗", GENERAL, "艰苦奋斗", "错别字"),
    ("一愁莫展", GENERAL, "一筹莫展", "错别字"),
    ("布署", GENERAL, "部署", "错别字"),
    ("既往不究", GENERAL, "既往不咎", "错别字"),
    ("直接了当", GENERAL, "直截了当", "错别字"),
    ("谈笑风声", GENERAL, "谈笑风生", "错别字"),
    ("两个中国", SENSITIVE, "", "涉台敏感表述"),
    ("台独", SENSITIVE, "", "敏感词"),
    ("港独", SENSITIVE, "", "敏感词"),
    ("藏独", SENSITIVE, "", "敏感词"),
    ("法轮功", SENSITIVE, "", "敏感词"),
]

NUMERALS = "一二三四五六七八九"
# ○ (U+25CB white circle), О/O (Cyrillic/Latin letters) and 0 look like 〇 in a date written in Chinese numerals.
ZERO_LOOKALIKES = ["○", "O", "О", "0", "Ｏ", "０"]
BRACKETS = [("[", "]"), ("［", "］"), ("(", ")"), ("（", "）"), ("【", "】"), ("〔", "]"), ("[", "〕")]
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
YEARS = range(2000, 2031)


def date_lookalikes():
    entries = []
    for lookalike in ZERO_LOOKALIKES:
        entries.append((f"二{lookalike}", GENERAL, "二〇", "日期中的“〇”写错"))
        for numeral in NUMERALS[1:]:
            entries.append((f"{lookalike}{numeral}年", GENERAL, f"〇{numeral}年", "日期中的“〇”写错"))
    return entries


def document_number_brackets():
    entries = []
    for year in YEARS:
        for left, right in BRACKETS:
            entries.append((f"{left}{year}{right}", GENERAL, f"〔{year}〕", "文号年份应使用六角括号〔〕"))
        entries.append(
            (f"〔{str(year).translate(FULL_WIDTH_DIGITS)}〕", GENERAL, f"〔{year}〕", "文号中的数字应为半角")
        )
    return entries


def starter_entries():
    """Every starter entry as (word, kind, correction, note), no word twice."""
    seen = {}
    for entry in NAMES + date_lookalikes() + document_number_brackets():
        seen.setdefault(entry[0], entry)
    return list(seen.values())
