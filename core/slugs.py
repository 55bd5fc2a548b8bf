"""Short ASCII slugs for pages with Chinese titles: pinyin by word, at most 50 characters.

A Chinese slug percent-encodes to nine characters per character; a 60-character title made a
540-character URL. 关于印发示例市2024年财政预算的通知 becomes
guanyu-yinfa-shili-shi-2024-nian-caizhengyusuan-de-tongzhi (cut at a word boundary).
"""

import re

from django.utils.text import slugify

import rjieba

from core.pinyin import lazy_pinyin

MAX_LENGTH = 50


def pinyin_slug(title, max_length=MAX_LENGTH):
    """A lower-case ASCII slug for ``title``; "page" when nothing in it can be spelled."""
    words = []
    for word in rjieba.cut(str(title)):
        spelled = slugify("".join(lazy_pinyin(word, errors="default")))
        if spelled:
            words.append(spelled)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return re.sub(r"-{2,}", "-", slug).strip("-") or "page"
