from django.urls import path

from search import admin_views

app_name = "search_admin"
urlpatterns = [
    path("report/", admin_views.SearchTermsReport.as_view(), name="report"),
    path("report/results/", admin_views.SearchTermsReport.as_view(results_only=True), name="report_results"),
]
