from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.report_list, name="overview"),
    path("districts/", views.report_list, name="districts"),
    path("places/<str:pcode>/", views.report_list, name="place"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
]

# CSV downloads (dashboard/exports.py): the pages' filters, as files.
from . import exports  # noqa: E402

urlpatterns += [
    path("export/figures.csv", exports.export_figures, name="export_figures"),
    path("export/conditions.csv", exports.export_conditions, name="export_conditions"),
    path("export/reports.csv", exports.export_reports, name="export_reports"),
]
