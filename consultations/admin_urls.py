from django.urls import path

from consultations.admin_views import attachment_download

app_name = "consultations_admin"
urlpatterns = [
    path("attachments/<int:pk>/", attachment_download, name="comment_attachment"),
]
