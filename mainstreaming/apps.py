"""The core: processes, institutions, memberships and roles, phases, audit and the report pipeline."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MainstreamingConfig(AppConfig):
    name = "mainstreaming"
    verbose_name = _("Mainstreaming process")
