from .calendar import WorkingDayOverride
from .pages import ArticleMixin, BasePage, PageAttachment

__all__ = ["ArticleMixin", "BasePage", "PageAttachment", "WorkingDayOverride"]
