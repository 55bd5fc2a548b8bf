from django.urls import path

from . import admin_views

app_name = "inspection"
urlpatterns = [
    path("", admin_views.InspectionReportView.as_view(), name="report"),
    path("results/", admin_views.InspectionReportView.as_view(results_only=True), name="report_results"),
    path("page/<int:page_id>/", admin_views.page_check, name="page_check"),
    path("words/import/", admin_views.import_words, name="import_words"),
    path("run/", admin_views.run_now, name="run"),
]
