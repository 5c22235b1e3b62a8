"""
The permission matrix: every URL of the site, for every role, for GET and POST, in one table.

A URL pattern without a row fails the test, so a new page cannot ship without saying who may use it. Rows read
as: what anonymous visitors, the NFP, the focal point of the institution concerned ("own"), the focal point of
another institution ("other"), the facilitator, a development partner and a member of another process get.

LOGIN means a redirect to the login page. 404 for "outsider" is deliberate: a process you take no part in does
not exist for you.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mainstreaming import services
from mainstreaming.choices import ReportStatus
from tests.cast import ROLES, make_cast

LOGIN = "login"
ADMIN_LOGIN = "admin-login"


def expect(anonymous=LOGIN, nfp=200, own=200, other=200, facilitator=200, donor=200, outsider=404) -> dict:
    return dict(
        anonymous=anonymous, nfp=nfp, own=own, other=other, facilitator=facilitator, donor=donor, outsider=outsider
    )


def members(status=200, **overrides) -> dict:
    """Every member of the process gets `status`."""
    return expect(**{role: status for role in ("nfp", "own", "other", "facilitator", "donor")} | overrides)


def internal(status=200, **overrides) -> dict:
    """Members who see internal work (all but development partners)."""
    return members(status, **{"donor": 403} | overrides)


def nfp_only(status=200, **overrides) -> dict:
    return members(403, **{"nfp": status} | overrides)


def everyone(status) -> dict:
    return {role: status for role in ROLES}


@dataclass
class Row:
    kwargs: str  # which objects of the cast fill the URL: see MatrixTests.url_kwargs
    get: dict
    post: dict
    data: dict = field(default_factory=dict)
    label: str = ""


MATRIX: dict[str, list[Row]] = {
    "mainstreaming:process_list": [Row("none", members(outsider=200), members(405, outsider=405))],
    "mainstreaming:process_dashboard": [Row("process", members(), members(405))],
    "mainstreaming:process_history": [Row("process", internal(), internal(405))],
    "mainstreaming:phase_detail": [Row("phase", members(), members(405))],
    "mainstreaming:phase_update": [
        Row("phase", nfp_only(405), nfp_only(302), {"status": "in_progress", "note": "Started", "reason": "Kick-off"}),
    ],
    "mainstreaming:phase_history": [Row("phase", internal(), internal(405))],
    "mainstreaming:institution_list": [Row("process", internal(), internal(405))],
    "mainstreaming:institution_create": [
        Row("process", nfp_only(), nfp_only(302), {"name": "Ministry of Education", "kind": "line_ministry"}),
    ],
    "mainstreaming:institution_detail": [Row("health", internal(), internal(405))],
    "mainstreaming:institution_edit": [
        # The ministry's own focal point may keep its profile up to date; another ministry may not.
        Row(
            "health",
            internal(other=403, facilitator=403),
            internal(302, other=403, facilitator=403),
            {"name": "Ministry of Public Health", "acronym": "MoPH", "kind": "line_ministry"},
        ),
    ],
    "mainstreaming:institution_history": [Row("health", internal(), internal(405))],
    "mainstreaming:membership_list": [Row("process", internal(), internal(405))],
    "mainstreaming:membership_invite": [
        Row(
            "process",
            nfp_only(),
            nfp_only(302),
            {"email": "new.person@example.org", "first_name": "New", "last_name": "Person", "role": "facilitator"},
        ),
    ],
    "mainstreaming:membership_detail": [Row("own_membership", internal(), internal(405))],
    "mainstreaming:membership_edit": [
        Row(
            "own_membership", nfp_only(), nfp_only(302), {"role": "facilitator", "reason": "Moved to the support team"}
        ),
    ],
    "mainstreaming:membership_end": [
        Row("own_membership", nfp_only(), nfp_only(302), {"reason": "Left the ministry"}),
    ],
    "mainstreaming:membership_history": [Row("own_membership", internal(), internal(405))],
    "mainstreaming:report_list": [Row("process", members(), members(405))],
    "mainstreaming:report_request": [
        Row("process", members(405, nfp=405, own=403, other=403, donor=403), members(403, nfp=302, facilitator=302)),
    ],
    "mainstreaming:report_detail": [
        Row("internal_report", internal(donor=404), internal(405, donor=404), label="internal"),
        Row("published_report", members(), members(405), label="published"),
    ],
    "mainstreaming:report_status": [
        Row("internal_report", internal(donor=404), internal(405, donor=404), label="internal"),
        Row("published_report", members(), members(405), label="published"),
    ],
    "mainstreaming:report_download": [
        Row("internal_report", internal(donor=404), internal(405, donor=404), label="internal"),
        Row("published_report", members(), members(405), label="published"),
    ],
    "mainstreaming:report_publish": [
        Row("internal_report", nfp_only(donor=404), nfp_only(302, donor=404), label="internal"),
        # Publishing twice is refused with a message beside the form.
        Row("published_report", nfp_only(), nfp_only(400), label="published"),
    ],
    "mainstreaming:report_unpublish": [
        Row("published_report", nfp_only(), nfp_only(302), {"reason": "Superseded"}, label="published"),
    ],
    "mainstreaming:report_history": [Row("internal_report", internal(), internal(405))],
    "login": [Row("none", everyone(200), everyone(200), {"username": "nobody", "password": "wrong"})],
    "logout": [Row("none", everyone(405), everyone(302))],
    "password_change": [Row("none", members(outsider=200), members(outsider=200))],
    "password_change_done": [Row("none", members(outsider=200), members(405, outsider=405))],
    "password_reset": [Row("none", everyone(200), everyone(302), {"email": "someone@example.org"})],
    "password_reset_done": [Row("none", everyone(200), everyone(405))],
    "password_reset_confirm": [Row("reset_link", everyone(200), everyone(200))],
    "password_reset_complete": [Row("none", everyone(200), everyone(405))],
    "set_language": [Row("none", everyone(302), everyone(302), {"language": "fr", "next": "/"})],
    # Django admin is for the site administrator only: every role here is sent to the admin login.
    "admin:*": [Row("none", everyone(ADMIN_LOGIN), everyone(ADMIN_LOGIN))],
}


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
        cls.internal_report = cls._built_report()
        cls.published_report = cls._built_report()
        services.report_publish(actor=cls.cast.nfp, report=cls.published_report)

    @classmethod
    def _built_report(cls):
        report = services.report_request(actor=cls.cast.nfp, process=cls.cast.process)
        report = services.report_build(report_id=report.pk)
        assert report.status == ReportStatus.DONE
        return report

    def url_kwargs(self, which):
        cast = self.cast
        process = {"process_pk": cast.process.pk}
        own_membership = cast.own.memberships.get()
        return {
            "none": {},
            "process": process,
            "phase": process | {"phase": "preparation"},
            "health": process | {"pk": cast.health.pk},
            "own_membership": process | {"pk": own_membership.pk},
            "internal_report": process | {"pk": self.internal_report.pk},
            "published_report": process | {"pk": self.published_report.pk},
            "reset_link": {"uidb64": "MQ", "token": "invalid-token"},
        }[which]

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
