"""Create the Viewer, Editor and Reviewer groups with their permissions (see reports/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from reports.roles import ensure_roles


def create_roles(apps, schema_editor):
    # On a fresh database the model permissions are only made after all migrations ran
    # (post_migrate); make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Viewer", "Editor", "Reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
