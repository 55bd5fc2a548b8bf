"""OpenSearch 2 variant of ``search.backends.elasticsearch`` (``opensearch-py`` client).

Same Chinese analysis (``search.elasticsearch_analysis``), mapping and query
overrides as the Elasticsearch backends, on modelsearch's OpenSearch 2 backend.
"""

from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
)

from .elasticsearch import ChineseBackendMixin, ChineseMappingMixin, ChineseQueryMixin


class ChineseOpenSearch2Mapping(ChineseMappingMixin, OpenSearch2Mapping):
    pass


class ChineseOpenSearch2SearchQueryCompiler(ChineseQueryMixin, OpenSearch2SearchQueryCompiler):
    mapping_class = ChineseOpenSearch2Mapping


class ChineseOpenSearch2AutocompleteQueryCompiler(OpenSearch2AutocompleteQueryCompiler):
    DEFAULT_OPERATOR = "and"
    mapping_class = ChineseOpenSearch2Mapping


class ChineseOpenSearch2SearchBackend(ChineseBackendMixin, OpenSearch2SearchBackend):
    pool_size_option = "pool_maxsize"
    mapping_class = ChineseOpenSearch2Mapping
    query_compiler_class = ChineseOpenSearch2SearchQueryCompiler
    autocomplete_query_compiler_class = ChineseOpenSearch2AutocompleteQueryCompiler


SearchBackend = ChineseOpenSearch2SearchBackend
