"""
A real Celery worker for the integration tests.

One worker per module, started as a subprocess on a queue of its own (so that it never takes another run's
tasks, nor another worker ours), pointed at the test database pytest-django created and at a media directory
shared with the tests. The tests route every task they send to that queue for their duration.

Skipped unless DATABASE_URL names PostgreSQL (a worker cannot see SQLite's in-memory test database) and
REDIS_URL names a broker; with FAIL_ON_SKIP=1, as in CI, such a skip fails the run.
"""

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from mainstreaming.celery import app as celery_app

WORKER_READY_TIMEOUT = 30
WORKER_STOP_TIMEOUT = 15


@dataclass
class Worker:
    process: subprocess.Popen
    hostname: str
    queue: str
    media_root: Path
    log_path: Path

    def log(self, start: int = 0) -> str:
        try:
            with open(self.log_path, "rb") as stream:
                stream.seek(start)
                return stream.read().decode("utf-8", errors="replace")
        except OSError as exc:  # pragma: no cover
            return f"(worker log unreadable: {exc})"

    def log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:  # pragma: no cover
            return 0


def _test_database_url() -> str:
    """The URL of the test database pytest-django created (django_db_setup has already switched NAME)."""
    params = connection.settings_dict
    user = quote(params.get("USER") or "", safe="")
    password = quote(params.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = params.get("HOST") or "127.0.0.1"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(params['NAME'], safe='')}"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # SIGTERM: a warm shutdown, the worker finishes its task and closes its connections
    try:
        process.wait(timeout=WORKER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=WORKER_STOP_TIMEOUT)


def _forget_queue(queue: str) -> None:
    """Remove only this run's queue from Redis (its list and kombu's binding set); nothing global is purged."""
    try:
        with celery_app.connection_for_write() as conn:
            channel = conn.default_channel
            keys = [channel._q_for_pri(queue, priority) for priority in channel.priority_steps]
            # The queue's exchange has the queue's name: its binding tables are this run's alone.
            keys.append(channel.keyprefix_queue % (queue,))
            if hasattr(channel, "keyprefix_binding_permanent"):  # kombu >= 5.7
                keys.append(channel.keyprefix_binding_permanent % (queue,))
            channel.client.delete(*keys)
    except Exception:  # pragma: no cover - tidying up must never hide a test result
        pass


@pytest.fixture(scope="module")
def celery_worker(request, tmp_path_factory):
    request.getfixturevalue("django_db_setup")  # the test database must exist before the worker connects

    token = uuid.uuid4().hex[:12]
    queue = f"mainstreaming-test-{token}"
    hostname = f"test-{token}@localhost"
    media_root = tmp_path_factory.mktemp("worker-media")
    log_path = tmp_path_factory.mktemp("worker-log") / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mainstreaming.settings",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "MEDIA_ROOT": str(media_root),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "mainstreaming",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-l",
        "info",
        "-Q",
        queue,
        "-n",
        hostname,
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with open(log_path, "wb") as log_stream:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log_stream, stderr=subprocess.STDOUT)
    worker = Worker(process=process, hostname=hostname, queue=queue, media_root=media_root, log_path=log_path)
    try:
        deadline = time.monotonic() + WORKER_READY_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"the Celery worker exited with {process.returncode}:\n{worker.log()}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"the Celery worker was not ready in {WORKER_READY_TIMEOUT} s:\n{worker.log()}")
            if celery_app.control.ping(destination=[hostname], timeout=0.5):
                break
            time.sleep(0.2)
        yield worker
    finally:
        _stop(process)
        _forget_queue(queue)


@pytest.fixture
def worker(request, celery_worker, settings):
    """
    The module's worker, for one test: the test reads files where the worker writes them (settings.MEDIA_ROOT is
    overridden after tests/conftest.py's autouse set-up, and restored afterwards), and every task it sends goes
    to the worker's queue. The worker's log of this test is attached to the report if it fails.
    """
    assert not celery_app.conf.task_always_eager, "tasks must go to the worker, not run in-process"
    if celery_worker.process.poll() is not None:
        pytest.fail(f"the Celery worker has died:\n{celery_worker.log()}", pytrace=False)
    settings.MEDIA_ROOT = celery_worker.media_root
    request.node._celery_worker = (celery_worker, celery_worker.log_size())
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = celery_worker.queue
    try:
        yield celery_worker
    finally:
        celery_app.conf.task_default_queue = previous_queue


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    attached = getattr(item, "_celery_worker", None)
    if attached and report.when == "call" and report.failed:
        worker, start = attached
        report.sections.append(("Celery worker log", worker.log(start) or "(empty)"))
