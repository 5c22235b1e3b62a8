"""Sector checklists filled in by the ministries, data sources, migration-profile data and findings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationAnalysisConfig(AppConfig):
    name = "situation_analysis"
    verbose_name = _("Situation analysis")

    def ready(self):
        from situation_analysis import demo, loaders, panels, permissions, phase_records, reports, trail, workflows

        loaders.register()
        permissions.register()
        trail.register()
        panels.register()
        demo.register()
        phase_records.register()
        reports.register()
        workflows.register()
