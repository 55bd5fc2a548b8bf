from .annual_report import AnnualReportIndexPage, AnnualReportPage
from .catalogue import CatalogueIndexPage, DisclosureIndexPage
from .choices import DisclosureMethod, DisclosureScope, Rank, Validity
from .documents import DocumentAttachment, DocumentSuccessor, PolicyDocumentPage
from .guide import DisclosureGuidePage
from .interpretation import InterpretationIndexPage, InterpretationPage, InterpretedPolicy
from .numbering import IndexNumberCounter
from .reference import Genre, Organisation, SubjectCategory

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "CatalogueIndexPage",
    "DisclosureGuidePage",
    "DisclosureIndexPage",
    "DisclosureMethod",
    "DisclosureScope",
    "DocumentAttachment",
    "DocumentSuccessor",
    "Genre",
    "IndexNumberCounter",
    "InterpretationIndexPage",
    "InterpretationPage",
    "InterpretedPolicy",
    "Organisation",
    "PolicyDocumentPage",
    "Rank",
    "SubjectCategory",
    "Validity",
]
