# Varnish in front of the Gongkai app servers (Debian's varnish 7, VCL 4.1).
#
# The app decides what may be cached (frontcache/policy.py sends Cache-Control);
# this file only makes the cache key sane and handles purges:
#   * public pages are looked up with the Cookie header reduced to the elder-mode
#     cookie (the only cookie that changes a public page), so each page is kept at
#     most twice; requests carrying a session or a flash message go to the app;
#   * Accept-Language is dropped: the site has one language (add it back to the
#     hash if LANGUAGES grows);
#   * PURGE from the app servers bans every cached variant of a path (any query
#     string, with or without the elder mode);
#   * a request that finds its app server gone is retried on another one.
#
# The app servers, the probe, who may purge and the retry order are in backends.vcl,
# found on varnishd's vcl_path (Debian's default includes /etc/varnish): docker/varnish/compose/backends.vcl in the image (the web service);
# tests/cluster and bench/cache.sh copy this file next to one they generate.

vcl 4.1;

import directors;
import std;

include "backends.vcl";

sub vcl_recv {
    unset req.http.x-gongkai-failed;

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Path without its query: every listing page, filter and feed variant goes.
        ban("obj.http.x-gongkai-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|search|healthz|elder-mode)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Accept-Language;
    if (req.http.Cookie ~ "(^|;\s*)elder_mode=1(;|$)") {
        set req.http.Cookie = "elder_mode=1";
    } else {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.retries == 0) {
        set bereq.backend = app.backend();
    } else {
        # Not the server that just failed (backends.vcl knows their names).
        call gongkai_retry_backend;
    }
}

sub vcl_backend_response {
    # Remembered on the object so that PURGE can ban by path; stripped on delivery.
    set beresp.http.x-gongkai-path = regsub(bereq.url, "\?.*$", "");
    # While every app server is down, serve what we have for up to an hour.
    set beresp.grace = 1h;
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        return (deliver);
    }
}

sub vcl_backend_error {
    # Connection refused or reset: the app server is stopping or gone. Idempotent requests
    # try the other server; the health probe takes the dead one out within a few seconds.
    set bereq.http.x-gongkai-failed = beresp.backend;
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.x-gongkai-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
