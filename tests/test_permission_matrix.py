"""
The permission matrix: every URL of the site, for every role, for GET and POST, in one table.

A URL pattern without a row fails the test, so a new page cannot ship without saying who may use it. Rows live in
tests/matrix/, one module per app, and read as: what anonymous visitors, the NFP, the focal point of the
institution concerned ("own"), the focal point of another institution ("other"), the facilitator, a development
partner and a member of another process get.

LOGIN means a redirect to the login page. 404 for "outsider" is deliberate: a process you take no part in does
not exist for you.
"""

from django.db import transaction
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.cast import ROLES, make_cast
from tests.matrix import (
    ADMIN_LOGIN,
    LOGIN,
    ip_budget,
    ip_chain,
    ip_goals,
    ip_plan,
    monitoring_dashboard,
    monitoring_evaluations,
    monitoring_exports,
    monitoring_indicators,
    monitoring_reporting,
    sa_assignments,
    sa_findings,
    sa_series,
    sa_workbook,
    stakeholders_committees,
    stakeholders_consultation,
    stakeholders_setup,
)
from tests.matrix import core as core_rows
from tests.matrix import situation_analysis as situation_analysis_rows

# One module of rows per app (or area of an app); add a module here when it gets its first URL.
ROW_MODULES = [
    core_rows,
    stakeholders_setup,
    stakeholders_committees,
    stakeholders_consultation,
    situation_analysis_rows,
    sa_assignments,
    sa_workbook,
    sa_series,
    sa_findings,
    ip_goals,
    ip_chain,
    ip_budget,
    ip_plan,
    monitoring_indicators,
    monitoring_dashboard,
    monitoring_evaluations,
    monitoring_reporting,
    monitoring_exports,
]
MATRIX = {name: rows for module in ROW_MODULES for name, rows in module.MATRIX.items()}


def all_url_names() -> set[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                yield from walk(
                    pattern.url_patterns, f"{namespace}:{inner}" if namespace and inner else inner or namespace
                )
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield "admin:*" if (namespace or "").startswith("admin") else name

    return set(walk(get_resolver().url_patterns))


class MatrixCoverageTests(TestCase):
    def test_every_url_pattern_has_a_row(self):
        missing = all_url_names() - set(MATRIX)
        self.assertFalse(missing, f"URL patterns without a row in the permission matrix: {sorted(missing)}")

    def test_every_row_names_a_real_url(self):
        self.assertFalse(set(MATRIX) - all_url_names())


class MatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.kwargs = {}
        for module in ROW_MODULES:
            cls.kwargs.update(module.objects(cls.cast))

    def url_kwargs(self, which):
        return self.kwargs[which]

    def url_for(self, name, row):
        if name == "admin:*":
            return reverse("admin:index")
        return reverse(name, kwargs=self.url_kwargs(row.kwargs))

    def check(self, response, expected, url):
        if expected == LOGIN:
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("login")), response["Location"])
        elif expected == ADMIN_LOGIN:
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("admin:login")), response["Location"])
        else:
            self.assertEqual(response.status_code, expected, f"{url}: {response.content[:300]!r}")

    def test_matrix(self):
        for name, rows in MATRIX.items():
            for row in rows:
                url = self.url_for(name, row)
                for role in ROLES:
                    for method in ("get", "post"):
                        expected = getattr(row, method)[role]
                        with self.subTest(url=name, case=row.label, role=role, method=method, expected=expected):
                            self.client.logout()
                            user = self.cast.user(role)
                            if user is not None:
                                self.client.force_login(user)
                            # Each request is undone afterwards, so that one role's POST cannot change what the
                            # next role sees.
                            with transaction.atomic():
                                if method == "get":
                                    response = self.client.get(url)
                                else:
                                    response = self.client.post(url, row.data)
                                transaction.set_rollback(True)
                            self.check(response, expected, url)
