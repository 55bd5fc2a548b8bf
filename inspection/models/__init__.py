"""Site inspection: the 错敏词 list, column update rules, stored findings and external link checks."""

from .columns import ColumnRule
from .findings import Finding
from .links import ExternalLink
from .words import WordEntry, WordListVersion

__all__ = ["ColumnRule", "ExternalLink", "Finding", "WordEntry", "WordListVersion"]
