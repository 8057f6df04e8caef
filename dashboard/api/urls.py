from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"
urlpatterns = [
    # The schema and its docs are the same for everyone and cost no database work: not throttled (the
    # throttle counts live in the shared cache, which is a database table by default).
    path("schema/", SpectacularAPIView.as_view(throttle_classes=[]), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", throttle_classes=[]), name="docs"),
    path("v1/reports/", views.ReportList.as_view(), name="reports"),
    path("v1/reports/<str:pk>/", views.ReportDetail.as_view(), name="report"),
    path("v1/jobs/<str:pk>/", views.JobDetail.as_view(), name="job"),
    path("v1/figures/", views.FigureList.as_view(), name="figures"),
    path("v1/figures/<str:pk>/verify", views.Verify.as_view(), name="verify"),
    path("v1/figures/<str:pk>/reject", views.Reject.as_view(), name="reject"),
    path("v1/figures/<str:pk>/correct", views.Correct.as_view(), name="correct"),
    path("v1/conditions/", views.ConditionList.as_view(), name="conditions"),
    path("v1/places/", views.PlaceList.as_view(), name="places"),
    path("v1/places/<str:pcode>/", views.PlaceDetail.as_view(), name="place"),
    path("v1/sources/", views.SourceList.as_view(), name="sources"),
    path("v1/districts/", views.DistrictList.as_view(), name="districts"),
    path("v1/timeline/", views.Timeline.as_view(), name="timeline"),
    path("v1/provenance/", views.Provenance.as_view(), name="provenance"),
    re_path(r"^.*$", views.not_found),  # JSON, not the site's HTML page, for any other /api/ address
]
