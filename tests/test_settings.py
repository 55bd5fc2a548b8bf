"""Production settings refuse to start without secrets; the deploy checks pass with them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({"ALLOWED_HOSTS": "gov.example.cn"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secrets(overrides, missing):
    result = run_manage("check", env_overrides={"DJANGO_SETTINGS_MODULE": "config.settings.production", **overrides})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_deploy_check_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "prod-like-" + "k3y" * 20,
            "ALLOWED_HOSTS": "gongkai.example.gov.cn",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_load_demo_refuses_under_production_settings():
    result = run_manage(
        "load_demo",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "prod-like-" + "k3y" * 20,
            "ALLOWED_HOSTS": "gongkai.example.gov.cn",
            "DATABASE_URL": "sqlite:///:memory:",
        },
    )
    assert result.returncode != 0
    assert "不能在生产环境运行" in result.stderr


def test_site_speaks_simplified_chinese_in_shanghai(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
