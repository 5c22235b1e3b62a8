"""Focal points, committees and meetings, consultation events, capacity development, the stakeholder map."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "stakeholders"
    verbose_name = _("Institutional set-up and consultation")

    def ready(self):
        from stakeholders import demo, panels, permissions, phase_records, reports, trail, workflows  # noqa: F401

        panels.register()
        phase_records.register()
        trail.register()
        reports.register()
        demo.register()
