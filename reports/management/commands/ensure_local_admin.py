import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Local development only (DEBUG on): create a superuser 'admin' with a random password when there "
            "is no superuser, and print its credentials once.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin only runs with DEBUG on; in production create accounts "
                               "with `manage.py createsuperuser`.")
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing:
            self.stdout.write(f"local admin: superuser {existing.get_username()!r} already exists (password unchanged)")
            return
        if User.objects.filter(username="admin").exists():
            raise CommandError("a user named 'admin' exists but is not a superuser; use `manage.py createsuperuser`")
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(username="admin", email="", password=password)
        self.stdout.write(f"local admin created: username admin, password {password} (shown only this once)")
