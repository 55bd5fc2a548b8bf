"""Elasticsearch 8 backend with Chinese analysis (profiles ``ik``, ``smartcn``, ``cjk``).

A subclass of modelsearch's Elasticsearch 8 backend; the differences are
small overrides:

* index settings get ``search.elasticsearch_analysis.index_settings(profile)``
  (analyzers ``zh_index`` / ``zh_search`` / ``zh_bigram`` /
  ``zh_autocomplete_*``, the synonym filter and ``docnum_normalizer``);
* the catch-all ``_all_text`` and ``_all_text_boost_*`` fields, which a search
  without ``fields`` queries, are mapped with the profile's analyzers and get a
  ``.bigram`` sub-field (stock modelsearch maps them with no analyzer, so
  Elasticsearch's standard tokenizer cuts Chinese into single characters); a
  field's own column, copied into them, is analysed once, in bigrams;
* autocomplete fields (``*_edgengrams``) use the edge-n-gram index analyzer
  and a non-standard search analyzer;
* 文号 (``document_number``) and 索引号 (``index_number``) get a
  ``.keyword`` sub-field with the ``docnum_normalizer``, and a query that
  looks like one adds an exact ``term`` clause that puts the document first;
* documents are modelsearch's, built with the per-model lookups done once
  (``search.backends.documents``);
* the atomic rebuild swaps the alias in one ``_aliases`` request (modelsearch adds the
  new index to the alias, then deletes the old one, so for a moment every search
  answers each document twice); it loads the new index without periodic refreshes,
  replicas or per-request translog syncs, and sends each chunk's bulk request while
  the next chunk is read from the database;
* a plain-text query is ``bool.should`` of, per synonym variant (administrators'
  synonyms included; the best variant scores), the segmented match (AND of the
  engine's words) and every word of the shared segmenter as a phrase on the
  bigrams (the embedded backends' match, so a word the engine's segmenter cuts
  differently is still found), plus a phrase match of the whole query on the
  ``.bigram`` sub-fields; a page whose title holds every word ranks first (the
  embedded title tier), and a question's answer cues (``search.query.CuedText``)
  multiply the score of the pages holding one.

Options (``WAGTAILSEARCH_BACKENDS``): ``ANALYZER_PROFILE`` (default ``ik``)
and ``SYNONYMS`` (Solr-format rules; default ``dictionaries/synonyms.txt``)
on top of modelsearch's ``URLS``, ``INDEX_PREFIX``, ``TIMEOUT``...
"""

from __future__ import annotations

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.backends.elasticsearchbase import Field
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import PlainText
from modelsearch.utils import deep_update

from disclosure.models import PolicyDocumentPage
from search.backends.documents import DocumentPlan
from search.backends.elasticsearch_rebuild import BULK_IN_FLIGHT, SwapAliasRebuilder
from search.elasticsearch_analysis import (
    AUTOCOMPLETE_INDEX_ANALYZER,
    AUTOCOMPLETE_SEARCH_ANALYZER,
    column_field_mapping,
    index_settings,
    keyword_field_mapping,
    text_field_mapping,
)
from search.query import DOCNUM_RE, INDEX_NUMBER_RE
from search.synonyms import current_synonyms
from search.text import expand_query_synonyms, normalise, segment_for_query
from search.text.tokens import bigrams

#: Search fields also indexed as normalised keywords for exact lookup.
KEYWORD_FIELDS = frozenset({"document_number", "index_number"})
#: Score of an exact 文号 / 索引号 hit (far above any other score, the title tier's included).
EXACT_BOOST = 1_000_000.0
#: Score added to a page whose title alone holds every word of the query (far above any text score).
TITLE_TIER_BONUS = 1_000.0
#: Score each of the query's words found in a page's title adds to its text score.
TITLE_WORD_SCORE = 15.0
#: Factor of the score of a page holding an answer cue of the question (``CuedText``).
CUE_WEIGHT = 1.5
MAX_VARIANTS = 8


class ChineseMappingMixin:
    profile = "ik"
    #: ``DocumentPlan`` by indexed model and class of the objects; each backend's mapping
    #: class (one per profile, made in ``ChineseBackendMixin``) has its own.
    document_plans: dict = {}

    edgengram_analyzer_config = {
        "analyzer": AUTOCOMPLETE_INDEX_ANALYZER,
        "search_analyzer": AUTOCOMPLETE_SEARCH_ANALYZER,
    }

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and not isinstance(field, AutocompleteField) and mapping["type"] == "text":
            mapping.update(column_field_mapping(self.profile))
            if field.field_name in KEYWORD_FIELDS:
                mapping["fields"] = {"keyword": keyword_field_mapping()}
        return name, mapping

    def get_document(self, obj):
        key = (self.model, type(obj))
        plan = self.document_plans.get(key)
        if plan is None:
            plan = self.document_plans[key] = DocumentPlan(self, type(obj))
        return plan.document(self, obj)

    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field_mapping in mapping["properties"].items():
            if name.startswith("_all_text"):
                field_mapping.update(text_field_mapping(self.profile))
        return mapping


