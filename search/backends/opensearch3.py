"""OpenSearch 3 variant of ``search.backends.elasticsearch`` (``opensearch-py`` client)."""

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
)

from .elasticsearch import ChineseBackendMixin, ChineseMappingMixin, ChineseQueryMixin


class ChineseOpenSearch3Mapping(ChineseMappingMixin, OpenSearch3Mapping):
    pass


class ChineseOpenSearch3SearchQueryCompiler(ChineseQueryMixin, OpenSearch3SearchQueryCompiler):
    mapping_class = ChineseOpenSearch3Mapping


class ChineseOpenSearch3AutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    DEFAULT_OPERATOR = "and"
    mapping_class = ChineseOpenSearch3Mapping


class ChineseOpenSearch3SearchBackend(ChineseBackendMixin, OpenSearch3SearchBackend):
    pool_size_option = "pool_maxsize"
    mapping_class = ChineseOpenSearch3Mapping
    query_compiler_class = ChineseOpenSearch3SearchQueryCompiler
    autocomplete_query_compiler_class = ChineseOpenSearch3AutocompleteQueryCompiler


SearchBackend = ChineseOpenSearch3SearchBackend
