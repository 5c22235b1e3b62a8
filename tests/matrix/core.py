"""Permission-matrix rows of the core: processes, phases, institutions, people, reports, accounts, admin."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from mainstreaming import services
from mainstreaming.choices import BuildStatus
from tests.matrix import ADMIN_LOGIN, Row, everyone, expect, internal, members, nfp_only  # noqa: F401


def objects(cast) -> dict[str, dict]:
    internal_report = _built_report(cast)
    published_report = _built_report(cast)
    services.report_publish(actor=cast.nfp, report=published_report)
    document = services.document_attach(
        actor=cast.nfp, process=cast.process, owner=cast.health, uploaded=SimpleUploadedFile("tor.txt", b"Terms")
    )
    process = {"process_pk": cast.process.pk}
    return {
        "none": {},
        "process": process,
        "phase": process | {"phase": "preparation"},
        "health": process | {"pk": cast.health.pk},
        "own_membership": process | {"pk": cast.own.memberships.get().pk},
        "internal_report": process | {"pk": internal_report.pk},
        "published_report": process | {"pk": published_report.pk},
        "reset_link": {"uidb64": "MQ", "token": "invalid-token"},
        "document": process | {"pk": document.pk},
        "comment_on_health": process
        | {"content_type_id": ContentType.objects.get_for_model(cast.health).pk, "object_id": str(cast.health.pk)},
    }


def _built_report(cast):
    report = services.report_request(actor=cast.nfp, process=cast.process)
    report = services.report_build(report_id=report.pk)
    assert report.status == BuildStatus.DONE
    return report


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
    "mainstreaming:document_download": [Row("document", internal(), internal(405))],
    # Reviewers (the NFP and the facilitator) comment on any record of the process; the others get 403 from the
    # service (a phase app's rule may let some of them comment on its own records).
    "mainstreaming:comment_create": [
        Row(
            "comment_on_health",
            internal(405),
            members(403, nfp=302, facilitator=302),
            {"text": "Please add the ministry's switchboard number."},
        ),
    ],
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
