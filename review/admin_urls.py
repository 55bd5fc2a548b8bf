from django.urls import path

from review import admin_views

app_name = "review_admin"
urlpatterns = [
    path("waiting/", admin_views.WaitingForMeReport.as_view(), name="waiting"),
    path("waiting/results/", admin_views.WaitingForMeReport.as_view(results_only=True), name="waiting_results"),
    path("overdue/", admin_views.OverdueReport.as_view(), name="overdue"),
    path("overdue/results/", admin_views.OverdueReport.as_view(results_only=True), name="overdue_results"),
    path("throughput/", admin_views.ThroughputReport.as_view(), name="throughput"),
    path("throughput/results/", admin_views.ThroughputReport.as_view(results_only=True), name="throughput_results"),
    path("export/", admin_views.export, name="export"),
    path("page/<int:page_id>/", admin_views.page_record, name="page_record"),
]
