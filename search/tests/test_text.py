"""Golden tests of search.text (pure Python, no database)."""

import statistics
import time

import pytest

from search.query import CuedText, SearchParams, run_search
from search.text import (
    DEFAULT_DICTIONARY_PATH,
    DEFAULT_SYNONYMS_PATH,
    QueryTerms,
    Segmenter,
    default_synonyms,
    expand_query_synonyms,
    get_segmenter,
    index_text,
    load_synonyms,
    load_user_dictionary,
    matches,
    normalise,
    parse_synonym_rules,
    read_synonym_rules,
    segment_for_index,
    segment_for_query,
)
from search.text.analysis import analyse, question_cues

INDEX_NUMBER = "11420800MB1234567X/2024-00012"

# --- normalise ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "荆政办文〔2020〕6号",
        "荆政办文[2020]6号",
        "荆政办文［2020］6号",
        "荆政办文【2020】6号",
        "荆政办文〖2020〗6号",
        "荆政办文［２０２０］６号",
    ],
)
def test_normalise_folds_every_bracket_style(typed):
    assert normalise(typed) == "荆政办文〔2020〕6号"


def test_normalise_full_width_and_case():
    assert normalise("１１４２０８００ＭＢ１２３４５６７Ｘ／２０２４－０００１２") == INDEX_NUMBER.lower()
    assert normalise("ＡＢＣ abc") == "abc abc"


def test_normalise_whitespace_and_invisible_characters():
    assert normalise("  政府\u3000信息\n\t公开\u200b工作  ") == "政府 信息 公开工作"
    assert normalise("") == ""


# --- dictionary -------------------------------------------------------------------


def test_dictionary_file_format():
    lines = DEFAULT_DICTIONARY_PATH.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 150
    assert len(set(lines)) == len(lines)
    for line in lines:
        assert line == line.strip() and line, repr(line)
        assert not line.startswith("#")
        assert " " not in line


def test_dictionary_is_loaded_into_the_shared_segmenter():
    segmenter = get_segmenter()
    assert DEFAULT_DICTIONARY_PATH.resolve() in segmenter.loaded_paths
    assert "最低生活保障" in segmenter.cut("落实最低生活保障制度")
    assert "双随机一公开" in segmenter.cut("全面推行双随机一公开监管")
    # Loading the same file again is a no-op.
    assert load_user_dictionary(DEFAULT_DICTIONARY_PATH) == 0


def test_load_user_dictionary_extra_file(tmp_path):
    path = tmp_path / "extra.txt"
    path.write_text("# comment\n\n一老一小 100 n\nfoo\n", encoding="utf-8")
    segmenter = get_segmenter()
    before = segmenter.cut("做好一老一小服务")
    assert "一老一小" not in before
    assert load_user_dictionary(path) == 1  # "foo" is not Han: skipped
    assert "一老一小" in segmenter.cut("做好一老一小服务")
    assert "一老一小" in segment_for_index("做好一老一小服务")


def test_jieba_fallback_loads_the_dictionary():
    segmenter = Segmenter("jieba")
    assert segmenter.engine == "jieba"
    assert "最低生活保障" not in segmenter.cut("落实最低生活保障制度")
    assert segmenter.load_dictionary(DEFAULT_DICTIONARY_PATH) >= 150
    assert "最低生活保障" in segmenter.cut("落实最低生活保障制度")
    assert "最低生活保障" in segmenter.cut_for_search("落实最低生活保障制度")


def test_unknown_engine():
    with pytest.raises(ValueError):
        Segmenter("thulac")


# --- index tokens ------------------------------------------------------------------


def test_index_tokens_of_a_title():
    tokens = segment_for_index("政府信息公开工作要点")
    assert tokens == [
        # bigrams, in order, then the run's edge characters
        "政府",
        "府信",
        "信息",
        "息公",
        "公开",
        "开工",
        "工作",
        "作要",
        "要点",
        "政",
        "点",
        # search-mode words longer than two characters (dictionary word)
        "政府信息公开",
    ]
    # Every token the query 信息公开 can need is there.
    assert {"信息", "息公", "公开"} <= set(tokens)


def test_dictionary_word_kept_whole_in_index_and_query():
    assert "最低生活保障" in segment_for_index("关于调整城乡最低生活保障标准的通知")
    assert segment_for_query("最低生活保障").groups == ((("最低生活保障",), ("最低", "低生", "生活", "活保", "保障")),)


def test_index_number_tokens():
    tokens = segment_for_index(f"索引号：{INDEX_NUMBER}")
    assert tokens == [
        "索引",
        "引号",
        "索",
        "号",
        "11420800mb1234567x",
        "2024",
        "00012",
        "11420800mb1234567x202400012",
        "11420800mb1234567x2024",
        "202400012",
        "索引号",
    ]


