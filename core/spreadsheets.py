"""Cells for CSV and xlsx exports that a spreadsheet program will show, never evaluate."""

#: A cell starting with one of these is read as a formula (or, for tab and line breaks, can hide one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """``value`` as text, with a leading apostrophe when a spreadsheet would otherwise evaluate it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class SafeSpreadsheetExportMixin:
    """For Wagtail's exporting views (reports, snippet listings): text cells go through ``safe_cell``."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if isinstance(value, str) else value
