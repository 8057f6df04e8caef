"""The admin: data entry for editors, the review queue for reviewers, history for everyone with access.

Staff get the admin through the Viewer, Editor and Reviewer groups (reports/roles.py). Reviewing is
`reports.review_indicator`; the writes themselves live in reports/review.py and imports in reports/ingest.py.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.forms.models import model_to_dict
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from . import duplicates, ingest, jobs, plausibility, review, tasks
from .feed_tasks import poll_feed
from .models import ApiToken, Feed, Indicator, Job, JobError, Place, Report, Source, content_hash

REVIEW_PERMISSION = "reports.review_indicator"

admin.site.site_header = "Sitrep administration"
admin.site.site_title = "Sitrep admin"


class HistoryAdmin(SimpleHistoryAdmin):
    """History is for reading: reverting would bypass extraction and review, so it is switched off."""

    def revert_disabled(self, request, obj=None):
        return True

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["name", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "kind", "source", "every_minutes", "active", "last_success_at", "last_error",
                    "consecutive_failures", "items_imported", "next_poll_at"]
    list_filter = ["kind", "active"]
    search_fields = ["url", "source__name"]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    readonly_fields = ["last_polled_at", "last_success_at", "last_error", "consecutive_failures", "items_imported",
                       "etag", "last_modified", "created"]
    actions = ["poll_now"]

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request, queryset):
        for feed in queryset:
            poll_feed.enqueue(feed.pk)
        self.message_user(request, f"{queryset.count()} poll(s) enqueued; refresh to see how they went.")


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["pcode", "name_en", "name_ar", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["pcode", "name_en", "name_ar", "aliases"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "admin1_pcode", "admin2_pcode"]


class ExtractedIndicatorInline(admin.TabularInline):
    """What the machine read, shown beside its words; changed only through review."""

    model = Indicator
    verbose_name_plural = "Indicators read from the text"
    fields = ["kind", "value", "severity", "group", "place", "date", "source", "quote", "status"]
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).filter(origin=Indicator.Origin.EXTRACTED).select_related("place", "source")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EnteredIndicatorInline(admin.StackedInline):
    """Figures and conditions an analyst enters by hand (group, unit and qualifier default in Indicator.clean)."""

    model = Indicator
    verbose_name = "indicator entered by hand"
    verbose_name_plural = "Indicators entered by hand"
    fields = [
        ("kind", "date", "place", "source"),
        ("value", "low", "high", "qualifier", "group", "unit"),
        ("cumulative", "since", "severity"),
        "quote",
        "status",
    ]
    readonly_fields = ["status"]
    autocomplete_fields = ["place", "source"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).filter(origin=Indicator.Origin.ENTERED).select_related("place", "source")


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = "__all__"

    def clean_body(self):
        # The content hash is unique and not a form field: say which report has this text
        # instead of failing on the database constraint.
        body = self.cleaned_data["body"]
        same = Report.objects.filter(content_hash=content_hash(body)).exclude(pk=self.instance.pk).first()
        if same:
            raise ValidationError(f"This text is already stored as report {same.pk} ({same}).")
        return body


# A date typed as YYYY-MM-DD (a browser's type="date" input shows its own locale's order, MM/DD in en-US).
ISO_DATE = forms.DateInput(format="%Y-%m-%d", attrs={"placeholder": "YYYY-MM-DD", "size": 10,
                                                     "pattern": r"\d{4}-\d{2}-\d{2}", "inputmode": "numeric"})


class UploadForm(forms.Form):
    class MultipleFileInput(forms.ClearableFileInput):
        allow_multiple_selected = True

    class MultipleFileField(forms.FileField):
        def clean(self, data, initial=None):
            single = super().clean
            if isinstance(data, (list, tuple)) and data:
                return [single(item, initial) for item in data]
            return [single(data or None, initial)]  # nothing chosen: the field's "required" message

    files = MultipleFileField(
        widget=MultipleFileInput(attrs={"accept": ".txt,.csv,.jsonl,.json,text/plain,text/csv"}),
        help_text="Text files (first line “date YYYY-MM-DD”), CSV files (FA-KES columns or title, body, "
        "published_on, source, url) or JSON Lines.",
    )
    default_date = forms.DateField(
        required=False, help_text="Date for text files without a date line (YYYY-MM-DD).", widget=ISO_DATE,
    )


@admin.register(Report)
class ReportAdmin(HistoryAdmin):
    form = ReportForm
    list_display = ["__str__", "published_on", "publisher", "language", "indicator_count", "duplicate_status",
                    "duplicate_of", "held_for_review"]
    list_filter = [
        "duplicate_status",
        ("held_for_review", admin.EmptyFieldListFilter),
        ("publisher", admin.RelatedOnlyFieldListFilter),
        ("published_on", admin.EmptyFieldListFilter),
        "language",
    ]
    date_hierarchy = "published_on"
    search_fields = ["title", "body", "url", "publisher__name"]
    list_select_related = ["publisher", "duplicate_of"]
    autocomplete_fields = ["publisher", "duplicate_of"]
    readonly_fields = ["content_hash", "held_for_review", "created", "modified"]
    fieldsets = [
        (None, {"fields": ["title", "body", ("published_on", "language"), "publisher", "url", "held_for_review"]}),
        ("Duplicates", {"fields": ["duplicate_of", "duplicate_status"]}),
        ("Record", {"fields": ["content_hash", "created", "modified"], "classes": ["collapse"]}),
    ]
    inlines = [ExtractedIndicatorInline, EnteredIndicatorInline]
    actions = ["confirm_duplicates", "dismiss_duplicates", "store_held_figures"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(indicator_count=Count("indicators"))


    @admin.display(description="Indicators", ordering="indicator_count")
    def indicator_count(self, obj):
        return obj.indicator_count

    def get_readonly_fields(self, request, obj=None):
        # Confirming a duplicate takes its figures out of the summaries: a reviewer's decision.
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_review_permission(request):
            fields.append("duplicate_status")
        return fields

    def save_model(self, request, obj, form, change):
        obj._needs_extraction = not change or "body" in form.changed_data
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the hand-entered indicators are saved: extraction replaces only unreviewed machine ones.
        # A pasted report is checked for near-duplicates like an imported one.
        # On a worker: the task row commits with the report (the admin's transaction), never before it.
        if getattr(form.instance, "_needs_extraction", False):
            tasks.extract_report.enqueue(form.instance.pk)
        ingest.reflag_report(form.instance)  # figures typed in get the same plausibility checks

    def _decide_duplicates(self, request, queryset, decide, done_message):
        done = 0
        for report in queryset:
            try:
                decide(report, request.user)
                done += 1
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
        self.message_user(request, done_message.format(done), messages.SUCCESS)

    @admin.action(description="Confirm as duplicate (its indicators stop counting)", permissions=["review"])
    def confirm_duplicates(self, request, queryset):
        self._decide_duplicates(request, queryset, review.confirm_duplicate, "{} report(s) confirmed as duplicates.")

    @admin.action(description="Dismiss duplicate flag (the report counts on its own)", permissions=["review"])
    def dismiss_duplicates(self, request, queryset):
        self._decide_duplicates(request, queryset, review.dismiss_duplicate, "{} duplicate flag(s) dismissed.")

    @admin.action(description="Store the figures of reports held for having too many", permissions=["review"])
    def store_held_figures(self, request, queryset):
        stored = 0
        for report in queryset.exclude(held_for_review=""):
            stored += ingest.extract_report(report, cap=None)["figures"]
        self.message_user(request, f"{stored} figure(s) stored.", messages.SUCCESS)

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="reports_report_upload")
        return [upload] + super().get_urls()

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        if request.method == "POST" and form.is_valid():
            # Each file is stored with its job and imported on a worker: the request returns at once.
            created = []
            for upload in form.cleaned_data["files"]:
                job = jobs.import_job(upload.name, upload.read(), default_date=form.cleaned_data["default_date"],
                                      user=request.user)
                tasks.start(job)
                created.append(job)
            if len(created) == 1:
                return HttpResponseRedirect(reverse("admin:reports_job_change", args=[created[0].pk]))
            ids = ",".join(str(job.pk) for job in created)
            return HttpResponseRedirect(reverse("admin:reports_job_changelist") + f"?id__in={ids}")
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload reports",
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/reports/report/upload.html", context)


class CorrectionForm(forms.Form):
    """The fields a reviewer may correct, built from the model's own fields (so the same validation)."""

    note = forms.CharField(required=False, max_length=80, help_text="Why (kept in the history).")

    def __init__(self, *args, indicator, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        names = ["value", "qualifier", "group"] if indicator.is_figure else ["severity"]
        names += ["place", "date"]
        for name in names:
            field = Indicator._meta.get_field(name)
            if name == "place":
                self.fields[name] = field.formfield(widget=AutocompleteSelect(field, admin_site))
            else:
                self.fields[name] = field.formfield()
        if indicator.is_figure:
            self.fields["value"].required = True
        else:
            self.fields["severity"].required = True
        self.fields["note"] = self.fields.pop("note")  # last


class QueueFilterForm(forms.Form):
    """The review queue's filters (GET): every field optional."""

    place = forms.CharField(required=False, max_length=200,
                            help_text="A name in English or Arabic, an alias or a P-code; places inside count.")
    report = forms.IntegerField(required=False, min_value=1, label="Report id")
    source = forms.CharField(required=False, max_length=200, help_text="Part of the source's or publisher's name.")
    kind = forms.ChoiceField(required=False, choices=[("", "all kinds"), *Indicator.Kind.choices])
    flag = forms.ChoiceField(required=False, choices=[("", "flagged or not"), ("any", "any flag"),
                                                      *plausibility.FLAGS.items()])
    # Text, not type="date": a browser shows its own locale's order (MM/DD in en-US) in a date input.
    added_after = forms.DateField(required=False, label="Added from", widget=ISO_DATE)
    added_before = forms.DateField(required=False, label="Added until", widget=ISO_DATE)
    new = forms.BooleanField(required=False, label="New since my last visit")


class FlagFilter(admin.SimpleListFilter):
    title = "plausibility flag"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [("any", "any flag"), *plausibility.FLAGS.items()]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any" or value in plausibility.FLAGS:
            return queryset.flagged(None if value == "any" else value)
        return queryset


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["kind", "amount", "group", "place", "date", "report", "source", "status", "origin", "flag_text"]
    list_filter = [
        "status",
        FlagFilter,
        "kind",
        "origin",
        ("place__level", admin.ChoicesFieldListFilter),
        ("report__publisher", admin.RelatedOnlyFieldListFilter),
        ("date", admin.EmptyFieldListFilter),
        "report__duplicate_status",
    ]
    date_hierarchy = "date"
    search_fields = ["quote", "place__name_en", "place__name_ar", "place__aliases", "place__pcode", "report__title",
                     "source__name"]
    list_select_related = ["report", "place", "source"]
    autocomplete_fields = ["report", "place", "source"]
    readonly_fields = ["quote_in_context", "status", "reviewed_by", "reviewed_at", "original_reading", "flag_text",
                       "origin", "extractor_version", "created", "modified"]
    fieldsets = [
        (None, {"fields": ["report", ("kind", "date", "place", "source")]}),
        ("Figure", {"fields": [("value", "low", "high", "qualifier", "group", "unit"), ("cumulative", "since")]}),
        ("Condition", {"fields": ["severity"]}),
        ("Words", {"fields": ["quote", "start", "end", "quote_in_context"]}),
        ("Review", {"fields": [("status", "reviewed_by", "reviewed_at"), "original_reading", "flag_text"]}),
        ("Record", {"fields": ["origin", "extractor_version", "created", "modified"], "classes": ["collapse"]}),
    ]
    actions = ["verify_selected", "reject_selected"]

    @admin.display(description="Value or severity", ordering="value")
    def amount(self, obj):
        if obj.is_figure:
            qualifier = obj.get_qualifier_display() if obj.qualifier not in ("", Indicator.Qualifier.EXACT) else ""
            return f"{qualifier} {obj.value}".strip()
        return obj.get_severity_display()

    @admin.display(description="Plausibility flags")
    def flag_text(self, obj):
        return "; ".join(plausibility.FLAGS.get(code, code) for code in obj.flag_list) or "—"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        ingest.reflag_report(obj.report)  # a figure typed in gets the same checks as one read by the machine

    @admin.display(description="Quote in its sentence")
    def quote_in_context(self, obj):
        before, quote, after = review.quote_in_context(obj.report.body, obj.quote, obj.start, obj.end)
        return format_html("{}<mark>{}</mark>{}", before, quote, after)

    @admin.display(description="What was read before correction")
    def original_reading(self, obj):
        if not obj.original:
            return "—"
        return format_html_join(", ", "{} {}", ((k, v) for k, v in obj.original.items() if v not in (None, "")))

    def has_change_permission(self, request, obj=None):
        # The machine's reading changes only through review (correct keeps the original).
        if obj is not None and obj.origin == Indicator.Origin.EXTRACTED:
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description="Verify selected indicators", permissions=["review"])
    def verify_selected(self, request, queryset):
        for indicator in queryset:
            review.verify(indicator, request.user)
        self.message_user(request, f"{len(queryset)} indicator(s) verified.", messages.SUCCESS)

    @admin.action(description="Reject selected indicators", permissions=["review"])
    def reject_selected(self, request, queryset):
        for indicator in queryset:
            review.reject(indicator, request.user)
        self.message_user(request, f"{len(queryset)} indicator(s) rejected.", messages.SUCCESS)

    # The review queue -------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("review/", wrap(self.queue_view), name="reports_indicator_review"),
            path("<int:pk>/verify/", wrap(self.verify_view), name="reports_indicator_verify"),
            path("<int:pk>/reject/", wrap(self.reject_view), name="reports_indicator_reject"),
            path("<int:pk>/correct/", wrap(self.correct_view), name="reports_indicator_correct"),
        ] + super().get_urls()

    def _require_review(self, request):
        if not self.has_review_permission(request):
            raise PermissionDenied

    def _next(self, request):
        """Where to go back to: a page of this site only (never a URL from elsewhere)."""
        target = request.POST.get("next") or request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return target
        return ""

    def _back(self, request):
        return HttpResponseRedirect(self._next(request) or reverse("admin:reports_indicator_review"))

    def queue_view(self, request):
        self._require_review(request)
        since = review.open_queue(request.user, request.session)
        form = QueueFilterForm(request.GET or None)
        form.is_valid()  # a bad field is shown with its error; the good ones still filter
        filters = getattr(form, "cleaned_data", {})
        places = review.places_named(filters["place"]) if filters.get("place") else None
        queue = review.review_queue(
            places=places, report=filters.get("report"), source=filters.get("source", ""),
            kind=filters.get("kind", ""), flag=filters.get("flag", ""), added_after=filters.get("added_after"),
            added_before=filters.get("added_before"), since=since if filters.get("new") else None,
        )
        page = Paginator(queue, 20).get_page(request.GET.get("page"))
        items = [(indicator, review.quote_in_context(indicator.report.body, indicator.quote, indicator.start,
                                                      indicator.end)) for indicator in page]
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "opts": self.opts,
            "page": page,
            "items": items,
            "form": form,
            "places": places,
            "since": since,
            "here": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/reports/indicator/review_queue.html", context)

    def _review_view(self, request, pk, write, done):
        self._require_review(request)
        indicator = get_object_or_404(Indicator, pk=pk)
        write(indicator, request.user)
        self.message_user(request, f"{done}: {indicator} ({indicator.report}).", messages.SUCCESS)
        return self._back(request)

    @method_decorator(require_POST)
    def verify_view(self, request, pk):
        return self._review_view(request, pk, review.verify, "Verified")

    @method_decorator(require_POST)
    def reject_view(self, request, pk):
        return self._review_view(request, pk, review.reject, "Rejected")

    def correct_view(self, request, pk):
        self._require_review(request)
        indicator = get_object_or_404(Indicator.objects.select_related("report__publisher", "place", "source"), pk=pk)
        data = request.POST if request.method == "POST" else None
        form = CorrectionForm(data, indicator=indicator, admin_site=self.admin_site, initial=model_to_dict(indicator))
        if request.method == "POST" and form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "note"}
            if not changes:
                # Saved as it was read: that is a verification, not a correction.
                review.verify(indicator, request.user)
                self.message_user(request, f"Nothing changed, verified: {indicator}.", messages.SUCCESS)
                return self._back(request)
            try:
                review.correct(indicator, request.user, note=form.cleaned_data["note"], **changes)
            except ValidationError as error:
                indicator.refresh_from_db()  # show what is stored, not the refused attempt
                form.add_error(None, error.messages)
            else:
                self.message_user(request, f"Corrected: {indicator} ({indicator.report}).", messages.SUCCESS)
                return self._back(request)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Correct {indicator}",
            "opts": self.opts,
            "indicator": indicator,
            "form": form,
            "media": self.media + form.media,
            "context": review.quote_in_context(indicator.report.body, indicator.quote, indicator.start, indicator.end),
            "reading": indicator.original or review.machine_reading(indicator),
            "next": self._next(request),
        }
        return TemplateResponse(request, "admin/reports/indicator/correct.html", context)


