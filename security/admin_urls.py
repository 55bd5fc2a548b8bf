from django.urls import path

from security import admin_views

urlpatterns = [
    path("setup/", admin_views.setup, name="setup"),
    path("verify/", admin_views.verify, name="verify"),
    path("recovery-codes/", admin_views.recovery_codes, name="recovery_codes"),
]
