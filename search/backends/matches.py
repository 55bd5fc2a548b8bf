"""What one search reads from a database index once: the entries a text matches, and each relaxed term's entries.

A results page counts the same matches many times (the total, then one count
per type facet), and a question's relaxed search may run twice (in its type,
then in every type for the facets).  Inside a search scope (``search.scope``)
the results classes here read them once:

* ``scoped_count``: every entry the query matches is read once, as object
  primary keys by content type (``matching_objects``), and each count is the
  queryset's share of them (``count_matches``): a facet whose type has no match
  costs no query.  Outside a scope the backend counts as before;
* the hooks of ``search.backends.relaxed.MostTermsMixin``: each term's entries,
  in the title and anywhere, one statement for every term; their scores.

``SQLiteMatchesMixin`` and ``PostgresMatchesMixin`` are mixed into each
backend's results class, which sets ``entry_model``.  The PostgreSQL helpers
(``planner_settings``) import nothing of PostgreSQL's, so this module loads on
either database.
"""

from __future__ import annotations

import contextlib
import json

from django.db import connections, transaction
from django.db.models.expressions import RawSQL

from modelsearch.utils import get_descendants_content_types_pks

from search.scope import in_search_scope, scoped

from .relaxed import MostTermsMixin
from .segmented import batched, fts5_expression, has_integer_pk, query_string, query_variants, tsquery_expression


def count_matches(queryset, matches: dict[int, list[int]], start: int = 0, stop: int | None = None) -> int:
    """How many of ``queryset`` are among ``matches`` (``{content type pk: [object pks]}``), sliced ``start:stop``."""
    pks = [pk for ct in get_descendants_content_types_pks(queryset.model) for pk in matches.get(ct, ())]
    total = queryset.filter(pk__in=pk_list(queryset.db, pks)).count() if pks else 0
    total = max(total - (start or 0), 0)
    return total if stop is None else min(total, stop - (start or 0))


def pk_list(alias: str, pks: list[int]) -> RawSQL:
    """A subquery of integer primary keys, passed to the database as one parameter.

    ``pk__in`` with thousands of values costs more in the ORM, which builds a
    parameter per value, than the database takes to count them.
    """
    if connections[alias].vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [[int(pk) for pk in pks]])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps([int(pk) for pk in pks])])


def _by_content_type(rows) -> dict[int, list[int]]:
    """``{content type pk: [object pks]}`` of ``(content type pk, object id)`` rows."""
    found: dict[int, list[int]] = {}
    for content_type_id, object_id in rows:
        if object_id.isdigit():  # other models' keys are never an integer primary key
            found.setdefault(content_type_id, []).append(int(object_id))
    return found


def known_entries(alias: str) -> dict[int, tuple[int, str]]:
    """``{entry id: (content type pk, object id)}`` of the SQLite index entries this search scope has read.

    Shared and filled in place (an entry's id names the same object for the whole
    scope); outside a scope, a new empty dict each time.
    """
    return scoped(("sqlite-entries", alias), dict)


def entry_rows(entry_model, alias: str, entry_ids) -> list[tuple[int, int, str]]:
    """``(entry id, content type pk, object id)`` of SQLite index entries, those this scope has read without a query."""
    known = known_entries(alias)
    rows = [(entry_id, *known[entry_id]) for entry_id in entry_ids if entry_id in known]
    for chunk in batched([entry_id for entry_id in entry_ids if entry_id not in known], 5000):
        rows.extend(
            entry_model._default_manager.using(alias)
            .filter(id__in=chunk)
            .values_list("id", "content_type_id", "object_id")
        )
    return rows


class MatchesMixin(MostTermsMixin):
    """Counts from the matches read once per search scope, and the relaxed search's hooks."""

    #: The backend's index entry model.
    entry_model = None
    # Mixed in before ``BoundedCountMixin``: a text matching more than its
    # ``COUNT_EXACT_LIMIT`` entries is counted as outside a scope (exact to the
    # limit, then an estimate).  Reading the 50,000 matches of 通知 at 100,000
    # documents would cost more than the counts it saves.

    def _do_count(self):
        count = self.scoped_count()
        return self.count_unscoped() if count is None else count

    def count_unscoped(self) -> int:
        return super()._do_count()

    def scoped_count(self) -> int | None:
        """This search's count inside a search scope, from ``matching_objects``; ``None`` outside one or past its bound."""
        queryset = self.query_compiler.queryset
        if not in_search_scope() or not has_integer_pk(queryset.model):
            return None
        matches = self.matching_objects()
        return None if matches is None else count_matches(queryset, matches, self.start, self.stop)

    def matching_objects(self) -> dict[int, list[int]] | None:
        """``{content type pk: [object pks]}`` of every entry a plain-text query matches.

        ``None`` for other queries, and when the text matches more than ``COUNT_EXACT_LIMIT`` entries.
        """
        raise NotImplementedError


