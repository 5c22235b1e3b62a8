"""
Guards on the layout the code keeps (docs/architecture.md): one access rule and one workflow for every phase.

* Templates never decide rights or workflow themselves: no permission codename, no `process_perms`, no comparison
  of a status with a literal. They get flags and actions from the view.
* No app writes its own `require_manage` / `can_manage`: services call `mainstreaming.permissions.require`.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["mainstreaming", "stakeholders", "situation_analysis", "implementation_plans", "monitoring"]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


def _codenames() -> set[str]:
    """Every permission codename a template could test: the role permissions and every model's own."""
    from mainstreaming.permissions import ROLE_PERMISSIONS

    names = {codename for codenames in ROLE_PERMISSIONS.values() for codename in codenames}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            names.update(codename for codename, _label in model._meta.permissions)
    return names


CODENAMES = _codenames()
CODENAME_IN_TEMPLATE = re.compile("[\"'](" + "|".join(sorted(CODENAMES)) + ")[\"']")
# `x.status == "draft"`, `"draft" != x.status`, `x.action == "returned"`, `x.status in "draft submitted"`.
STATUS_LITERAL = re.compile(
    r"""\b\w*(status|action)\s*(==|!=|\bin\b|\bnot in\b)\s*["']|["'][\w ]*["']\s*(==|!=)\s*[\w.]*(status|action)\b"""
)


def _tags(text: str) -> list[str]:
    """The template tags ({% ... %}) of a template, where its logic is."""
    return re.findall(r"{%.*?%}", text, flags=re.S)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT / "templates")))
def test_templates_neither_test_codenames_nor_compare_statuses(path):
    tags = _tags(path.read_text())
    codenames = [tag for tag in tags if CODENAME_IN_TEMPLATE.search(tag) or "process_perms" in tag]
    statuses = [tag for tag in tags if STATUS_LITERAL.search(tag)]
    assert not codenames, f"ask the view for a flag (`may.manage`, `can_edit`) instead of: {codenames}"
    assert not statuses, f"ask the record (`is_open`, `actions`) instead of comparing statuses: {statuses}"


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


@pytest.mark.parametrize("app", APPS)
def test_no_app_writes_its_own_manage_check(app):
    own = {
        str(path.relative_to(ROOT)): sorted(
            _functions(path) & {"require_manage", "_require_manage", "_require_manager", "can_manage", "_require"}
        )
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }
    own = {path: names for path, names in own.items() if names}
    assert not own, f"use mainstreaming.permissions.require(actor, rule, obj) instead: {own}"
