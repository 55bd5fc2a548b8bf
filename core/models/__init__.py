from .calendar import WorkingDayOverride
from .pages import ArticleMixin, BasePage, PageAttachment
from .protection import RateLimitCounter

__all__ = ["ArticleMixin", "BasePage", "PageAttachment", "RateLimitCounter", "WorkingDayOverride"]
