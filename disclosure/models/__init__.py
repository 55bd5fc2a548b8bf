from .catalogue import (
    CatalogueIndexPage,
    DisclosureIndexPage,
    DocumentAttachment,
    DocumentSuccessor,
    PolicyDocumentPage,
)
from .guide import DisclosureGuidePage
from .interpretation import InterpretationIndexPage, InterpretationPage, InterpretedPolicy
from .reference import Genre, IndexNumberCounter, Organisation, SubjectCategory, WorkingDayOverride
from .report import AnnualReportIndexPage, AnnualReportPage

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "CatalogueIndexPage",
    "DisclosureGuidePage",
    "DisclosureIndexPage",
    "DocumentAttachment",
    "DocumentSuccessor",
    "Genre",
    "IndexNumberCounter",
    "InterpretationIndexPage",
    "InterpretationPage",
    "InterpretedPolicy",
    "Organisation",
    "PolicyDocumentPage",
    "SubjectCategory",
    "WorkingDayOverride",
]
