from django.urls import path

from applications import admin_views, reports

app_name = "applications_admin"

urlpatterns = [
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", admin_views.act, name="act"),
    path("<int:pk>/id-document/", admin_views.id_document_download, name="id_document"),
    path("<int:pk>/provided-file/", admin_views.provided_file_download, name="provided_file"),
    path("letters/<int:pk>/", admin_views.letter_download, name="letter"),
    path("import/", admin_views.import_register, name="import"),
    path("deadlines/", reports.DeadlineReportView.as_view(), name="deadlines"),
    path("deadlines/results/", reports.DeadlineReportView.as_view(results_only=True), name="deadlines_results"),
]