class SQLiteMatchesMixin(MatchesMixin):
    """On SQLite FTS5: relaxed keys are FTS rowids (index entry ids), scores bm25 with the strict search's weights."""

    def matching_objects(self):
        compiler = self.query_compiler
        expression = compiler.match_expression()
        if expression is None:
            return None
        if not expression:
            return {}
        return scoped(("sqlite-matches", compiler.queryset.db, expression), lambda: self._read_matches(expression))

    def _read_matches(self, expression):
        compiler = self.query_compiler
        connection = connections[compiler.queryset.db]
        fts, entry = compiler._fts_table(), connection.ops.quote_name(self.entry_model._meta.db_table)
        # At most COUNT_EXACT_LIMIT + 1 matches, each probed in the entries by its
        # FTS rowid (the entry's primary key; CROSS JOIN keeps FTS5 outer): one statement.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, e.content_type_id, e.object_id FROM {fts} CROSS JOIN {entry} e ON e.id = {fts}.rowid "  # noqa: S608
                f"WHERE {fts} MATCH %s LIMIT %s",
                [expression, self.COUNT_EXACT_LIMIT + 1],
            )
            rows = cursor.fetchall()
        if len(rows) > self.COUNT_EXACT_LIMIT:
            return None
        # The ranking looks its rows' entries up here rather than in the database.
        known_entries(compiler.queryset.db).update((entry_id, (ct, object_id)) for entry_id, ct, object_id in rows)
        return _by_content_type((ct, object_id) for _entry_id, ct, object_id in rows)

    def most_terms(self, relaxed, limit, exclude=()):
        compiler = self.query_compiler
        if not compiler.TITLE_BM25_WEIGHTS or not has_integer_pk(compiler.queryset.model):
            return None
        return super().most_terms(relaxed, limit, exclude)

    def term_expression(self, text):
        variants = query_variants(text)
        return fts5_expression(variants) if variants else ""

    def term_matches(self, expressions, minimum=1):
        compiler = self.query_compiler
        fts = compiler._fts_table()

        def read():
            parts, params = [], []
            for i, expression in enumerate(expressions):
                if expression:
                    for in_title, columns in ((0, " ".join(compiler.FTS_COLUMNS)), (1, "title")):
                        anywhere, title = (0, 1 << i) if in_title else (1 << i, 0)
                        parts.append(
                            f"SELECT rowid AS r, {anywhere} AS a, {title} AS t FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608
                        )
                        params.append("{" + columns + "} : (" + expression + ")")
            if not parts:
                return {}
            # Grouped in SQLite: a common term (公积金, half the catalogue) matches
            # thousands of entries that match no other term and are dropped here.
            sql = f"SELECT r, SUM(a), SUM(t) FROM ({' UNION ALL '.join(parts)}) GROUP BY r HAVING SUM(a > 0) >= %s"  # noqa: S608
            with connections[compiler.queryset.db].cursor() as cursor:
                cursor.execute(sql, [*params, minimum])
                return {rowid: (anywhere, title) for rowid, anywhere, title in cursor.fetchall()}

        return scoped(("sqlite-terms", compiler.queryset.db, expressions, minimum), read)

    def passing(self, keys):
        compiler = self.query_compiler
        passed, refused = {}, set()
        content_types = set(get_descendants_content_types_pks(compiler.queryset.model))
        compiler._check_rows(dict.fromkeys(keys, 0.0), content_types, passed, refused)
        return {rowid: pk for rowid, (pk, _score) in passed.items()}

    def term_scores(self, expressions, keys):
        compiler = self.query_compiler
        either = " OR ".join(f"({expression})" for expression in expressions if expression)
        if not keys or not either:
            return {}
        fts = compiler._fts_table()
        # Unary "+": the MATCH drives and bm25 is computed for the rows asked for
        # only (pushed into FTS5, each rowid would evaluate the whole expression).
        sql = (
            f"SELECT rowid, -{compiler._bm25(compiler.BM25_WEIGHTS)}, -{compiler._bm25(compiler.TITLE_BM25_WEIGHTS)} "  # noqa: S608
            f"FROM {fts} WHERE {fts} MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))"
        )
        with connections[compiler.queryset.db].cursor() as cursor:
            cursor.execute(sql, ["{" + " ".join(compiler.FTS_COLUMNS) + "} : (" + either + ")", json.dumps(keys)])
            return {rowid: (anywhere, title) for rowid, anywhere, title in cursor.fetchall()}


