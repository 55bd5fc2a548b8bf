"""The catalogue in files: JSON Lines import and export (round-trip), for moving catalogues between sites."""

from .exporter import export_lines, export_records
from .fields import KIND_LABELS, ImportReport, LineError
from .importer import Importer, import_catalogue

__all__ = [
    "KIND_LABELS",
    "ImportReport",
    "Importer",
    "LineError",
    "export_lines",
    "export_records",
    "import_catalogue",
]
