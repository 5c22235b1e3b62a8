"""The demo country loads from fixtures and loads again harmlessly; settings come from the environment."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from mainstreaming import permissions
from mainstreaming.choices import InstitutionKind, Role
from mainstreaming.models import Institution, InstitutionKindGuide, Membership, Process, Sector
from tests.cast import make_cast


class DemoTests(TestCase):
    def test_the_demo_country_has_one_user_per_role_and_loads_twice_harmlessly(self):
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
        process = Process.objects.get()
        health = Institution.objects.get(acronym="MoH")
        health.acronym = "MoPH"  # a change made while using the demo ...
        health.save()
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
        health.refresh_from_db()
        self.assertEqual(health.acronym, "MoPH")  # ... survives loading it again
        self.assertEqual(Process.objects.count(), 1)
        self.assertEqual(Sector.objects.count(), 14)
        self.assertGreaterEqual(process.institutions.count(), 12)
        self.assertGreaterEqual(len(set(process.institutions.values_list("kind", flat=True))), 6)
        demo_users = ["nfp", "health", "labour", "facilitator", "donor"]
        roles = dict(
            Membership.objects.filter(process=process, user__username__in=demo_users).values_list(
                "user__username", "role"
            )
        )
        self.assertEqual(
            roles,
            {
                "nfp": Role.NFP,
                "health": Role.MINISTRY,
                "labour": Role.MINISTRY,
                "facilitator": Role.FACILITATOR,
                "donor": Role.DONOR,
            },
        )
        for username in roles:
            with self.subTest(username=username):
                self.assertTrue(self.client.login(username=username, password="demo"))
        health_user = Membership.objects.get(user__username="health").user
        self.assertTrue(permissions.has_perm(health_user, "change_institution", health))

    def test_the_institution_form_explains_each_kind_from_the_reference_list(self):
        call_command("load_reference", stdout=open(os.devnull, "w"))
        self.assertEqual(InstitutionKindGuide.objects.count(), len(InstitutionKind.values))
        cast = make_cast()
        self.client.force_login(cast.nfp)
        response = self.client.get(reverse("mainstreaming:institution_create", args=[cast.process.pk]))
        self.assertContains(response, "Holds remittance data")


def settings_in_a_fresh_process(**environment) -> dict:
    """Read settings the way a new server process would, with exactly the given environment variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL", "MEDIA_ROOT"}
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="mainstreaming.settings")
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'engine': s.DATABASES['default']['ENGINE'], 'eager': s.CELERY_TASK_ALWAYS_EAGER,"
        "'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND, 'media': str(s.MEDIA_ROOT), 'debug': s.DEBUG}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    if result.returncode:
        return {"error": result.stderr}
    import json

    return json.loads(result.stdout)


class SettingsTests(TestCase):
    def test_unset_means_the_embedded_set_up(self):
        embedded = settings_in_a_fresh_process()
        self.assertEqual(embedded["engine"], "django.db.backends.sqlite3")
        self.assertTrue(embedded["eager"])
        self.assertEqual(embedded["email"], "django.core.mail.backends.console.EmailBackend")
        self.assertTrue(embedded["media"].endswith("/media"))

    def test_set_means_postgresql_redis_and_smtp(self):
        production = settings_in_a_fresh_process(
            DATABASE_URL="postgres://app:secret@db:5432/app",
            REDIS_URL="redis://redis:6379/0",
            EMAIL_URL="smtp://mail.example.org:25",
            MEDIA_ROOT="/data/media",
            DEBUG="0",
            SECRET_KEY="x" * 50,
            ALLOWED_HOSTS="example.org",
        )
        self.assertEqual(production["engine"], "django.db.backends.postgresql")
        self.assertFalse(production["eager"])
        self.assertEqual(production["broker"], "redis://redis:6379/0")
        self.assertEqual(production["email"], "django.core.mail.backends.smtp.EmailBackend")
        self.assertEqual(production["media"], "/data/media")
        self.assertFalse(production["debug"])

    def test_production_without_a_secret_key_refuses_to_start(self):
        result = settings_in_a_fresh_process(DEBUG="0", ALLOWED_HOSTS="example.org")
        self.assertIn("SECRET_KEY and ALLOWED_HOSTS must be set", result["error"])
