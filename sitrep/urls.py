from django.contrib import admin
from django.urls import include, path

from dashboard import views as dashboard_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", dashboard_views.healthz, name="healthz"),
    path("", include("dashboard.urls")),
]