class JobErrorInline(admin.TabularInline):
    model = JobError
    fields = ["where", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "failed item"
    verbose_name_plural = "Failed items (file and row, reason)"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("reports.add_report")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs (reports/jobs.py): whoever may add reports sees them; nobody edits them."""

    list_display = ["__str__", "kind", "state", "created", "created_by", "progress", "finished"]
    list_filter = ["kind", "state"]
    list_select_related = ["created_by"]
    search_fields = ["description", "file_name"]
    date_hierarchy = "created"
    fields = ["kind", "description", "state", "progress", "error", "created_by", "created", "started", "finished",
              "default_date", "task_id"]
    readonly_fields = fields
    inlines = [JobErrorInline]

    def get_queryset(self, request):
        sums = {name: Sum(f"chunks__{name}") for name in jobs.COUNTS}
        return super().get_queryset(request).defer("file_data", "report_ids").annotate(
            **{f"sum_{name}": total for name, total in sums.items()})

    @admin.display(description="Progress")
    def progress(self, obj):
        counts = {name: getattr(obj, f"sum_{name}", None) or 0 for name in jobs.COUNTS}
        if obj.kind == Job.Kind.EXTRACT:
            return f"reports re-read {counts['unchanged']}, failed {counts['failed']}"
        text = ("read {read}, created {created}, unchanged {unchanged}, failed {failed}").format(**counts)
        return text + (f" ({counts['duplicates']} flagged as possible duplicates)" if counts["duplicates"] else "")

    def has_module_permission(self, request):
        return request.user.has_perm("reports.add_report")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("reports.add_report")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        # A job still at work reloads itself (no script: the admin's CSP stays as it is).
        context["refresh_seconds"] = 2 if obj is not None and obj.state in (Job.State.QUEUED, Job.State.RUNNING) else None
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every account with a role manages its own API tokens (superusers see all): made here with a name, the
    secret shown once in the confirmation message, revoked by the action (never edited or read back)."""

    list_display = ["name", "hint", "user", "created", "last_used", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    fields = ["name"]
    actions = ["revoke_selected"]

    def get_queryset(self, request):
        tokens = super().get_queryset(request).select_related("user")
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def _own(self, request, obj=None):
        # Accounts with a role (Viewer and above): a token acts with the account's role, and without one it has none.
        return request.user.is_active and request.user.has_perm("reports.view_dashboard") and (
            obj is None or obj.user_id == request.user.pk or request.user.is_superuser)

    def has_module_permission(self, request):
        return self._own(request)

    def has_view_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_add_permission(self, request):
        return self._own(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
        obj.pk, obj.user, obj.digest, obj.hint, obj.created = token.pk, token.user, token.digest, token.hint, token.created
        obj._state.adding = False
        messages.warning(request, f"Your new API token (copy it now, it will not be shown again): {secret}")

    @admin.action(description="Revoke the selected tokens")
    def revoke_selected(self, request, queryset):
        from django.utils import timezone

        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} token(s) revoked.")
