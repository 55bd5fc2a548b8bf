"""The container files stay honest without a Docker engine.

No image is built here: the tests read Dockerfile, docker-compose.yml,
docker/elasticsearch/ and gunicorn.conf.py as text and check them against the
variables the settings actually read, so that the compose file sets nothing the
settings ignore and the documentation lists everything they read.
"""

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from defusedxml import ElementTree

BASE_DIR = Path(__file__).resolve().parent.parent
SETTINGS_DIR = BASE_DIR / "config" / "settings"
APP_SERVICES = ("web", "worker", "scheduler")

ENV_CALL = re.compile(r"""\benv_(str|int|bool|list|required)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']""")
OS_ENVIRON_READ = re.compile(
    r"""\bos\.(?:environ\.get|getenv)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']|\bos\.environ\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]"""
)
COMPOSE_EMPTY_DEFAULT = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*):?-\}$")


# ---------------------------------------------------------------- helpers


def settings_sources():
    return {path: path.read_text(encoding="utf-8") for path in sorted(SETTINGS_DIR.glob("*.py"))}


def settings_variables():
    """Names read through the env_* helpers anywhere in config/settings/."""
    names = set()
    for source in settings_sources().values():
        names.update(match.group(2) for match in ENV_CALL.finditer(source))
    return names


def gunicorn_variables():
    source = (BASE_DIR / "gunicorn.conf.py").read_text(encoding="utf-8")
    return {first or second for first, second in OS_ENVIRON_READ.findall(source)}


def known_variables():
    return settings_variables() | gunicorn_variables() | {"DJANGO_SETTINGS_MODULE"}


def env_example_variables():
    names = []
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.append(line.split("=", 1)[0].removeprefix("export ").strip())
    return names


def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


def service_environment(service):
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return environment


def dockerfile_instructions(path):
    """(INSTRUCTION, arguments) pairs, with comments dropped and continuation lines joined."""
    instructions, current = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, arguments = current.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    return instructions


def final_stage(instructions):
    last_from = max(index for index, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def command_words(arguments):
    """A CMD/HEALTHCHECK/RUN argument string (exec JSON form or shell form) as words."""
    arguments = arguments.strip()
    if arguments.startswith("["):
        return json.loads(arguments)
    return shlex.split(arguments)


# ---------------------------------------------------------------- settings and documentation


def test_settings_read_the_environment_only_through_the_env_helpers():
    # Otherwise the scan below would miss variables.
    for path, source in settings_sources().items():
        if path.name == "env.py":
            continue
        assert not OS_ENVIRON_READ.search(source), f"{path.name} reads os.environ directly; use config/settings/env.py"
        assert "os.environ" not in source, f"{path.name} touches os.environ; use config/settings/env.py"


def test_the_scan_finds_the_settings_variables():
    names = settings_variables()
    # A few that must be there: if the regex stopped matching, every other test would pass vacuously.
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "ELASTICSEARCH_URL", "TASKS_BACKEND"} <= names
    assert {"GUNICORN_WORKERS", "GUNICORN_THREADS"} <= gunicorn_variables()


def test_env_example_lists_only_variables_that_are_read():
    unknown = sorted(set(env_example_variables()) - known_variables())
    assert not unknown, f".env.example sets variables nothing reads: {unknown}"


def test_env_example_lists_every_variable_the_settings_read():
    missing = sorted(settings_variables() - set(env_example_variables()))
    assert not missing, f"variables the settings read but .env.example does not list: {missing}"


def test_env_example_has_no_duplicates():
    names = env_example_variables()
    assert len(names) == len(set(names)), sorted({name for name in names if names.count(name) > 1})


def test_readme_documents_every_variable():
    readme = BASE_DIR / "README.md"
    assert readme.exists(), "README.md is missing (it must document the environment variables)"
    text = readme.read_text(encoding="utf-8")
    wanted = settings_variables() | gunicorn_variables() | {"DJANGO_SETTINGS_MODULE"}
    missing = sorted(name for name in wanted if not re.search(rf"(?<![A-Za-z0-9_]){name}(?![A-Za-z0-9_])", text))
    assert not missing, f"variables read by the settings or gunicorn.conf.py but not in README.md: {missing}"


# ---------------------------------------------------------------- docker-compose.yml


def test_compose_has_the_services():
    services = compose()["services"]
    for name in ("web", "worker", "db", "elasticsearch"):
        assert name in services, f"docker-compose.yml has no {name} service"
    assert str(services["db"]["image"]).startswith("postgres:16")


def test_compose_app_services_set_only_variables_that_are_read():
    services = compose()["services"]
    known = known_variables()
    # Every service built from the app image (web, worker and any one-shot job).
    app_services = {name for name, service in services.items() if _builds_app_image(service)} | set(APP_SERVICES)
    for name in sorted(app_services):
        unknown = sorted(set(service_environment(services[name])) - known)
        assert not unknown, f"{name} sets variables neither the settings nor gunicorn.conf.py read: {unknown}"


