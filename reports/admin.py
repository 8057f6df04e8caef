from django.contrib import admin

from .models import Indicator, Place, Report, Source

admin.site.register(Source)
admin.site.register(Report)
admin.site.register(Place)
admin.site.register(Indicator)