def test_document_number_tokens():
    assert segment_for_index("荆政办文〔2020〕6号") == [
        "荆政",
        "政办",
        "办文",
        "荆",
        "文",
        "号",
        "2020",
        "6",
        "号",
        "20206号",
        "办文20206号",
        "政办文20206号",
        "荆政办文20206号",
    ]


def test_document_number_compact_tokens_in_running_text():
    tokens = segment_for_index("根据鄂政办发（2020）第05号文件精神")
    assert "20205号" in tokens
    assert "鄂政办发20205号" in tokens
    assert "据鄂政办发20205号" in tokens


def test_index_text_and_determinism():
    text = "双随机一公开监管，鄂政发〔2023〕12号，2024-01-05"
    assert index_text(text) == " ".join(segment_for_index(text))
    assert segment_for_index(text) == segment_for_index(text)
    assert {"20240105", "202401", "0105", "2023", "12", "202312号"} <= set(segment_for_index(text))
    assert segment_for_index("") == []
    assert segment_for_index("，。！") == []


def test_no_token_contains_whitespace_or_separators():
    tokens = segment_for_index(f"荆政办文［２０２０］６号 {INDEX_NUMBER} e-mail: a_b@gov.cn 第一条")
    for token in tokens:
        assert token.isalnum(), token


# --- query terms --------------------------------------------------------------------


def test_query_terms_of_a_dictionary_word():
    terms = segment_for_query("信息公开")
    assert terms.groups == ((("信息公开",), ("信息", "息公", "公开")),)
    assert str(terms) == "(信息公开 OR (信息 AND 息公 AND 公开))"
    assert terms.tokens == ("信息公开", "信息", "息公", "公开")


def test_query_terms_single_character_words_use_neighbour_bigrams():
    terms = segment_for_query("省政府信息公开")
    assert terms.groups[0] == (("省",), ("省政",))
    assert matches("省政府信息公开", "湖北省政府信息公开目录")


def test_query_terms_of_index_number_and_document_number():
    assert segment_for_query("2024-00012").groups == ((("202400012",), ("2024", "00012")),)
    assert segment_for_query("〔2020〕06号").groups == (
        (("20206号",), ("2020", "6"), ("2020", "06")),
        (("号",),),
    )
    groups = segment_for_query("荆政办文[2020]6号").groups
    assert (("荆政办文20206号",), ("2020", "6")) in groups


def test_empty_query():
    terms = segment_for_query("  ，。 ")
    assert not terms
    assert terms == QueryTerms()
    assert not matches("", "政府信息公开")


# --- matching semantics ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("信息公开", "政府信息公开工作要点", True),
        ("信息公开", "信息化建设公告", False),
        ("政府信息公开", "政府信息公开工作要点", True),
        ("工作要点", "政府信息公开工作要点", True),
        ("公开工作", "政府信息公开工作要点", True),
        ("要点工作", "政府信息公开工作要点", True),  # all words present
        ("信息 要点", "政府信息公开工作要点", True),
        ("信息 通知", "政府信息公开工作要点", False),
        ("最低生活保障", "关于调整城乡最低生活保障标准的通知", True),
        ("最低生活保障", "最低工资和生活保障", False),
        ("双随机一公开", "全面推行“双随机、一公开”监管", False),
        ("双随机 一公开", "全面推行“双随机、一公开”监管", True),
        ("2024-00012", f"索引号：{INDEX_NUMBER}", True),
        ("00012", f"索引号：{INDEX_NUMBER}", True),
        ("2024-00013", f"索引号：{INDEX_NUMBER}", False),
        (INDEX_NUMBER, f"索引号：{INDEX_NUMBER}", True),
        ("１１４２０８００ｍｂ１２３４５６７ｘ／２０２４－０００１２", f"索引号：{INDEX_NUMBER}", True),
        ("荆政办文[2020]6号", "荆政办文〔2020〕6号", True),
        ("荆政办文【2020】6号", "关于印发荆政办文〔2020〕6号文件的通知", True),
        ("荆政办文［２０２０］６号", "荆政办文〔2020〕6号", True),
        ("〔2020〕6号", "荆政办文〔2020〕6号", True),
        ("荆政办文[2020]6号", "荆政办文〔2020〕16号", False),
        ("荆政办文[2020]6号", "荆政办文〔2021〕6号", False),
        ("covid-19", "COVID-19 疫情防控", True),
    ],
)
def test_matches(query, text, expected):
    assert matches(query, text) is expected


def test_exact_index_number_has_a_rare_first_alternative():
    terms = segment_for_query(INDEX_NUMBER)
    (group,) = terms.groups
    assert group[0] == ("11420800mb1234567x202400012",)
    assert group[0][0] in segment_for_index(f"索引号：{INDEX_NUMBER}")
    assert group[0][0] not in segment_for_index("索引号：11420800MB1234567X/2024-00013")


def test_document_number_first_alternative_is_in_the_index():
    (compact,) = segment_for_query("荆政办文[2020]6号").groups[2][0]
    assert compact in segment_for_index("印发荆政办文〔2020〕6号")