class ChineseElasticsearch8Mapping(ChineseMappingMixin, Elasticsearch8Mapping):
    pass


def bigram_field(column: str) -> str:
    """Where ``column``'s bigrams are: the ``bigram`` sub-field of a catch-all field, or a field's own column."""
    return f"{column}.bigram" if column.startswith("_all_text") else column


def exact_lookup_clauses(query_string: str) -> list[dict]:
    """``term`` clauses on the 文号 / 索引号 keyword sub-fields, if the query is one."""
    text = normalise(query_string)
    if DOCNUM_RE.match(text):
        wanted = "document_number"
    elif INDEX_NUMBER_RE.match(text):
        wanted = "index_number"
    else:
        return []
    mapping = ChineseElasticsearch8Mapping(PolicyDocumentPage)
    for field in PolicyDocumentPage.get_searchable_search_fields():
        if field.field_name == wanted:
            column = mapping.get_field_column_name(field)
            # The normalizer folds brackets, widths and spaces on both sides.
            term = {"term": {f"{column}.keyword": query_string}}
            return [{"constant_score": {"filter": term, "boost": EXACT_BOOST}}]
    return []


def contains_words_clause(text: str, fields: list[Field]) -> dict | None:
    """Every word of ``text`` as a character sequence on bigram ``fields`` (see ``word_clauses``)."""
    groups = word_clauses(text, fields)
    if not groups:
        return None
    return groups[0] if len(groups) == 1 else {"bool": {"must": groups}}


def word_clauses(text: str, fields: list[Field], *, in_order: bool = True) -> list[dict]:
    """The embedded backends' match on bigram ``fields``: a clause per word of ``text``, as a character sequence.

    ``segment_for_query`` cuts ``text`` with the shared segmenter, as for the embedded
    backends, into groups of alternatives; a word becomes a phrase of its bigrams, so a
    document holding it inside a longer word, or cut differently by the engine's
    segmenter, still matches (提取住房公积金 finds 住房公积金提取). The word's bigrams in
    any order, the embedded alternative, are left out: the phrase is the stricter one.
    The catch-all field holds every other text field, so it alone decides the match.
    Not ``in_order``: a word is its bigrams in any order (``match`` with ``and``, no
    positions read), which is what the embedded title tier asks of a title.
    """
    names = [f.field_name for f in fields]
    if names[0] == "_all_text.bigram":
        names = names[:1]

    def phrase(token: str) -> dict:
        if not in_order:
            if len(names) == 1:
                return {"match": {names[0]: {"query": token, "operator": "and"}}}
            return {"multi_match": {"query": token, "fields": names, "operator": "and"}}
        if len(names) == 1:
            return {"match_phrase": {names[0]: token}}
        return {"multi_match": {"query": token, "fields": names, "type": "phrase"}}

    groups = []
    for group in segment_for_query(text).groups:
        alternatives = []
        for alternative in group:
            if len(alternative) > 1 and len(group[0]) == 1 and list(alternative) == bigrams(group[0][0]):
                continue
            phrases = [phrase(token) for token in alternative]
            alternatives.append(phrases[0] if len(phrases) == 1 else {"bool": {"must": phrases}})
        groups.append(alternatives[0] if len(alternatives) == 1 else {"bool": {"should": alternatives}})
    return groups


def either(clauses: list[dict]) -> dict:
    """The best of ``clauses`` (``dis_max``), or the only one."""
    return clauses[0] if len(clauses) == 1 else {"dis_max": {"queries": clauses}}


