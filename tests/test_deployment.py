"""The deployment files of the front cache, the scheduler and the shared files (issue 17).

Read as text, like tests/test_containers.py (whose helpers these use): compose passes every
variable the settings read, mounts a named volume at every path setting, trusts its own
network as the proxy, runs the scheduler and builds Varnish from the repository's VCL.
"""

import re

from tests.test_containers import (
    APP_SERVICES,
    BASE_DIR,
    _builds_app_image,
    compose,
    dockerfile_instructions,
    service_environment,
    settings_sources,
    settings_variables,
)


def test_compose_app_services_pass_every_variable_the_settings_read():
    services = compose()["services"]
    for name in APP_SERVICES:
        missing = sorted(settings_variables() - set(service_environment(services[name])))
        assert not missing, f"{name} does not pass variables the settings read: {missing}"


PATH_DEFAULT = re.compile(r"""\benv_str\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*,\s*[^\n]*(?:BASE_DIR|VAR_DIR|Path\()""")


def path_variables():
    """Settings variables naming a directory: a path default, or a name ending in _ROOT/_DIR/_PATH."""
    names = set()
    for source in settings_sources().values():
        names.update(PATH_DEFAULT.findall(source))
    # A URL (DATABASE_URL defaults to a SQLite file) names a service in compose, not a directory.
    names = {name for name in names if not name.endswith("_URL")}
    return names | {name for name in settings_variables() if name.endswith(("_ROOT", "_DIR", "_PATH"))}


def test_the_path_scan_finds_the_file_settings():
    assert {"MEDIA_ROOT", "STATIC_ROOT", "GONGKAI_PRIVATE_MEDIA_ROOT"} <= path_variables()


def test_compose_mounts_a_named_volume_at_every_path_setting():
    data = compose()
    for name in APP_SERVICES:
        service = data["services"][name]
        environment = service_environment(service)
        mounts = {}
        for volume in service.get("volumes", []):
            source, target = volume.split(":")[:2]
            mounts[target] = source
        for variable in sorted(path_variables()):
            path = environment.get(variable)
            assert path and path.startswith("/"), f"{name}: {variable} must be a fixed absolute path, not {path!r}"
            assert path in mounts, (
                f"{name}: nothing is mounted at {variable}={path} (files would stay in the container)"
            )
            assert mounts[path] in data["volumes"], f"{name}: {mounts[path]} is not a named volume"
    web = {volume.split(":")[1]: volume.split(":")[0] for volume in data["services"]["web"]["volumes"]}
    for other in APP_SERVICES:
        mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in data["services"][other]["volumes"]}
        assert mounts == web, f"{other} must share the web service's volumes"


def test_compose_trusts_the_proxy_network_and_runs_the_scheduler():
    data = compose()
    environment = service_environment(data["services"]["web"])
    subnet = data["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert subnet in environment["GONGKAI_TRUSTED_PROXIES"]
    varnish = data["services"]["varnish"]
    assert varnish["build"]["dockerfile"] == "docker/varnish/Dockerfile"
    assert any(port.endswith(":80") for port in varnish["ports"])
    assert "ports" not in data["services"]["web"], "the app must be reached through Varnish"
    assert "varnish" in environment["GONGKAI_FRONTEND_CACHE_URLS"]
    scheduler = data["services"]["scheduler"]
    assert scheduler["command"][-2:] == ["manage.py", "run_scheduler"]
    assert _builds_app_image(scheduler)


def test_varnish_image_uses_the_repository_vcl():
    instructions = dockerfile_instructions(BASE_DIR / "docker" / "varnish" / "Dockerfile")
    assert any(keyword == "FROM" and arguments.startswith("debian:") for keyword, arguments in instructions)
    runs = " ".join(arguments for keyword, arguments in instructions if keyword == "RUN")
    assert "apt-get install" in runs and "varnish" in runs
    copies = " ".join(arguments for keyword, arguments in instructions if keyword == "COPY")
    for name in ("default.vcl", "compose/backends.vcl"):
        assert f"docker/varnish/{name}" in copies and (BASE_DIR / "docker" / "varnish" / name).is_file()
