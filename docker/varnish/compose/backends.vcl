# The app servers behind Varnish in docker-compose.yml: the web service (scale it with
# `docker compose up --scale web=2`; Varnish resolves the name when the VCL is loaded).
# The probe asks /healthz/ with a Host from ALLOWED_HOSTS and the TLS proxy's header.

probe healthz {
    .request = "GET /healthz/ HTTP/1.1"
               "Host: localhost"
               "X-Forwarded-Proto: https"
               "Connection: close";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend web1 {
    .host = "web";
    .port = "8000";
    .probe = healthz;
}

# Who may send PURGE: the app containers on the compose network (docker-compose.yml).
acl purgers {
    "localhost";
    "172.30.0.0"/24;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web1);
}

# A fetch that failed on one server is retried on another (default.vcl); with one
# server, on the same one once its restart is done.
sub gongkai_retry_backend {
    set bereq.backend = web1;
}
