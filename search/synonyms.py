"""Synonyms in force: the team's file, the government part of 同义词词林, and the administrators' ``Synonym`` entries."""

from django.core.cache import cache

from search.models import Synonym
from search.scope import scoped
from search.text import default_synonyms, merge_synonyms, parse_synonym_rules
from search.text.thesaurus import thesaurus_synonyms

CACHE_KEY = "search:synonyms:v1"
CACHE_SECONDS = 300


def database_synonyms():

    cached = cache.get(CACHE_KEY)
    if cached is None:
        cached = [Synonym.split(terms) for terms in Synonym.objects.values_list("terms", flat=True)]
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return parse_synonym_rules(cached)


def current_synonyms():
    """``{term: {equivalent, ...}}`` from the files and the database (merged once per search scope)."""
    return scoped(("synonyms",), lambda: merge_synonyms(default_synonyms(), thesaurus_synonyms(), database_synonyms()))


def clear_cache(**kwargs):
    cache.delete(CACHE_KEY)
