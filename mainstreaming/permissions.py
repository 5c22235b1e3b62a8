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
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import QuerySet
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
CHANGE_INSTITUTION = "change_institution"
INSTITUTION_GROUP_PERMISSIONS = (CHANGE_INSTITUTION,)


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


class RoleFlags:
    """
    What a person's role lets them do on a process, as flags for templates (`may.manage`), so that no template
    names a permission codename.
    """

    def __init__(self, perms: set[str]):
        self.view = VIEW_PROCESS in perms
        self.read_internal = VIEW_INTERNAL in perms
        self.manage = MANAGE_PROCESS in perms
        self.review = REVIEW_PROCESS in perms
        self.request_report = REQUEST_REPORT in perms
        self.publish_report = PUBLISH_REPORT in perms


# ---------------------------------------------------------------------------
# Rules: the one way to ask "may this person do this to this record?"
# ---------------------------------------------------------------------------

# A rule has a name, a check on one object and, for rules that decide what a person sees in a list, a narrowing of
# a queryset to the records the check would let through. Services `require` a rule, views name one (the `rule`
# attribute of ProcessViewMixin), selectors `restrict` their lists with one, templates get flags computed from them.
# The role permissions above are rules too, under their codenames, and accept a process or any record of one.


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[Any, Any], bool]
    narrow: Callable[[Any, QuerySet], QuerySet] | None = None


_RULES: dict[str, Rule] = {}


def register_rule(name: str, check: Callable[[Any, Any], bool], *, narrow=None) -> Rule:
    """
    Declare a rule: `check(request_or_user, obj) -> bool`, and `narrow(user, queryset) -> queryset` when lists are
    filtered by it. A rule is declared once: a second declaration under the same name is a mistake.
    """
    if name in _RULES and _RULES[name].check is not check:
        raise ImproperlyConfigured(f"The permission rule {name!r} is declared twice.")
    _RULES[name] = Rule(name=name, check=check, narrow=narrow)
    return _RULES[name]


def rule(name: str, *, narrow=None):
    """Decorator form of register_rule: `@rule("assignment.answer")` above the check function."""

    def declare(check):
        register_rule(name, check, narrow=narrow)
        return check

    return declare


def get_rule(name: str) -> Rule:
    try:
        return _RULES[name]
    except KeyError:
        raise ImproperlyConfigured(f"No permission rule is named {name!r}.") from None


def allows(request_or_user, rule_name: str, obj) -> bool:
    """Whether the rule lets the person act on `obj`; inactive and anonymous users are refused by every rule."""
    user = getattr(request_or_user, "user", request_or_user)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(get_rule(rule_name).check(request_or_user, obj))


def require(request_or_user, rule_name: str, obj) -> None:
    """Refuse (PermissionDenied, a 403 in a view) unless the rule lets the person act on `obj`."""
    if not allows(request_or_user, rule_name, obj):
        raise PermissionDenied


def restrict(queryset: QuerySet, request_or_user, rule_name: str) -> QuerySet:
    """The records of `queryset` the person may see under the rule, as a queryset (for selectors that list)."""
    user = getattr(request_or_user, "user", request_or_user)
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    declared = get_rule(rule_name)
    if declared.narrow is None:
        raise ImproperlyConfigured(f"The permission rule {rule_name!r} cannot narrow a list: give it `narrow`.")
    return declared.narrow(user, queryset)


def narrow_by(rule_name: str):
    """A `narrow` that keeps what another rule keeps: `@rule("plan.manage", narrow=narrow_by(MANAGE_PROCESS))`."""

    def narrow(user, queryset):
        return get_rule(rule_name).narrow(user, queryset)

    return narrow


def processes_holding(user, codename: str):
    """The ids of the processes on which the person holds the role permission `codename`, as a subquery."""
    from mainstreaming.models import Process

    return Process.objects.holding(user, codename).values("pk")


def process_of(obj):
    """The process a record belongs to (a process is its own)."""
    from mainstreaming.models import Process

    return obj if isinstance(obj, Process) else obj.process


def _role_rule(codename: str) -> None:
    def check(request_or_user, obj) -> bool:
        return has_perm(request_or_user, codename, process_of(obj))

    def narrow(user, queryset):
        """Records of the processes on which the person holds the role permission."""
        from mainstreaming.models import Process

        if user.is_superuser:
            return queryset
        processes = processes_holding(user, codename)
        field = "pk" if queryset.model is Process else "process"
        return queryset.filter(**{f"{field}__in": processes})

    register_rule(codename, check, narrow=narrow)


for _codename in {codename for codenames in ROLE_PERMISSIONS.values() for codename in codenames}:
    _role_rule(_codename)

# An institution's profile: its own focal points and the NFP (both hold the guardian permission on it).
register_rule(CHANGE_INSTITUTION, lambda who, institution: has_perm(who, CHANGE_INSTITUTION, institution))


# ---------------------------------------------------------------------------
# Reading and commenting on a phase app's records
# ---------------------------------------------------------------------------

# A record's own rules, on top of the role permissions: its view rule narrows who of those who see internal work
# may read it (a ministry's draft answers), its comment rule widens who may comment beyond the reviewers
# (institutions contributing to a checklist). Both are rule names.
_VIEW_RULES: dict[type, str] = {}
_COMMENT_RULES: dict[type, str] = {}


def register_object_rules(model: type[models.Model], *, view: str | None = None, comment: str | None = None) -> None:
    if view is not None:
        _VIEW_RULES[model] = view
    if comment is not None:
        _COMMENT_RULES[model] = comment


def can_view(request_or_user, obj) -> bool:
    """Whether the user may read `obj`, a record of a process: internal work, narrowed by the record's own rule."""
    if not has_perm(request_or_user, VIEW_INTERNAL, process_of(obj)):
        return False
    view_rule = _VIEW_RULES.get(type(obj))
    return view_rule is None or allows(request_or_user, view_rule, obj)


def can_comment(request_or_user, obj) -> bool:
    """Reviewers comment on any record they can read; a record's own rule may let others comment too."""
    if not can_view(request_or_user, obj):
        return False
    if has_perm(request_or_user, REVIEW_PROCESS, process_of(obj)):
        return True
    comment_rule = _COMMENT_RULES.get(type(obj))
    return comment_rule is not None and allows(request_or_user, comment_rule, obj)


register_rule("record.view", can_view)
register_rule("record.comment", can_comment)
