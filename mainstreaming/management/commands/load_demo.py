"""
Load the fictional demo country from fixtures/demo/ with one user per role (password "demo") and a site
administrator. Running it again changes nothing: an existing demo process and its data are kept.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from mainstreaming import loaders, services
from mainstreaming.choices import Role
from mainstreaming.models import Process, Sector

DEMO_PASSWORD = "demo"


class Command(BaseCommand):
    help = "Load the demo country and its users (nfp, health, labour, facilitator, donor; password 'demo')."

    @transaction.atomic
    def handle(self, *args, **options):
        call_command("load_reference", verbosity=0)
        data = json.loads((settings.BASE_DIR / "fixtures" / "demo" / "country.json").read_text(encoding="utf-8"))
        admin = self._user("admin", "Site", "Administrator", "admin@example.org", superuser=True)

        spec = data["process"]
        if Process.objects.filter(country=spec["country"], title=spec["title"]).exists():
            self.stdout.write("The demo country is already loaded; nothing changed.")
            return

        process = services.process_create(actor=admin, **spec)
        sectors = {sector.code: sector for sector in Sector.objects.all()}
        institutions = {}
        for row in data["institutions"]:
            institutions[row["name"]] = services.institution_create(
                actor=admin,
                process=process,
                name=row["name"],
                acronym=row["acronym"],
                kind=row["kind"],
                parent=institutions.get(row.get("parent")),
                sectors=[sectors[code] for code in row["sectors"]],
                check_actor=False,
            )
        for row in data["people"]:
            user = self._user(row["username"], row["first_name"], row["last_name"], row["email"])
            services.membership_create(
                actor=admin,
                process=process,
                user=user,
                role=row["role"],
                institution=institutions.get(row.get("institution")),
                reason="demo data",
                check_actor=False,
            )
        nfp = process.memberships.get(role=Role.NFP).user
        for row in data["phases"]:
            services.phase_update(
                actor=nfp,
                process=process,
                phase=row["phase"],
                status=row["status"],
                note=row["note"],
                reason=row["reason"],
            )
        demo = loaders.DemoCountry(
            process=process,
            institutions={
                institution.acronym or institution.name: institution for institution in institutions.values()
            },
            users={membership.user.username: membership.user for membership in process.memberships.all()},
            admin=admin,
        )
        for loader in loaders.demo_loaders():
            loader(demo)
        self.stdout.write(self.style.SUCCESS(f"Loaded {process}. Log in as nfp, health, labour, facilitator or donor."))

    def _user(self, username, first_name, last_name, email, superuser=False):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first_name, last_name=last_name, email=email)
            user.is_staff = user.is_superuser = superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user
