"""Password rules beyond Django's own validators, with Chinese messages."""

import unicodedata

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CLASSES = (
    ("lower", _("小写字母")),
    ("upper", _("大写字母")),
    ("digit", _("数字")),
    ("other", _("符号或其他字符")),
)


def character_classes(password):
    """Which of lower-case letters, upper-case letters, digits and other characters the password uses."""
    found = set()
    for char in password:
        if char.isdigit():
            found.add("digit")
        elif char.isalpha() and char.isascii():
            found.add("upper" if char.isupper() else "lower")
        elif not unicodedata.category(char).startswith("C"):
            found.add("other")
    return found


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        names = "、".join(str(label) for _key, label in CLASSES)
        return _("密码须包含%(names)s这%(total)d类字符中的至少%(count)d类。") % {
            "names": names,
            "total": len(CLASSES),
            "count": self.min_classes,
        }


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule; its error message has no Chinese translation in Django 5.2."""

    def get_error_message(self):
        return _("密码太短，至少需要%(min_length)d个字符。") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("密码至少需要%(min_length)d个字符。") % {"min_length": self.min_length}
