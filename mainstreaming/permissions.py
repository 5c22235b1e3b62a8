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
from collections.abc import Callable

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


# ---------------------------------------------------------------------------
# Rules a phase app adds for its own records
# ---------------------------------------------------------------------------

# A record's extra rules, on top of the role permissions: `can_view(request_or_user, obj)` narrows who of those
# who see internal work may read it (a ministry's draft answers), `can_comment(request_or_user, obj)` widens who
# may comment beyond the reviewers (institutions contributing to a checklist).
_VIEW_RULES: dict[type, Callable] = {}
_COMMENT_RULES: dict[type, Callable] = {}


def register_object_rules(model: type[models.Model], *, can_view: Callable | None = None, can_comment=None) -> None:
    if can_view is not None:
        _VIEW_RULES[model] = can_view
    if can_comment is not None:
        _COMMENT_RULES[model] = can_comment


def can_view(request_or_user, obj) -> bool:
    """Whether the user may read `obj`, a record of a process: internal work, narrowed by the record's own rule."""
    if not has_perm(request_or_user, VIEW_INTERNAL, obj.process):
        return False
    rule = _VIEW_RULES.get(type(obj))
    return rule is None or rule(request_or_user, obj)


def can_comment(request_or_user, obj) -> bool:
    """Reviewers comment on any record they can read; a record's own rule may let others comment too."""
    if not can_view(request_or_user, obj):
        return False
    if has_perm(request_or_user, REVIEW_PROCESS, obj.process):
        return True
    rule = _COMMENT_RULES.get(type(obj))
    return rule is not None and rule(request_or_user, obj)
