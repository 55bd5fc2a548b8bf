from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("receipt/<str:number>/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("letters/<int:pk>/", views.letter, name="letter"),
]