def test_compose_empty_defaults_only_for_variables_where_empty_means_unset():
    # env_str("NAME", "default") returns "" when NAME is set but empty, so `${NAME:-}` would
    # silently replace its default; env_int, env_bool and env_list treat "" as unset.
    sources = "\n".join(settings_sources().values())
    for service_name in APP_SERVICES:
        for name, value in service_environment(compose()["services"][service_name]).items():
            match = COMPOSE_EMPTY_DEFAULT.match(str(value))
            if not match:
                continue
            with_default = re.search(rf"""env_str\(\s*["']{name}["']\s*,\s*(?!["']{{2}}\s*\))""", sources)
            assert not with_default, f"{service_name}: {name} is set to an empty default but env_str has its own"


def _builds_app_image(service):
    build = service.get("build")
    if build is None:
        return False
    if isinstance(build, str):
        return build in {".", "./"}
    return build.get("context", ".") in {".", "./"} and build.get("dockerfile", "Dockerfile") == "Dockerfile"


def test_compose_web_and_worker():
    services = compose()["services"]
    web, worker = services["web"], services["worker"]
    assert _builds_app_image(web)
    assert service_environment(web)["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    worker_command = worker["command"] if isinstance(worker["command"], list) else shlex.split(worker["command"])
    assert worker_command[-2:] == ["manage.py", "db_worker"]
    assert service_environment(worker)["TASKS_BACKEND"] == "django_tasks_db.DatabaseBackend"
    # The image's HEALTHCHECK probes gunicorn; the worker does not run it.
    assert (worker.get("healthcheck") or {}).get("disable") is True
    for dependency in ("db", "elasticsearch"):
        assert web["depends_on"][dependency]["condition"] == "service_healthy"


def _command_text(service):
    command = service.get("command") or ""
    return " ".join(command) if isinstance(command, list) else str(command)


def test_compose_runs_migrations_before_web_and_worker_start():
    services = compose()["services"]
    runners = [name for name, service in services.items() if "manage.py migrate --noinput" in _command_text(service)]
    assert runners, "no service runs manage.py migrate --noinput"
    for name in APP_SERVICES:
        if name in runners:
            continue
        depends_on = services[name].get("depends_on") or {}
        assert any(
            depends_on.get(runner, {}).get("condition") == "service_completed_successfully" for runner in runners
        ), f"{name} does not wait for the migrations ({runners})"


def test_compose_media_volume_is_shared_and_named_volumes_exist():
    data = compose()
    services = data["services"]

    def mounts(service):
        return {volume.split(":", 1)[0]: volume.split(":")[1] for volume in service.get("volumes", [])}

    web, worker = mounts(services["web"]), mounts(services["worker"])
    assert "media" in web and web["media"] == worker.get("media")
    assert web["media"] == service_environment(services["web"])["MEDIA_ROOT"]
    assert web.get("static") == service_environment(services["web"])["STATIC_ROOT"]
    for volume in ("media", "static", "pgdata", "esdata"):
        assert volume in data["volumes"]
    assert "pgdata" in mounts(services["db"]) and "esdata" in mounts(services["elasticsearch"])


def test_compose_backing_services_have_healthchecks():
    services = compose()["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["elasticsearch"]["healthcheck"]["test"]
    if "redis" in services:
        assert str(services["redis"]["image"]).startswith("redis:7")
        assert services["redis"]["healthcheck"]["test"]


def test_compose_builds_elasticsearch_from_the_repository_root():
    build = compose()["services"]["elasticsearch"]["build"]
    assert build["context"] in {".", "./"}
    assert build["dockerfile"] == "docker/elasticsearch/Dockerfile"
    assert (BASE_DIR / build["dockerfile"]).is_file()
    environment = service_environment(compose()["services"]["elasticsearch"])
    assert environment["discovery.type"] == "single-node"
    assert "ES_JAVA_OPTS" in environment


# ---------------------------------------------------------------- Dockerfile


def test_dockerfile_runs_gunicorn_as_a_non_root_user():
    stage = final_stage(dockerfile_instructions(BASE_DIR / "Dockerfile"))
    assert stage[0][1].split()[0].startswith("python:3.11-slim")
    users = [arguments.split(":")[0] for keyword, arguments in stage if keyword == "USER"]
    assert users, "the image must switch to a non-root USER"
    assert users[-1] not in {"root", "0"}
    commands = [command_words(arguments) for keyword, arguments in stage if keyword == "CMD"]
    assert commands and commands[-1][0] == "gunicorn" and "config.wsgi:application" in commands[-1]
    assert ("EXPOSE", "8000") in stage


def test_dockerfile_healthcheck_uses_urllib_against_healthz():
    stage = final_stage(dockerfile_instructions(BASE_DIR / "Dockerfile"))
    healthchecks = [arguments for keyword, arguments in stage if keyword == "HEALTHCHECK"]
    assert healthchecks, "the image needs a HEALTHCHECK"
    options, _, command = healthchecks[-1].partition("CMD")
    words = command_words(command)
    assert words[:2] == ["python", "-c"]
    assert "urllib" in words[2] and "http://127.0.0.1:8000/healthz/" in words[2]
    compile(words[2], "<healthcheck>", "exec")  # the one-liner is valid Python


def test_dockerfile_installs_runtime_requirements_only():
    instructions = dockerfile_instructions(BASE_DIR / "Dockerfile")
    for keyword, arguments in instructions:
        assert "requirements-dev" not in arguments, f"{keyword} {arguments}"
    assert any(
        keyword == "RUN" and "-r" in arguments and "requirements.txt" in arguments
        for keyword, arguments in instructions
    )
    # `COPY . /app` must not carry the dev requirements (or local secrets) in either.
    ignored = {line.strip() for line in (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").splitlines()}
    for pattern in (
        "requirements-dev.txt",
        ".env",
        ".venv",
        "var",
        "media",
        ".git",
        "staticfiles",
        "**/__pycache__",
        "node_modules",
    ):
        assert pattern in ignored, f".dockerignore does not exclude {pattern}"


def test_dockerfile_collects_static_with_throwaway_secrets():
    stage = final_stage(dockerfile_instructions(BASE_DIR / "Dockerfile"))
    for keyword, arguments in stage:
        if keyword in {"ENV", "ARG"}:
            assert "SECRET_KEY" not in arguments and "ALLOWED_HOSTS" not in arguments, f"{keyword} {arguments}"
    environment = " ".join(arguments for keyword, arguments in stage if keyword == "ENV")
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in environment
    collect = [arguments for keyword, arguments in stage if keyword == "RUN" and "collectstatic" in arguments]
    assert collect and "--noinput" in collect[0]
    assert "SECRET_KEY=" in collect[0] and "ALLOWED_HOSTS=" in collect[0]


def test_gunicorn_config_has_defaults(monkeypatch):
    for name in gunicorn_variables():
        monkeypatch.delenv(name, raising=False)
    namespace = {}
    exec((BASE_DIR / "gunicorn.conf.py").read_text(encoding="utf-8"), namespace)  # noqa: S102
    assert namespace["workers"] == 3
    assert namespace["bind"].endswith(":8000")
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    exec((BASE_DIR / "gunicorn.conf.py").read_text(encoding="utf-8"), namespace)  # noqa: S102
    assert namespace["workers"] == 5


# ---------------------------------------------------------------- docker/elasticsearch


@pytest.fixture
def es_dockerfile():
    return dockerfile_instructions(BASE_DIR / "docker" / "elasticsearch" / "Dockerfile")


def test_elasticsearch_image_version_follows_a_build_arg(es_dockerfile):
    froms = [arguments for keyword, arguments in es_dockerfile if keyword == "FROM"]
    assert froms == ["docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION}"]
    default = next(
        arguments for keyword, arguments in es_dockerfile if keyword == "ARG" and arguments.startswith("ES_VERSION=")
    )
    server_version = default.split("=", 1)[1]
    client = re.search(
        r"^elasticsearch==(\S+)$", (BASE_DIR / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE
    )
    assert client, "requirements.txt pins no elasticsearch client"
    assert server_version.split(".")[0] == client.group(1).split(".")[0], "client and server major versions differ"


def test_elasticsearch_image_installs_ik_and_smartcn(es_dockerfile):
    runs = " ".join(arguments for keyword, arguments in es_dockerfile if keyword == "RUN")
    args = " ".join(arguments for keyword, arguments in es_dockerfile if keyword == "ARG")
    assert "elasticsearch-plugin install --batch" in runs
    assert "analysis-ik" in runs + args and "${ES_VERSION}" in runs + args
    assert "analysis-smartcn" in runs


def test_elasticsearch_image_loads_the_government_terms_into_ik(es_dockerfile):
    copies = [arguments.split() for keyword, arguments in es_dockerfile if keyword == "COPY"]
    copies = [[word for word in words if not word.startswith("--")] for words in copies]
    destinations = {words[0]: words[-1] for words in copies}
    assert (BASE_DIR / "search/dictionaries/gov_terms.txt").is_file()
    ik_config_dir = "/usr/share/elasticsearch/config/analysis-ik/"
    assert destinations["docker/elasticsearch/IKAnalyzer.cfg.xml"] == ik_config_dir + "IKAnalyzer.cfg.xml"
    dictionary = destinations["search/dictionaries/gov_terms.txt"]
    assert dictionary.startswith(ik_config_dir)
    tree = ElementTree.parse(BASE_DIR / "docker" / "elasticsearch" / "IKAnalyzer.cfg.xml")
    entries = {entry.get("key"): (entry.text or "") for entry in tree.getroot().iter("entry")}
    ext_dicts = [item.strip() for item in entries["ext_dict"].split(";") if item.strip()]
    assert dictionary.removeprefix(ik_config_dir) in ext_dicts
