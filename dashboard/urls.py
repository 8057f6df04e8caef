from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.report_list, name="overview"),
    path("reports/", views.report_list, name="report_list"),
]
