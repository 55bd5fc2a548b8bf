"""Admin reports whose rows are computed in Python (working days and medians are not SQL arithmetic).

Every admin report of the project is a Wagtail ``ReportView``; these two pieces let a
report hand it a list of rows instead of a queryset, keeping Wagtail's table, pagination
and CSV/xlsx export.
"""

from django.core.exceptions import PermissionDenied

from wagtail.admin.views.reports import ReportView

from core.spreadsheets import SafeSpreadsheetExportMixin


class ListReportView(SafeSpreadsheetExportMixin, ReportView):
    """A ReportView over ``get_rows()``; ``permission_check(user)`` guards it when set."""

    paginate_by = 100
    header_icon = "warning"
    permission_check = None

    def dispatch(self, request, *args, **kwargs):
        check = type(self).permission_check
        if check is not None and not check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filtered_queryset(self):
        return self.get_rows()

    def get_rows(self):
        raise NotImplementedError


class Row:
    """One row about ``page`` (or any object with ``pk``), with the column values as attributes."""

    def __init__(self, page, **values):
        self.page = page
        self.pk = page.pk
        self.title = getattr(page, "title", "")
        for key, value in values.items():
            setattr(self, key, value)
