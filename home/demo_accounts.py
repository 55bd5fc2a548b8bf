"""Demo accounts: passwords generated per install and kept in a git-ignored file under var/."""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def accounts_file():
    return settings.VAR_DIR / "demo-accounts.json"


def _read():
    path = accounts_file()
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


def _write(accounts):
    path = accounts_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(accounts, ensure_ascii=False, indent=2), encoding="utf-8")
    path.chmod(0o600)


def new_password(user):
    """A random password that the site's own password rules accept (AUTH_PASSWORD_VALIDATORS)."""
    while True:
        password = secrets.token_urlsafe(12)
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def ensure_demo_user(username, *, role, first_name="", last_name="", email="", groups=(), superuser=False):
    """Create the user once with a fresh random password; later runs keep it."""
    User = get_user_model()
    accounts = _read()
    user = User.objects.filter(username=username).first()
    if user is None or username not in accounts:
        if user is None:
            user = User(username=username)
        password = new_password(user)
        user.set_password(password)
        accounts[username] = {"password": password, "role": role}
    user.first_name = first_name
    user.last_name = last_name
    user.email = email or f"{username}@example.gov.cn"
    user.is_staff = superuser
    user.is_superuser = superuser
    user.is_active = True
    user.save()
    for group_name in groups:
        user.groups.add(Group.objects.get(name=group_name))
    _write(accounts)
    return user


def demo_accounts():
    return _read()
