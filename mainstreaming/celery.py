"""The Celery application: PDF builds and e-mail run here, in-process when REDIS_URL is unset."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mainstreaming.settings")

app = Celery("mainstreaming")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
