# The department link first: review.departments, which the tasks use, needs it.
from .departments import DepartmentGroup

from .tasks import FinalReviewTask, FirstReviewTask, ReviewTask, ReviewTaskState, SecondReviewTask  # isort: skip
from review.rules import CHECKLIST  # isort: skip

__all__ = [
    "CHECKLIST",
    "DepartmentGroup",
    "FinalReviewTask",
    "FirstReviewTask",
    "ReviewTask",
    "ReviewTaskState",
    "SecondReviewTask",
]
