"""
Who may do what, in one place.

Two layers, both held by django-guardian and granted only to groups, never to a person:

* Role permissions on a Process. Each process has one group per role; its members get the codenames in
  ROLE_PERMISSIONS on that process. Ending a membership takes the person out of the group, so the rights go
  with it.
* Per-ministry permissions on an object. Each institution has a group for its focal points; a phase app grants
  that group rights on the objects the institution owns (its profile here, its checklists and reports later).

Only services call the grant and revoke helpers below, and they do it inside the audited change that explains
why.
"""

import uuid

from django.contrib.auth.models import Group
from django.db import models
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import assign_perm, remove_perm

from mainstreaming.choices import Role

VIEW_PROCESS = "view_process"
VIEW_INTERNAL = "view_internal"
MANAGE_PROCESS = "manage_process"
REVIEW_PROCESS = "review_process"
REQUEST_REPORT = "request_report"
PUBLISH_REPORT = "publish_report"

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.NFP: (VIEW_PROCESS, VIEW_INTERNAL, MANAGE_PROCESS, REVIEW_PROCESS, REQUEST_REPORT, PUBLISH_REPORT),
    Role.MINISTRY: (VIEW_PROCESS, VIEW_INTERNAL),
    Role.FACILITATOR: (VIEW_PROCESS, VIEW_INTERNAL, REVIEW_PROCESS, REQUEST_REPORT),
    # Development partners read only what the process has published.
    Role.DONOR: (VIEW_PROCESS,),
}

# Rights on an institution's own record: its focal points keep its profile up to date, the NFP manages all.
INSTITUTION_GROUP_PERMISSIONS = ("change_institution",)


# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------


def role_group_name(process, role: str) -> str:
    return f"process-{process.pk}-{role}"


def role_group(process, role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=role_group_name(process, role))
    return group


def new_institution_group(process) -> Group:
    """A fresh group for an institution's focal points (named before the institution has a primary key)."""
    return Group.objects.create(name=f"process-{process.pk}-institution-{uuid.uuid4().hex[:12]}")


# ---------------------------------------------------------------------------
# Grants (called from services only)
# ---------------------------------------------------------------------------


def grant_role_permissions(process) -> None:
    """Give each role group of `process` exactly the rights ROLE_PERMISSIONS lists; safe to run again."""
    for role, codenames in ROLE_PERMISSIONS.items():
        group = role_group(process, role)
        held = set(_group_codenames(group, process))
        for codename in set(codenames) - held:
            assign_perm(codename, group, process)
        for codename in held - set(codenames):
            remove_perm(codename, group, process)


def grant_institution_permissions(institution) -> None:
    """Give the institution's own group and the process's NFP group their rights on the institution's record."""
    for codename in INSTITUTION_GROUP_PERMISSIONS:
        assign_perm(codename, institution.group, institution)
        assign_perm(codename, role_group(institution.process, Role.NFP), institution)


def grant_to_institution(codename: str, institution, obj) -> None:
    """Let an institution's focal points do `codename` on `obj` (used by the phase apps for owned objects)."""
    assign_perm(codename, institution.group, obj)


def revoke_from_institution(codename: str, institution, obj) -> None:
    remove_perm(codename, institution.group, obj)


def add_member_to_groups(membership) -> None:
    membership.user.groups.add(*_membership_groups(membership))


def remove_member_from_groups(membership) -> None:
    membership.user.groups.remove(*_membership_groups(membership))


def _membership_groups(membership) -> list[Group]:
    groups = [role_group(membership.process, membership.role)]
    if membership.role == Role.MINISTRY and membership.institution_id:
        groups.append(membership.institution.group)
    return groups


def _group_codenames(group, obj) -> list[str]:
    return ObjectPermissionChecker(group).get_perms(obj)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def checker_for(request_or_user) -> ObjectPermissionChecker:
    """
    One ObjectPermissionChecker per request: it caches what it has read, so a page that asks many questions
    about the same objects costs one query per object, not one per question.
    """
    holder = request_or_user
    user = getattr(request_or_user, "user", request_or_user)
    checker = getattr(holder, "_permission_checker", None)
    if checker is None or checker.user != user:
        checker = ObjectPermissionChecker(user)
        holder._permission_checker = checker
    return checker


def has_perm(request_or_user, codename: str, obj: models.Model) -> bool:
    """Whether the user may do `codename` on `obj` (site admins may do everything)."""
    user = getattr(request_or_user, "user", request_or_user)
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return checker_for(request_or_user).has_perm(codename, obj)


def process_perms(request_or_user, process) -> set[str]:
    """Every role permission the user holds on `process`, for templates to decide what to show."""
    user = getattr(request_or_user, "user", request_or_user)
    if user.is_authenticated and user.is_superuser:
        return {codename for codenames in ROLE_PERMISSIONS.values() for codename in codenames}
    if not user.is_authenticated:
        return set()
    return set(checker_for(request_or_user).get_perms(process))
