"""The core: processes, institutions, memberships and roles, phases, audit and the report pipeline."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MainstreamingConfig(AppConfig):
    name = "mainstreaming"
    verbose_name = _("Mainstreaming process")

    def ready(self):
        from mainstreaming import reports  # noqa: F401  (registers the core's report kinds)
