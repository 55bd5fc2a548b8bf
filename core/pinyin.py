"""Pinyin, with pypinyin's dictionaries loaded on first use.

pypinyin reads its character and phrase dictionaries when it is imported: about 60 MiB in
every app server worker. Only page slugs (the admin) and the pinyin suggestions of a search
that found nothing need them, so a worker that serves other pages never loads them.
"""

import functools
import importlib


@functools.cache
def _pypinyin():
    return importlib.import_module("pypinyin")


def lazy_pinyin(text: str, *, first_letters: bool = False, errors: str = "default") -> list[str]:
    """pypinyin's ``lazy_pinyin`` in the normal style, or with ``first_letters`` the initials' style."""
    module = _pypinyin()
    style = module.Style.FIRST_LETTER if first_letters else module.Style.NORMAL
    return module.lazy_pinyin(text, style=style, errors=errors)
