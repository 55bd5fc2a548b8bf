# Comments and protection come first: the page model's routes (consultations.views) use them.
from .comments import Comment, CommentAttachment, Decision, IdentityType
from .protection import SensitiveWord

from .pages import ConsultationAttachment, ConsultationIndexPage, ConsultationPage, Status  # isort: skip

__all__ = [
    "Comment",
    "CommentAttachment",
    "ConsultationAttachment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Decision",
    "IdentityType",
    "SensitiveWord",
    "Status",
]
