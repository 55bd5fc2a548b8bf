from .catalogue import (
    CatalogueIndexPage,
    DisclosureIndexPage,
    DocumentAttachment,
    DocumentSuccessor,
    PolicyDocumentPage,
)
from .interpretation import InterpretationIndexPage, InterpretationPage, InterpretedPolicy
from .reference import Genre, Organisation, SubjectCategory

__all__ = [
    "CatalogueIndexPage",
    "DisclosureIndexPage",
    "DocumentAttachment",
    "DocumentSuccessor",
    "Genre",
    "InterpretationIndexPage",
    "InterpretationPage",
    "InterpretedPolicy",
    "Organisation",
    "PolicyDocumentPage",
    "SubjectCategory",
]
