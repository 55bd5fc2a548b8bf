"""Test-only transport shim: lets the Elasticsearch 8 client talk to osmem-server.

The 8.x client sends ``application/vnd.elasticsearch+json; compatible-with=8``
and refuses servers that do not answer ``X-Elastic-Product: Elasticsearch``;
osmem-server (OpenSearch-compatible) speaks plain ``application/json``.
"""

from elastic_transport import HttpHeaders, Urllib3HttpNode

_MEDIA_TYPES = {
    "application/vnd.elasticsearch+json; compatible-with=8": "application/json",
    "application/vnd.elasticsearch+x-ndjson; compatible-with=8": "application/x-ndjson",
}


class OsmemNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in headers:
                headers[name] = _MEDIA_TYPES.get(headers[name], headers[name])
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response
