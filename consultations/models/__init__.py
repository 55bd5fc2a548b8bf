from .comments import Comment, CommentAttachment, Decision, IdentityType
from .pages import ConsultationAttachment, ConsultationIndexPage, ConsultationPage, Status
from .protection import RateLimitCounter, SensitiveWord

__all__ = [
    "Comment",
    "CommentAttachment",
    "ConsultationAttachment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Decision",
    "IdentityType",
    "RateLimitCounter",
    "SensitiveWord",
    "Status",
]
