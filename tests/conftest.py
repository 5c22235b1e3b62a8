"""
Shared test set-up.

Unit tests run Celery tasks in-process even when REDIS_URL is set; the integration tests (marker
`integration`) talk to a real worker instead. With FAIL_ON_SKIP=1 (as .ci/run sets it) a run with any skipped
test fails, so a missing service can never pass unnoticed.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from mainstreaming.celery import app as celery_app

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(autouse=True, scope="session")
def _test_settings(tmp_path_factory):
    """Built reports go to a temporary folder for the whole run (class-level test data writes files too)."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    # Hashing passwords properly takes a third of a second each: far too slow for factories.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Parallel workers (pytest-xdist) each have their own test database (pytest-django suffixes its name) but share
    # Redis when REDIS_URL is set: each worker keeps its own cache keys, or equal primary keys would collide.
    # override_settings resets the cache connections, which may already exist.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        caches = {
            alias: {**cache, "KEY_PREFIX": f"{cache.get('KEY_PREFIX') or ''}{worker}"}
            for alias, cache in settings.CACHES.items()
        }
        override_settings(CACHES=caches).enable()


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switches language through LocaleMiddleware must not leave the next test speaking French."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_collection_modifyitems(config, items):
    """
    Tests that need a service this machine lacks are skipped at collection, with the reason; CI sets
    FAIL_ON_SKIP=1, so there a missing service fails the run instead of passing unnoticed.
    """
    from django.conf import settings as django_settings

    missing = {}
    if not CHROMIUM.exists():
        missing["browser"] = f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
    if django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing["integration"] = "integration tests need DATABASE_URL to name PostgreSQL (the worker shares the DB)"
    elif not django_settings.REDIS_URL:
        missing["integration"] = "integration tests need REDIS_URL to name a Redis broker for the Celery worker"
    for item in items:
        for marker, reason in missing.items():
            if item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skipif(True, reason=reason))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("FAIL_ON_SKIP") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"FAIL_ON_SKIP=1: {len(skipped)} test(s) were skipped; every test must run here.", red=True)
        for report in skipped:
            reporter.write_line(f"  skipped: {report.nodeid}: {report.longrepr[-1] if report.longrepr else ''}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
