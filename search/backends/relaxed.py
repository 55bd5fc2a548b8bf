"""The relaxed search of the database backends: entries matching most of a query's terms, found in one pass.

When every term of a question finds less than a page, the site search
(``search.query.relaxed_results``) asks for the pages matching most of them,
ranked by how many terms they match, then by the backend's score.  Searching
each subset of terms as a strict query costs a ranked query (two tiers, their
filter checks, the objects) per subset, and the subsets grow combinatorially.
``MostTermsMixin`` answers from the terms instead:

1. ``term_matches``: for each term (with its synonyms) the entries it matches in
   the title, and in the title or body, one statement for every term and no
   ranking;
2. the entries are grouped by the number of terms they match, and within it by
   whether their title matches every one of them (the title tier of the strict
   search); groups below ``RelaxedTerms.minimum`` are dropped;
3. best group first, only as many groups as could fill the limit are scored
   (``term_scores``) with the backend's own ranking of the terms OR-ed together:
   bm25 on SQLite, ``ts_rank`` on PostgreSQL.  The score of an OR is that of the
   terms an entry has, plus the pieces (bigrams) it has of the others.  A group
   of thousands is scored a part at a time (``MostTermsMixin.MOST_TERMS_SCORED``);
4. the scored entries are checked against the queryset's filters (``passing``)
   best first, a window at a time, until the limit is filled.

``search.backends.matches`` provides the hooks for each database's results
class; inside a search scope (``search.scope``) step 1 is shared by the second
relaxed search a type filter runs for the facets.  ``search.query`` uses
``most_terms`` where the backend has it and one strict query per subset of
terms elsewhere (the engines, stock modelsearch).
"""

from __future__ import annotations

from search.text.analysis import RelaxedTerms


class MostTermsMixin:
    """``most_terms``: the results matching most of some terms, best first (see the module docstring)."""

    #: Fewest rows looked up in the queryset at a time.
    MOST_TERMS_WINDOW = 50
    #: Most entries of one group scored at a time (see ``most_terms``).
    MOST_TERMS_SCORED = 500

    def most_terms(self, relaxed: RelaxedTerms, limit: int, exclude=()) -> list:
        """Objects of this search's queryset matching at least ``relaxed.minimum`` of ``relaxed.terms``.

        Ranked by terms matched (at most ``relaxed.most``), title matching all of
        them, score, then primary key (descending); objects whose primary key is
        in ``exclude`` (the strict results shown) are left out.  At most ``limit``.

        A group larger than ``MOST_TERMS_SCORED`` (every entry with two common
        terms of three) is scored in parts of that size, entries with more terms
        in the title and then the latest first, and a part only when the parts
        before it did not fill the limit: ranking thousands of entries costs
        more than the rest of the search (on PostgreSQL, detoasting every body).
        """
        expressions = tuple(self.term_expression(term) for term in relaxed.terms)
        groups: dict[tuple[int, bool], list] = {}
        for key, (anywhere, in_title) in self.term_matches(expressions).items():
            matched = anywhere.bit_count()
            if matched >= relaxed.minimum:
                group = (min(matched, relaxed.most), in_title == anywhere)
                groups.setdefault(group, []).append((in_title.bit_count(), key))
        parts = []  # ((terms matched, title tier, -part), keys), best first
        for (matched, title_tier), members in groups.items():
            members.sort(reverse=True)
            for part, start in enumerate(range(0, len(members), self.MOST_TERMS_SCORED)):
                keys = [key for _in_title, key in members[start : start + self.MOST_TERMS_SCORED]]
                parts.append(((matched, title_tier, -part), keys))
        parts.sort(key=lambda item: item[0], reverse=True)
        excluded = set(exclude)
        rows = []  # (terms matched, title tier, -part, score, pk)
        while parts and len(rows) < limit:
            # Parts, best first, until they could fill the limit; scored in one query.
            batch = []
            while parts and len(batch) < limit - len(rows):
                rank, keys = parts.pop(0)
                batch.extend((rank, key) for key in keys)
            scores = self.term_scores(expressions, [key for _rank, key in batch])
            ranked = []  # (terms matched, title tier, -part, score, key)
            for rank, key in batch:
                anywhere, in_title = scores.get(key, (0.0, 0.0))
                ranked.append((*rank, in_title if rank[1] else anywhere, key))
            ranked.sort(key=lambda row: row[:4], reverse=True)
            # Filters are checked in windows of the best rows, not for every row scored.
            position = 0
            while position < len(ranked) and len(rows) < limit:
                end = position + max(self.MOST_TERMS_WINDOW, 2 * (limit - len(rows)))
                while end < len(ranked) and ranked[end][:4] == ranked[end - 1][:4]:
                    end += 1  # ties stay together, so the primary key orders them
                window = ranked[position:end]
                passed = self.passing([row[4] for row in window])
                rows.extend(
                    (*row[:4], passed[row[4]]) for row in window if row[4] in passed and passed[row[4]] not in excluded
                )
                position = end
        rows.sort(reverse=True)
        return self.load_ranked([(row[4], row[3]) for row in rows[:limit]])

    def term_expression(self, text: str) -> str:
        """The backend's boolean expression of one term and its synonyms; ``""`` if it has no token."""
        raise NotImplementedError

    def term_matches(self, expressions: tuple[str, ...]) -> dict:
        """``{key: (anywhere, in_title)}``: bit ``i`` of each mask set when ``expressions[i]`` matches.

        ``anywhere`` is the title or the body, ``in_title`` the title alone; a key
        names an entry (an FTS rowid, a primary key), any entry that matches a term.
        """
        raise NotImplementedError

    def passing(self, keys: list) -> dict:
        """``{key: pk}`` of the keys whose object is in this search's queryset."""
        raise NotImplementedError

    def term_scores(self, expressions: tuple[str, ...], keys: list) -> dict:
        """``{key: (anywhere score, title score)}`` of the expressions OR-ed together, higher is better."""
        raise NotImplementedError
