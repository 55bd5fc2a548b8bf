from django.urls import path

from disclosure.admin_views import REPORTS

app_name = "disclosure_admin"
urlpatterns = []
for slug, name, view, _icon in REPORTS:
    urlpatterns += [
        path(f"reports/{slug}/", view.as_view(), name=name),
        path(f"reports/{slug}/results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]
