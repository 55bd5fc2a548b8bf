#!/usr/bin/env bash
# Front cache benchmark: wrk on loopback against
#   1. the app alone (gunicorn, production settings, 3 workers x 2 threads),
#   2. Varnish in front of it (docker/varnish/default.vcl), cached,
#   3. nginx serving a saved copy of the same pages (the machine's physical limit),
# for the home page and a document page; then how long after a publish the page that
# Varnish serves changes.
#
#   DATABASE_URL=postgres://.../gk_demo bench/cache.sh      (make bench-cache)
#
# Needs the demo content in DATABASE_URL (make demo) and Debian's varnish, nginx,
# redis-server and wrk. DURATION (default 10 s), CONNECTIONS (default 8).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a database with the demo content}"
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
PY=${PY:-.venv/bin/python}
tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP=$(port); VARNISH=$(port); NGINX=$(port); REDIS=$(port)

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export REDIS_URL="redis://127.0.0.1:$REDIS/0"
export STATIC_ROOT="$tmp/static" GONGKAI_TRUSTED_PROXIES=127.0.0.1
export GONGKAI_FRONTEND_CACHE_URLS="http://127.0.0.1:$VARNISH"
# wrk sends every request from one address: without this the search rate limit answers 429.
export GONGKAI_SEARCH_RATE_LIMIT=0
export GUNICORN_WORKERS=${GUNICORN_WORKERS:-3} GUNICORN_THREADS=${GUNICORN_THREADS:-2} LOG_LEVEL=ERROR

redis-server --port "$REDIS" --bind 127.0.0.1 --save "" --dir "$tmp" >"$tmp/redis.log" 2>&1 & pids+=($!)
"$PY" manage.py collectstatic --noinput >/dev/null
"$PY" -m gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$APP" --access-logfile /dev/null \
    config.wsgi:application >"$tmp/app.log" 2>&1 & pids+=($!)
GUNICORN=$!

mkdir -p "$tmp/vcl"
cat >"$tmp/vcl/backends.vcl" <<VCL
probe healthz { .request = "GET /healthz/ HTTP/1.1" "Host: 127.0.0.1" "X-Forwarded-Proto: https" "Connection: close"; .interval = 2s; }
backend app1 { .host = "127.0.0.1"; .port = "$APP"; .probe = healthz; }
acl purgers { "127.0.0.1"; }
sub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }
sub gongkai_retry_backend { set bereq.backend = app1; }
VCL
cp docker/varnish/default.vcl "$tmp/vcl/"
varnishd -F -n "$tmp/varnish" -a "127.0.0.1:$VARNISH" -T "127.0.0.1:$(port)" -p "vcl_path=$tmp/vcl" -f "$tmp/vcl/default.vcl" -s malloc,128m >"$tmp/varnish.log" 2>&1 & pids+=($!)

H=(-H "Host: 127.0.0.1" -H "X-Forwarded-Proto: https")
for _ in $(seq 120); do curl -sf "${H[@]}" "http://127.0.0.1:$APP/healthz/" >/dev/null && break; sleep 0.5; done
for _ in $(seq 60); do curl -s -o /dev/null "${H[@]}" "http://127.0.0.1:$VARNISH/" && break; sleep 0.5; done

DOCUMENT=$("$PY" manage.py shell -c "from disclosure.models import PolicyDocumentPage as P; print(P.objects.live().order_by('-published_at').first().url)" | tail -1)
DOCUMENT_ID=$("$PY" manage.py shell -c "from disclosure.models import PolicyDocumentPage as P; print(P.objects.live().order_by('-published_at').first().pk)" | tail -1)

# nginx: a saved copy of the same two pages.
mkdir -p "$tmp/www$DOCUMENT"
curl -sf "${H[@]}" "http://127.0.0.1:$APP/" >"$tmp/www/index.html"
curl -sf "${H[@]}" "http://127.0.0.1:$APP$DOCUMENT" >"$tmp/www${DOCUMENT}index.html"
cat >"$tmp/nginx.conf" <<NGINX
worker_processes 2; pid $tmp/nginx.pid; error_log $tmp/nginx-error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $tmp; proxy_temp_path $tmp; fastcgi_temp_path $tmp;
       uwsgi_temp_path $tmp; scgi_temp_path $tmp; default_type text/html;
       server { listen 127.0.0.1:$NGINX; root $tmp/www; } }
NGINX
nginx -c "$tmp/nginx.conf" & pids+=($!)
sleep 1

run() {  # name port path
    local out rps p50
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "${H[@]}" "http://127.0.0.1:$2$3")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
    printf '| %-22s | %-40s | %10s | %8s | %s\n' "$1" "$3" "$rps" "$p50" "${errors:-}|"
}

echo "machine: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNECTIONS -d${DURATION}s"
echo "| server                 | page                                     |  req/s     | p50      | errors"
echo "|------------------------|------------------------------------------|------------|----------|-------"
for page in / "$DOCUMENT"; do
    curl -s -o /dev/null "${H[@]}" "http://127.0.0.1:$VARNISH$page"   # warm
    run "app (gunicorn)" "$APP" "$page"
    run "varnish (cached)" "$VARNISH" "$page"
    run "nginx (static copy)" "$NGINX" "$page"
done
# The search page is never cached (rate limit, query log): the app alone.
run "app (gunicorn)" "$APP" "/search/?q=%E9%80%9A%E7%9F%A5"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Memory of each gunicorn worker after the load (the issue's target: under 250 MB).
echo "gunicorn worker RSS after the load: $(ps -o rss= --ppid "$GUNICORN" | awk '{printf "%d MiB ", $1/1024}')"
echo "varnish hit ratio: $(varnishstat -n "$tmp/varnish" -1 -f MAIN.cache_hit -f MAIN.cache_miss | awk '{print $1"="$2}' | tr '\n' ' ')"

# After a publish: how long until Varnish serves the new title.
marker="基准测试更新$(date +%s)"
before=$(curl -s "${H[@]}" "http://127.0.0.1:$VARNISH$DOCUMENT" -D - -o /dev/null | awk 'tolower($1)=="x-cache:" {print $2}')
# Publish and poll Varnish from the same process, so that interpreter start-up is not counted.
"$PY" manage.py shell -c "
import time, urllib.request
from disclosure.models import PolicyDocumentPage as P
page = P.objects.get(pk=$DOCUMENT_ID)
page.title = page.title.split('（')[0] + '（$marker）'
page.save_revision().publish()
published = time.time()
request = urllib.request.Request('http://127.0.0.1:$VARNISH$DOCUMENT', headers={'Host': '127.0.0.1', 'X-Forwarded-Proto': 'https'})
tries = 0
while time.time() - published < 30:
    tries += 1
    sent = time.time()
    body = urllib.request.urlopen(request).read().decode()
    if '$marker' in body:
        print(f'after publish: request {tries}, sent {sent - published:.3f} s after the publish returned, got the new title; '
              f'it took {time.time() - sent:.3f} s (Varnish fetching the purged page from the app)')
        break
    time.sleep(0.02)
else:
    print('after publish: Varnish still served the old page 30 s later')
" | tail -1
echo "(the document was a cache $before before the publish)"
