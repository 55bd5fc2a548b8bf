"""A three-node OpenSearch cluster (three launcher processes on 127.0.0.1), indexes with one replica.

Stop the node holding the primary of the page index: searches through the site still answer,
completely, from the replica, and /healthz/ reports the engine yellow; start it again and the
cluster returns to green.
"""

import contextlib
import io
import json
import subprocess
import time
import urllib.request
from pathlib import Path

from django.core.management import call_command

import pytest

from disclosure.models import PolicyDocumentPage
from search.tests.engine.conftest import RUN_PREFIX, Engine, engine_settings

pytestmark = pytest.mark.django_db

ENGINE_DIR = Path(__file__).resolve().parents[2] / "engine"
NAMES = ("cluster-1", "cluster-2", "cluster-3")
HTTP_PORTS = (9261, 9262, 9263)
TRANSPORT_PORTS = (9361, 9362, 9363)
URLS = [f"http://127.0.0.1:{port}" for port in HTTP_PORTS]


class Cluster:
    def __init__(self, root: Path):
        self.root = root
        self.processes: dict[str, subprocess.Popen] = {}
        classpath = (ENGINE_DIR / "target" / "classpath.txt").read_text().strip()
        self.classpath = f"{ENGINE_DIR / 'target' / 'classes'}:{classpath}"

    def start(self, name):
        i = NAMES.index(name)
        home = self.root / name
        home.mkdir(exist_ok=True)
        command = ["java", "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", self.classpath]
        command += ["gongkai.engine.Launcher", "--cluster", "gongkai-tier-cluster", "--name", name]
        command += ["--http-port", str(HTTP_PORTS[i]), "--transport-port", str(TRANSPORT_PORTS[i])]
        command += ["--home", str(home), "--seeds", ",".join(f"127.0.0.1:{p}" for p in TRANSPORT_PORTS)]
        command += ["--managers", ",".join(NAMES)]
        log = open(home / "launcher.log", "ab")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        log.close()

    def stop(self, name):
        process = self.processes.pop(name)
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def health(self, url=None, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        for candidate in [url] if url else [URLS[NAMES.index(n)] for n in self.processes]:
            try:
                with urllib.request.urlopen(f"{candidate}/_cluster/health?{query}", timeout=40) as response:  # noqa: S310
                    return json.load(response)
            except OSError:
                continue
        return {}

    def wait_for(self, status, nodes, timeout=240):
        """Wait for ``nodes`` nodes and health ``status`` or better (``yellow``: yellow or green)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    log = (self.root / name / "launcher.log").read_text(errors="replace")[-3000:]
                    pytest.fail(f"{name} exited with {process.returncode}:\n{log}")
            health = self.health(wait_for_status=status, wait_for_nodes=nodes, timeout="5s")
            good = ("green",) if status == "green" else ("yellow", "green")
            if health.get("status") in good and health.get("number_of_nodes") == nodes:
                return health
            time.sleep(1)
        pytest.fail(f"cluster not {status} with {nodes} nodes within {timeout} s: {self.health()}")

    def stop_all(self):
        for name in list(self.processes):
            self.stop(name)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        for name in NAMES:
            cluster.start(name)
        cluster.wait_for("green", 3)
        yield cluster
    finally:
        cluster.stop_all()


@pytest.fixture
def cluster_engine(cluster, settings):
    from wagtail.search.backends import get_search_backend

    prefix = f"{RUN_PREFIX}cluster_"
    backend_settings = engine_settings(URLS[0], "smartcn", prefix=prefix)
    backend_settings["URLS"] = URLS
    backend_settings["INDEX_SETTINGS"] = {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 1}}}
    settings.WAGTAILSEARCH_BACKENDS = {"default": backend_settings}
    engine = Engine(get_search_backend("default"), prefix)
    engine.rebuild()
    yield engine
    with contextlib.suppress(Exception):  # the cluster is stopped right after anyway
        engine.drop()


def site_titles(client, q):
    response = client.get("/search/", {"q": q, "type": "policy"})
    assert response.status_code == 200
    return response.content.decode()


def test_cluster_survives_losing_a_node(cluster, cluster_engine, documents, client):
    call_command("update_index", backend_name="default", stdout=io.StringIO())
    cluster.wait_for("green", 3)
    cluster_engine.refresh()
    index = cluster_engine.page_index()
    (concrete,) = [i.name for i in index.aliased_indices()]
    shards = cluster_engine.client.cat.shards(index=concrete, format="json")
    assert sorted(s["prirep"] for s in shards) == ["p", "r"]
    assert all(s["state"] == "STARTED" for s in shards)
    primary_node = next(s["node"] for s in shards if s["prirep"] == "p")

    expected = {d.title for d in documents.values()}
    assert {p.title for p in PolicyDocumentPage.objects.live().search("示例市")} == expected
    assert "search-engine: green, 3 node(s)" in client.get("/healthz/").content.decode()

    cluster.stop(primary_node)
    health = cluster.wait_for("yellow", 2)
    # The replica is promoted; the lost copy waits (index.unassigned.node_left.delayed_timeout).
    assert health["status"] == "yellow" and health["unassigned_shards"] >= 1
    # Every search still answers, completely, whichever host the client tries first.
    for _ in range(10):
        assert {p.title for p in PolicyDocumentPage.objects.live().search("示例市")} == expected
    html = site_titles(client, "信息公开")
    assert "共 1 条" in html and "示例市2024年政府<mark>信息公开</mark>工作要点" in html
    healthz = client.get("/healthz/")
    assert healthz.status_code == 200 and "search-engine: yellow, 2 node(s)" in healthz.content.decode()

    cluster.start(primary_node)
    cluster.wait_for("green", 3)
    assert "search-engine: green, 3 node(s), 0 unassigned shard(s)" in client.get("/healthz/").content.decode()
    assert {p.title for p in PolicyDocumentPage.objects.live().search("示例市")} == expected