class ChineseQueryMixin:
    DEFAULT_OPERATOR = "and"

    def title_column(self) -> str | None:
        """The title's own field, when the title tier applies: a search over all fields of pages."""
        if self.fields:
            return None
        for field in self.queryset.model.get_searchable_search_fields():
            if field.field_name == "title" and not isinstance(field, AutocompleteField):
                return self.mapping.get_field_column_name(field)
        return None

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        # One clause per synonym variant: the segmented match, or every word as a character
        # sequence (the embedded backends' match). The best variant scores (dis_max), so a
        # document is not ranked up for holding the query's synonyms as well as the query.
        bigram_fields = [Field(bigram_field(f.field_name), f.boost) for f in fields]
        title = self.title_column()
        per_variant, in_title = [], []
        for variant in expand_query_synonyms(query.query_string, current_synonyms(), max_variants=MAX_VARIANTS) or [
            query.query_string
        ]:
            clauses = [super()._compile_plaintext_query(PlainText(variant, operator=query.operator), fields, boost)]
            contains = contains_words_clause(variant, bigram_fields)
            if contains is not None:
                clauses.append(contains)
            match = clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses}}
            title_words = word_clauses(variant, [Field(title)], in_order=False) if title is not None else []
            if title_words:
                # The title weighs more than the rest, as on the embedded backends (bm25
                # weights title 10, body 1): each of the query's words the title holds adds
                # the same, however many bigrams the word has (a long word's bigram scores
                # would otherwise outweigh a short one's: 政府信息公开 five times 申请).
                in_title_scores = [
                    {"constant_score": {"filter": word, "boost": TITLE_WORD_SCORE}} for word in title_words
                ]
                match = {"bool": {"must": [match], "should": in_title_scores}}
                in_title.append(title_words[0] if len(title_words) == 1 else {"bool": {"must": title_words}})
            per_variant.append(match)
        text = {
            "bool": {
                "should": [
                    either(per_variant),
                    {
                        "multi_match": {
                            "query": query.query_string,
                            "fields": [field.field_name_with_boost for field in bigram_fields],
                            "type": "phrase",
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        }
        if in_title:
            # The title tier, as on the embedded backends: a page whose title alone holds every
            # word of the query (of a variant) scores TITLE_TIER_BONUS plus its title's score,
            # above every other page; the others keep the text score.
            title_match = either(in_title)
            tier = {
                "bool": {
                    "must": [title_match],
                    "should": [{"constant_score": {"filter": title_match, "boost": TITLE_TIER_BONUS}}],
                }
            }
            text = {"dis_max": {"queries": [tier, text]}}
        cue_clauses = [contains_words_clause(cue, bigram_fields) for cue in getattr(query, "cues", ())]
        cue_clauses = [clause for clause in cue_clauses if clause is not None]
        if cue_clauses:
            # A question's answer cues (多长时间: 工作日, 期限) rank the pages holding one higher,
            # by a factor, so the order of the title tier and of the rest is kept within each.
            cue_match = {"bool": {"should": cue_clauses, "minimum_should_match": 1}}
            text = {
                "function_score": {
                    "query": text,
                    "functions": [{"filter": cue_match, "weight": CUE_WEIGHT}],
                    "score_mode": "max",
                    "boost_mode": "multiply",
                }
            }
        exact = exact_lookup_clauses(query.query_string)
        if not exact:
            return text
        return {"bool": {"should": [text, *exact], "minimum_should_match": 1}}


class ChineseElasticsearch8SearchQueryCompiler(ChineseQueryMixin, Elasticsearch8SearchQueryCompiler):
    mapping_class = ChineseElasticsearch8Mapping


class ChineseElasticsearch8AutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    DEFAULT_OPERATOR = "and"
    mapping_class = ChineseElasticsearch8Mapping


class ChineseBackendMixin:
    atomic_rebuilder_class = SwapAliasRebuilder
    #: The client option that sizes its connection pool, where the default keeps one connection
    #: (opensearch-py: ``pool_maxsize``): a rebuild's requests in flight each need one.
    pool_size_option = None

    def __init__(self, params):
        params = dict(params)
        if self.pool_size_option:
            params["OPTIONS"] = {self.pool_size_option: BULK_IN_FLIGHT, **params.get("OPTIONS", {})}
        profile = params.pop("ANALYZER_PROFILE", "ik")
        synonyms = params.pop("SYNONYMS", None)
        settings = index_settings(profile, synonyms)  # raises ValueError for an unknown profile
        super().__init__(params)
        self.analyzer_profile = profile
        self.mapping_class = type(
            f"{self.mapping_class.__name__}_{profile}",
            (self.mapping_class,),
            {"profile": profile, "document_plans": {}},
        )
        self.settings = deep_update(self.settings, {"settings": settings})


class ChineseElasticsearch8SearchBackend(ChineseBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = ChineseElasticsearch8Mapping
    query_compiler_class = ChineseElasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = ChineseElasticsearch8AutocompleteQueryCompiler


SearchBackend = ChineseElasticsearch8SearchBackend
