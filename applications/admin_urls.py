from django.urls import path

from applications import admin_record, reports

app_name = "applications_admin"

urlpatterns = [
    path("<int:pk>/", admin_record.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", admin_record.act, name="act"),
    path("<int:pk>/id-document/", admin_record.id_document_download, name="id_document"),
    path("<int:pk>/provided-file/", admin_record.provided_file_download, name="provided_file"),
    path("letters/<int:pk>/", admin_record.letter_download, name="letter"),
    path("import/", admin_record.import_register, name="import"),
    path("deadlines/", reports.DeadlineReportView.as_view(), name="deadlines"),
    path("deadlines/results/", reports.DeadlineReportView.as_view(results_only=True), name="deadlines_results"),
]
