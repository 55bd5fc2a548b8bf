from dataclasses import dataclass

from django.utils.html import format_html


@dataclass
class Found:
    """One problem before it is stored: kind is a ``Finding.Kind`` value."""

    kind: str
    page: object = None
    field: str = ""
    subject: str = ""
    before: str = ""
    match: str = ""
    after: str = ""
    suggestion: str = ""

    @property
    def context(self):
        if not self.match:
            return self.before
        return f"…{self.before}【{self.match}】{self.after}…"

    @property
    def context_html(self):
        if not self.match:
            return format_html("{}", self.before)
        return format_html('…{}<mark class="inspection-mark">{}</mark>{}…', self.before, self.match, self.after)