# --- synonyms ------------------------------------------------------------------------


def test_synonym_file():
    rules = read_synonym_rules(DEFAULT_SYNONYMS_PATH)
    assert len(rules) >= 40
    for rule in rules:
        assert "," in rule
    synonyms = load_synonyms(DEFAULT_SYNONYMS_PATH)
    assert "最低生活保障" in synonyms["低保"]
    assert "低保" in synonyms["最低生活保障"]
    assert {"医疗保险", "医疗保障"} <= synonyms["医保"]
    assert synonyms["户口"] == {"户籍"}
    assert default_synonyms() == synonyms


def test_parse_synonym_rules_formats():
    synonyms = parse_synonym_rules(["# c", "", "A, b", "x, y => Z", ("一老一小", "老年人和儿童")])
    assert synonyms == {
        "a": {"b"},
        "b": {"a"},
        "x": {"z"},
        "y": {"z"},
        "一老一小": {"老年人和儿童"},
        "老年人和儿童": {"一老一小"},
    }


def test_expand_query_synonyms():
    synonyms = load_synonyms(DEFAULT_SYNONYMS_PATH)
    assert expand_query_synonyms("低保申请", synonyms) == ["低保申请", "最低生活保障申请"]
    # The typed query first, then its synonyms (the file also holds the everyday words 低保户, 吃低保).
    variants = expand_query_synonyms("最低生活保障", synonyms)
    assert variants[:2] == ["最低生活保障", "低保"]
    assert "低保户" in variants
    # Longest term first: 住房公积金 is not read as 住房 + 公积金.
    assert expand_query_synonyms("住房公积金提取", synonyms) == ["住房公积金提取", "公积金提取"]
    assert expand_query_synonyms("政府信息公开", synonyms) == ["政府信息公开"]
    assert expand_query_synonyms("", synonyms) == []
    variants = expand_query_synonyms("低保和医保", synonyms)
    assert variants[0] == "低保和医保"
    assert "最低生活保障和医疗保险" in variants
    assert len(variants) == 6
    assert len(expand_query_synonyms("低保和医保", synonyms, max_variants=4)) == 4


def test_expand_query_synonyms_with_extra_pairs():
    synonyms = load_synonyms(DEFAULT_SYNONYMS_PATH, extra=[("一老一小", "老年人和儿童")])
    variants = expand_query_synonyms("一老一小政策", synonyms)
    assert variants[0] == "一老一小政策"
    assert "老年人和儿童政策" in variants  # the extra pair; 政策 also has its own broad synonym 政策文件
    assert expand_query_synonyms("一老一小", None, extra=["一老一小, 老幼"]) == ["一老一小", "老幼"]


def test_matches_with_synonyms():
    synonyms = default_synonyms()
    text = "关于调整城乡最低生活保障标准的通知"
    assert not matches("低保标准", text)
    assert matches("低保标准", text, synonyms=synonyms)
    assert matches("公积金", "住房公积金缴存基数调整", synonyms=synonyms)


# --- speed ------------------------------------------------------------------------------


def test_segment_for_index_speed():
    paragraph = (
        "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步提升政务公开质量，"
        "根据鄂政办发〔2024〕12号精神，持续优化营商环境，深化放管服改革，"
        f"索引号{INDEX_NUMBER}。做好最低生活保障、住房公积金、基本养老保险信息公开。"
    )
    body = (paragraph * (5000 // len(paragraph) + 1))[:5000]
    segment_for_index(body)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        segment_for_index(body)
        timings.append(time.perf_counter() - start)
    # Typically ~4 ms; the bound only catches pathological regressions.
    assert statistics.median(timings) < 0.05


def test_question_cues_come_from_the_dropped_question_words():
    # Every line of the team's list parses: question words on the left, cues on the right.
    assert question_cues()["多长时间"][:2] == ("工作日", "日内")
    assert all(cues for cues in question_cues().values())
    asked = analyse("申请政府信息公开需要多长时间")
    assert asked.terms == ("申请", "政府信息公开")
    assert {"工作日", "期限"} <= set(asked.cues)
    # A cue the query already requires is not a cue; a query with no question word has none.
    assert "标准" not in analyse("低保标准是多少").cues
    assert "元" in analyse("低保标准是多少").cues
    assert analyse("政府信息公开").cues == ()


@pytest.mark.django_db
def test_the_backend_gets_the_question_cues_with_the_strict_text():
    query = run_search(SearchParams(query="申请政府信息公开需要多长时间")).query_compiler.query
    assert isinstance(query, CuedText)
    assert query.query_string == "申请 政府信息公开"
    assert "工作日" in query.cues
    # Sorted by date, nothing is ranked: no cues.
    dated = run_search(SearchParams(query="申请政府信息公开需要多长时间", sort="date")).query_compiler.query
    assert not isinstance(dated, CuedText)
