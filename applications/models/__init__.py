from applications.models.appeals import Appeal
from applications.models.application import Application, ApplicationCounter
from applications.models.calendar import CalendarYear
from applications.models.choices import (
    AppealKind,
    AppealResult,
    ApplicantType,
    Carrier,
    Channel,
    Delivery,
    FeeMethod,
    IdType,
    LetterKind,
    OrganisationKind,
    State,
    StepKind,
)
from applications.models.steps import Letter, Step, ThirdPartyConsultation

__all__ = [
    "Appeal",
    "AppealKind",
    "AppealResult",
    "ApplicantType",
    "Application",
    "ApplicationCounter",
    "CalendarYear",
    "Carrier",
    "Channel",
    "Delivery",
    "FeeMethod",
    "IdType",
    "Letter",
    "LetterKind",
    "OrganisationKind",
    "State",
    "Step",
    "StepKind",
    "ThirdPartyConsultation",
]
