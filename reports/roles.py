"""The three roles, as Django groups: what each may do in the admin and on the dashboard.

Staff accounts get the admin only through these groups; the migration `review_roles` creates them
and `ensure_roles()` can be run again at any time (it only adds what is missing and resets each
group's permissions to exactly the list below).
"""

from django.apps import apps as django_apps

VIEWER, EDITOR, REVIEWER = "Viewer", "Editor", "Reviewer"

# (app_label, model, codename, name) for permissions that are not a model's add/change/delete/view.
CUSTOM_PERMISSIONS = [
    ("reports", "report", "view_dashboard", "Can view the dashboard when it is not public"),
    ("reports", "indicator", "review_indicator", "Can verify, reject and correct indicators"),
]

_EDITOR = [
    "reports.add_report", "reports.change_report", "reports.view_report",
    "reports.add_source", "reports.change_source", "reports.view_source",
    "reports.add_indicator", "reports.change_indicator", "reports.view_indicator",
    "reports.view_place",
    "reports.view_dashboard",
]

ROLES = {
    VIEWER: ["reports.view_dashboard"],
    EDITOR: _EDITOR,
    REVIEWER: _EDITOR + ["reports.review_indicator"],
}


def ensure_roles(apps=django_apps):
    """Create the groups and custom permissions (idempotent). `apps` is a migration's app registry."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model, codename, name in CUSTOM_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    for group_name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