def set_config_statement(values: dict) -> tuple[str, list]:
    """``SELECT set_config(...)`` of ``values`` (name: value), local to the transaction, and its parameters."""
    sql = "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in values)
    return sql, [item for name, value in values.items() for item in (name, str(value))]


@contextlib.contextmanager
def planner_settings(connection, **settings):
    """PostgreSQL planner settings for the statements inside, local to a transaction.

    Outside a transaction the settings end with the one opened here. Inside one (a request
    with ``ATOMIC_REQUESTS``, a test) they are restored at the end, without a savepoint:
    the statements inside only read, and a savepoint and its release would be two more
    round trips on every search that needs these plans.
    """
    names = list(settings)
    outer = connection.in_atomic_block
    with transaction.atomic(using=connection.alias, savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join("current_setting(%s), set_config(%s, %s, true)" for _ in names),
                [value for name in names for value in (name, name, str(settings[name]))],
            )
            previous = cursor.fetchone()[::2]
        yield
        if outer:
            with connection.cursor() as cursor:
                cursor.execute(*set_config_statement(dict(zip(names, previous, strict=True))))


#: The planner settings of ``gin_plans``.
GIN_PLAN_SETTINGS = {"max_parallel_workers_per_gather": 0, "enable_seqscan": "off"}


def _session_settings(connection, names) -> dict[str, str]:
    """The session's values of the settings ``names``, read once per database connection."""
    raw = connection.connection
    known = getattr(connection, "_gongkai_session_settings", None)
    if known is None or known[0] is not raw or not set(names) <= known[1].keys():
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names), list(names))
            known = (raw, dict(zip(names, cursor.fetchone(), strict=True)))
        connection._gongkai_session_settings = known
    return known[1]


def execute_with_gin_plans(cursor, sql: str, params: list) -> None:
    """Run ``sql`` under ``GIN_PLAN_SETTINGS`` in one round trip; ``cursor`` then holds its rows.

    The settings are set transaction-locally in the same batch of statements (the client-side
    binding of Django's default PostgreSQL cursor sends it as one simple query). Outside a
    transaction the batch is a transaction of its own and they end with it; inside one, the
    batch sets them back to the session's values. With ``server_side_binding`` (no batches
    of statements with parameters) the settings go round trips of their own (``gin_plans``).
    """
    connection = cursor.db
    if connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        with gin_plans(connection):
            cursor.execute(sql, params)
        return
    setting, values = set_config_statement(GIN_PLAN_SETTINGS)
    statements = [setting, sql]
    values += params
    if connection.in_atomic_block:
        restore, restore_values = set_config_statement(_session_settings(connection, list(GIN_PLAN_SETTINGS)))
        statements.append(restore)
        values += restore_values
    cursor.execute("; ".join(statements), values)
    cursor.nextset()  # from the settings' row to the statement's rows


def gin_plans(connection):
    """The ``title || body`` GIN index for a match that keeps thousands of entries.

    Estimating half the table, the planner takes a sequential scan for cheaper,
    but evaluating ``title || body`` detoasts and concatenates both vectors of
    every row: 206 ms against 17 ms through the index for 公积金 at 10,000 documents.
    Only for statements whose one indexed condition is that match: without
    sequential scans the planner would walk any other index it may use.
    """
    return planner_settings(connection, **GIN_PLAN_SETTINGS)


