"""Finding English on admin screens: the visible text of a page, minus names that stay as they are."""

import re

from bs4 import BeautifulSoup, Comment

# Names and formats the admin may show as they are.
ALLOWED_WORDS = {
    "wagtail",
    "ysq",  # the prefix of application numbers (申请编号 YSQ-2026-…)
    "pdf",
    "csv",
    "excel",
    "word",
    "docx",
    "xlsx",
    "url",
    "id",
    "icp",
    "html",
    "json",
    "ofd",
    "zip",
    "jpg",
    "png",
    "gif",
    "svg",
    "webp",
    "txt",
    "http",
    "https",
    "www",
    "elasticsearch",
    "postgresql",
    "sqlite",
    "seo",
    "rss",
    "api",
    "email",
    "mb",
    "kb",
    "gb",
    "tab",
    "ctrl",
    "cmd",
    "alt",
    "shift",
    "enter",
    "esc",
    "utc",
    "pm",
    "am",
}
INVISIBLE_TAGS = ("script", "style", "template", "noscript", "svg", "code", "pre", "textarea", "select")
# Things that are data, not interface: addresses, account and file names, codes, slugs.
DATA_PATTERNS = [
    re.compile(r"https?://\S+|/[\w\-./?=&%#]+"),
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    re.compile(r"\b[\w-]+\.(pdf|docx?|xlsx?|csv|txt|jpg|png|ofd|zip)\b", re.IGNORECASE),
    re.compile(r"\b[a-z0-9]+(?:[_-][a-z0-9]+)+\b"),  # user names and slugs: editor_finance, 2027-yusuan
    re.compile(r"\b[a-z_]+\.[a-z_]+\b"),  # model identifiers: disclosure.policydocumentpage
    re.compile(r"\b[A-Z0-9]*\d[A-Z0-9]*\b"),  # codes: DEMOSR0005, 11420800MB1234567X
]
WORD = re.compile(r"[A-Za-z][A-Za-z']+")


def visible_text(html, *, data=()):
    """The text a sighted user reads (and placeholders, button titles), with ``data`` values removed."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup(INVISIBLE_TAGS):
        node.decompose()
    for node in soup.find_all(string=lambda text: isinstance(text, Comment)):
        node.extract()
    for node in soup.select("[hidden], .w-sr-only[data-english-ok], [aria-hidden=true]"):
        node.decompose()
    parts = [soup.get_text(" ")]
    for node in soup.select("[placeholder], [title]"):
        parts += [node.get("placeholder", ""), node.get("title", "")]
    text = " ".join(parts)
    for value in sorted((str(value) for value in data if value), key=len, reverse=True):
        text = text.replace(value, " ")
    for pattern in DATA_PATTERNS:
        text = pattern.sub(" ", text)
    return text


def english_words(html, *, data=()):
    """English words on the page that are not names of formats or products, with a bit of context."""
    text = visible_text(html, data=data)
    found = {}
    for match in WORD.finditer(text):
        word = match.group(0)
        if word.lower() in ALLOWED_WORDS:
            continue
        start, end = max(match.start() - 30, 0), match.end() + 30
        found.setdefault(word, " ".join(text[start:end].split()))
    return found
