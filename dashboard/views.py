from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from reports.models import Report


@never_cache
def healthz(request):
    """200 after a database round-trip, 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def report_list(request):
    reports = Report.objects.select_related("publisher").latest_first()[:100]
    return render(request, "dashboard/report_list.html", {"reports": reports, "total": Report.objects.count()})
