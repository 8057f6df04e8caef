from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("districts/", views.districts, name="districts"),
    path("districts/boundaries.json", views.district_boundaries, name="district_boundaries"),
    path("places/search/", views.place_search, name="place_search"),
    path("places/<str:pcode>/", views.place_detail, name="place"),
    path("provenance/", views.provenance, name="provenance"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
]

# CSV downloads (dashboard/exports.py): the pages' filters, as files.
from . import exports  # noqa: E402

urlpatterns += [
    path("export/figures.csv", exports.export_figures, name="export_figures"),
    path("export/conditions.csv", exports.export_conditions, name="export_conditions"),
    path("export/reports.csv", exports.export_reports, name="export_reports"),
    path("export/districts.csv", exports.export_districts, name="export_districts"),
    path("export/timeline.csv", exports.export_timeline, name="export_timeline"),
]

# The five files of a filter as one Frictionless data package (dashboard/package.py).
from . import package  # noqa: E402

urlpatterns += [path("export/package.zip", package.export_package, name="export_package")]

# Situation report drafts (dashboard/sitrep.py): the pages' filters, written out.
urlpatterns += [
    path("sitrep/", views.sitrep_page, name="sitrep"),
    path("sitrep.md", views.sitrep_md, name="sitrep_md"),
    path("sitrep.docx", views.sitrep_docx, name="sitrep_docx"),
    path("sitrep.pdf", views.sitrep_pdf, name="sitrep_pdf"),
]