class PostgresMatchesMixin(MatchesMixin):
    """On PostgreSQL: relaxed keys are primary keys, scores ``ts_rank`` as upstream weighs title and body."""

    def _searches_title_and_body(self) -> bool:
        # The autocomplete compiler searches another vector; fields=... searches the columns.
        compiler = self.query_compiler
        return compiler.fields is None and not isinstance(compiler, self.backend.autocomplete_query_compiler_class)

    def _config(self) -> str:
        return self.query_compiler.get_config(self.backend) or "simple"

    def matching_objects(self):
        compiler = self.query_compiler
        text = query_string(compiler.query)
        if text is None or not self._searches_title_and_body():
            return None
        variants = query_variants(text)
        if not variants:
            return {}
        connection, config, expression = connections[compiler.queryset.db], self._config(), tsquery_expression(variants)

        def read():
            with connection.cursor() as cursor:
                execute_with_gin_plans(
                    cursor,
                    f"SELECT content_type_id, object_id FROM {self.entry_model._meta.db_table} "  # noqa: S608
                    "WHERE (title || body) @@ to_tsquery(%s::regconfig, %s) LIMIT %s",
                    [config, expression, self.COUNT_EXACT_LIMIT + 1],
                )
                rows = cursor.fetchall()
            return None if len(rows) > self.COUNT_EXACT_LIMIT else _by_content_type(rows)

        return scoped(("postgres-matches", connection.alias, config, expression), read)

    def most_terms(self, relaxed, limit, exclude=()):
        if not self._searches_title_and_body() or not has_integer_pk(self.query_compiler.queryset.model):
            return None
        return super().most_terms(relaxed, limit, exclude)

    def _content_types(self) -> list[int]:
        return [int(pk) for pk in get_descendants_content_types_pks(self.query_compiler.queryset.model)]

    def term_expression(self, text):
        variants = query_variants(text)
        return tsquery_expression(variants) if variants else ""

    def term_matches(self, expressions, minimum=1):
        # Every entry of every term: the caller drops those matching fewer than ``minimum``.
        connection, config = connections[self.query_compiler.queryset.db], self._config()
        table, wanted = self.entry_model._meta.db_table, set(self._content_types())

        def read():
            parts, params = [], []
            for i, expression in enumerate(expressions):
                if expression:
                    # (title || body) is the expression of the search app's GIN index.  The
                    # content type is checked here, not in SQL: with a btree to choose, a
                    # planner misled by stale statistics (right after a rebuild) walked it
                    # and detoasted every vector.
                    parts.append(
                        f"SELECT {i}, content_type_id, object_id, title @@ to_tsquery(%s::regconfig, %s) "  # noqa: S608
                        f"FROM {table} WHERE (title || body) @@ to_tsquery(%s::regconfig, %s)"
                    )
                    params += [config, expression, config, expression]
            masks: dict[int, tuple[int, int]] = {}
            if parts:
                with connection.cursor() as cursor:
                    execute_with_gin_plans(cursor, " UNION ALL ".join(parts), params)
                    for i, content_type_id, object_id, in_title in cursor.fetchall():
                        if content_type_id in wanted:
                            pk = int(object_id)
                            anywhere, title = masks.get(pk, (0, 0))
                            masks[pk] = (anywhere | 1 << i, title | (1 << i if in_title else 0))
            return masks

        return scoped(("postgres-terms", connection.alias, config, tuple(sorted(wanted)), expressions), read)

    def passing(self, keys):
        queryset = self.query_compiler.queryset
        return {pk: pk for pk in queryset.filter(pk__in=pk_list(queryset.db, keys)).values_list("pk", flat=True)}

    def term_scores(self, expressions, keys):
        either = " | ".join(f"({expression})" for expression in expressions if expression)
        if not keys or not either:
            return {}
        compiler = self.query_compiler
        content_types = ", ".join(map(str, self._content_types())) or "NULL"
        # Joined to the keys: "object_id = ANY(keys)" would compare every entry with every key.
        sql = (
            f"SELECT e.object_id, ts_rank(%s::float4[], e.title, q) * e.title_norm, ts_rank(%s::float4[], e.body, q) "  # noqa: S608
            f"FROM {self.entry_model._meta.db_table} e JOIN unnest(%s::text[]) AS k (object_id) "
            f"ON e.object_id = k.object_id, to_tsquery(%s::regconfig, %s) AS q WHERE e.content_type_id IN ({content_types})"
        )
        weights = compiler.sql_weights
        with connections[compiler.queryset.db].cursor() as cursor:
            cursor.execute(sql, [weights, weights, [str(key) for key in keys], self._config(), either])
            return {int(object_id): (title + body, title) for object_id, title, body in cursor.fetchall()}
