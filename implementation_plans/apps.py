"""Goals and priorities, the results chain, responsibilities, budget and the plan narrative."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImplementationPlansConfig(AppConfig):
    name = "implementation_plans"
    verbose_name = _("Goals, priorities and implementation plan")

    def ready(self):
        from implementation_plans import (
            demo,
            loaders,
            panels,
            phase_records,
            reports,
            trail,
            workflows,  # noqa: F401 (declares the rules and workflow tables on import)
        )

        loaders.register()
        panels.register()
        phase_records.register()
        demo.register()
        reports.register()
        trail.register()
