"""The atomic rebuild of the engine backends: the alias switched in one request, bulk requests pipelined."""

from __future__ import annotations

import inspect
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from modelsearch.index import class_is_indexed

#: Bulk requests a rebuild keeps in flight: the engine analyses one request on one thread.
BULK_IN_FLIGHT = 2


class PipelinedBulkIndex:
    """The index being rebuilt: chunks' bulk requests are sent while the next chunk is prepared.

    Building the documents (text extraction) is Python's work and analysing them is the
    engine's; overlapping the two took a 10,000-document rebuild on 2 cores from 269 to 359
    documents/s. The engine analyses a bulk request on one thread, so with one request at a
    time it used one core however many the machine has; two in flight took the same rebuild
    (a warm node, the machine loaded 3-4 by other work) from 310-408 to 432-507 documents/s.
    The documents are built in the calling thread (its database connection sees the
    caller's transaction); only the requests are sent from the workers. A request's error is
    raised at a later chunk or at ``close``.
    """

    def __init__(self, index, in_flight=BULK_IN_FLIGHT):
        self.index = index
        self.in_flight = in_flight
        self.executor = ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="search-bulk")
        self.pending = deque()

    def __getattr__(self, name):
        return getattr(self.index, name)

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        mapping = self.index.mapping_class(model)
        actions = [{"_id": mapping.get_document_id(item), **mapping.get_document(item)} for item in items]
        while len(self.pending) >= self.in_flight:
            self.pending.popleft().result()
        if actions:
            self.pending.append(
                self.executor.submit(self.index.backend.bulk, self.index.es, actions, index=self.index.name)
            )

    def wait(self):
        while self.pending:
            self.pending.popleft().result()

    def close(self):
        try:
            self.wait()
        finally:
            self.executor.shutdown()


#: Index settings while a rebuilt index is loaded; the configured values (or the engine's
#: defaults) come back before it serves searches.
LOADING_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}


def flat_settings(settings: dict, prefix: str = "") -> dict:
    """``{"translog": {"durability": "async"}}`` as ``{"translog.durability": "async"}``."""
    flat = {}
    for key, value in settings.items():
        if isinstance(value, dict):
            flat.update(flat_settings(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


class SwapAliasRebuilder(ElasticsearchAtomicIndexRebuilder):
    """Atomic rebuild whose alias switch is one request: no search sees both indices.

    The new index serves no search until the switch, so it is loaded with ``LOADING_SETTINGS``:
    no periodic refreshes (each writes a segment the engine merges again later), no replicas
    (copied once at the end instead of indexing every document again on another node), and
    the translog synced every few seconds rather than at every bulk request. The configured
    settings come back, and the index is flushed (durable) and refreshed, before the switch.
    """

    def start(self):
        super().start()
        configured = flat_settings(self.index.backend.settings.get("settings", {}).get("index", {}))
        self.restore = {key: configured.get(key) for key in LOADING_SETTINGS}
        self._put_settings(LOADING_SETTINGS)
        self.pipeline = PipelinedBulkIndex(self.index)
        return self.pipeline

    def _put_settings(self, settings):
        put_settings = self.index.es.indices.put_settings
        body = {"index": settings}
        if "settings" in inspect.signature(put_settings).parameters:
            put_settings(index=self.index.name, settings=body)  # elasticsearch-py 8/9
        else:
            put_settings(index=self.index.name, body=body)  # opensearch-py

    def finish(self):
        self.pipeline.close()
        self._put_settings(self.restore)
        self.index.es.indices.flush(index=self.index.name)
        if not self.alias.is_alias():
            return super().finish()
        self.index.refresh()
        old = [index for index in self.alias.aliased_indices() if index.name != self.index.name]
        actions = [{"remove": {"index": index.name, "alias": self.alias.name}} for index in old]
        actions.append({"add": {"index": self.index.name, "alias": self.alias.name}})
        update_aliases = self.index.es.indices.update_aliases
        if "actions" in inspect.signature(update_aliases).parameters:
            update_aliases(actions=actions)  # elasticsearch-py 8/9
        else:
            update_aliases(body={"actions": actions})  # opensearch-py
        for index in old:
            index.delete()
