"""Elasticsearch 9 variant of ``search.backends.elasticsearch`` (needs the 9.x client)."""

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)

from .elasticsearch import ChineseBackendMixin, ChineseMappingMixin, ChineseQueryMixin


class ChineseElasticsearch9Mapping(ChineseMappingMixin, Elasticsearch9Mapping):
    pass


class ChineseElasticsearch9SearchQueryCompiler(ChineseQueryMixin, Elasticsearch9SearchQueryCompiler):
    mapping_class = ChineseElasticsearch9Mapping


class ChineseElasticsearch9AutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    DEFAULT_OPERATOR = "and"
    mapping_class = ChineseElasticsearch9Mapping


class ChineseElasticsearch9SearchBackend(ChineseBackendMixin, Elasticsearch9SearchBackend):
    mapping_class = ChineseElasticsearch9Mapping
    query_compiler_class = ChineseElasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = ChineseElasticsearch9AutocompleteQueryCompiler


SearchBackend = ChineseElasticsearch9SearchBackend
