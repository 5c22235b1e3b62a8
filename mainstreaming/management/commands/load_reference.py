"""Load (or refresh) the handbook's reference lists from fixtures/reference/; safe to run again."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from mainstreaming import loaders
from mainstreaming.models import InstitutionKindGuide, Sector


def load_sectors() -> int:
    """Create or update the sectors, recording each change in their history."""
    path = settings.BASE_DIR / "fixtures" / "reference" / "sectors.json"
    changed = 0
    for row in json.loads(path.read_text(encoding="utf-8")):
        sector = Sector.objects.filter(code=row["code"]).first() or Sector(code=row["code"])
        values = {"name": row["name"], "position": row["position"]}
        if not loaders.apply_reference_row(sector, values, row.get("translations")):
            continue
        sector._change_reason = "reference.loaded"
        sector.full_clean()
        sector.save()
        changed += 1
    return changed


def load_institution_kinds() -> int:
    """Create or update the guidance on each kind of institution."""
    path = settings.BASE_DIR / "fixtures" / "reference" / "institution_kinds.json"
    changed = 0
    for row in json.loads(path.read_text(encoding="utf-8")):
        guide = InstitutionKindGuide.objects.filter(kind=row["kind"]).first() or InstitutionKindGuide(kind=row["kind"])
        if not loaders.apply_reference_row(guide, {"description": row["description"]}, row.get("translations")):
            continue
        guide._change_reason = "reference.loaded"
        guide.full_clean()
        guide.save()
        changed += 1
    return changed


class Command(BaseCommand):
    help = "Load the reference lists (sectors, and those of the phase apps) from fixtures/reference/."

    @transaction.atomic
    def handle(self, *args, **options):
        changed = load_sectors() + load_institution_kinds() + sum(loader() for loader in loaders.reference_loaders())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({changed} rows created or updated)."))
