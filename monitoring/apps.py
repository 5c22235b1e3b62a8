"""Indicators, reporting periods, progress reports, evaluations and dashboards."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from monitoring import (  # noqa: F401 (workflows registers the review tables)
            demo,
            loaders,
            panels,
            permissions,
            phase_records,
            plan_section,
            reports,
            trail,
            workflows,
        )

        loaders.register()
        panels.register()
        phase_records.register()
        demo.register()
        trail.register()
        permissions.register()
        plan_section.register()
        reports.register()
