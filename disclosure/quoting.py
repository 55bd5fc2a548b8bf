"""Titles quoted in running Chinese text: 《…》, or “…” when the title already holds 《》."""


def quoted_title(title):
    """《title》, unless that would nest 《》 inside 《》 (关于《…办法》的通知): then “title”."""
    title = str(title)
    if "《" in title or "》" in title:
        return f"“{title}”"
    return f"《{title}》"
