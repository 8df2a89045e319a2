"""Audit tools in the browser: the QA lead reads every version and edits a tool without code
(sections and questions as rows of a form); saving makes the next version, with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from sightline.accounts import roles
from sightline.domain.agencies import AGENCIES
from sightline.web import params
from sightline.web.views import with_viewer

from . import posts, selectors, services, tables
from .domain.grades import KINDS
from .domain.tools import RULES, SOS_ELEMENTS, DefinitionError
from .models import AuditTool
from .params import ToolForm

BLANK_ROWS = 3


def _require_lead(request):
    if not roles.can_manage_audits(request.viewer):
        raise PermissionDenied


@with_viewer
def tools(request):
    _require_lead(request)
    services.ensure_default_tools()
    found = AuditTool.objects.prefetch_related("versions")
    return render(
        request, "audits/tools.html", {"tools": tables.tools((t, t.versions.all()[0]) for t in found)}
    )


@with_viewer
def tool_detail(request, key: str):
    _require_lead(request)
    tool = get_object_or_404(AuditTool, key=key)
    versions = list(tool.versions.all())
    number = params.read(ToolForm, request)["version"]
    shown = next((v for v in versions if v.number == number), None if number else versions[0])
    if shown is None:
        raise params.ParameterError([f"Version: {tool.name} has no version {number}."])
    return render(
        request,
        "audits/tool.html",
        {
            "tool": tool,
            "versions": versions,
            "shown": shown,
            "definition": selectors.definition_of(shown),
            "kinds": KINDS,
            "rules": RULES,
            "agencies": AGENCIES,
        },
    )


def rows_to_definition(post, count: int) -> dict:
    """The editor's `count` rows (one per question, each naming its section) back into a definition."""
    sections: dict[str, dict] = {}
    for i in range(count):
        text = post.get(f"q{i}-text", "").strip()
        title = post.get(f"q{i}-section", "").strip()
        if not text and not title:
            continue
        if post.get(f"q{i}-delete"):
            continue
        skey = post.get(f"q{i}-section_key", "").strip() or _slug(title)
        section = sections.setdefault(
            title.lower(),
            {
                "key": skey,
                "title": title,
                "graded": bool(post.get(f"q{i}-graded")),
                "agency": post.get(f"q{i}-agency") or None,
                "questions": [],
            },
        )
        section["graded"] = section["graded"] or bool(post.get(f"q{i}-graded"))
        section["questions"].append(
            {
                "key": post.get(f"q{i}-key", "").strip()
                or f"{section['key']}_{len(section['questions']) + 1}_{i}",
                "text": text,
                "kind": post.get(f"q{i}-kind", ""),
                "guidance": post.get(f"q{i}-guidance", "").strip(),
                "mandatory": bool(post.get(f"q{i}-mandatory")),
                "element": post.get(f"q{i}-element", ""),
            }
        )
    return {"overall_rule": post.get("overall_rule", ""), "sections": list(sections.values())}


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_")[:40] or "section"


@with_viewer
def tool_edit(request, key: str):
    _require_lead(request)
    tool = get_object_or_404(AuditTool, key=key)
    latest = services.latest_version(tool)
    definition = selectors.definition_of(latest)
    if request.method == "POST":
        try:
            if (asked := posts.posted(posts.ToolEditForm, request)) is not None:
                version = services.new_tool_version(
                    tool,
                    rows_to_definition(request.POST, asked["rows"] or 0),
                    asked["reason"],
                    request.user.get_username(),
                )
                messages.success(
                    request, f"Version {version.number} saved. Audits already begun keep their version."
                )
                return redirect("audit-tool", key=tool.key)
        except (services.AuditError, DefinitionError) as error:
            messages.error(request, str(error))
    rows = [(s, q) for s, q in definition.questions()]
    return render(
        request,
        "audits/tool_edit.html",
        {
            "tool": tool,
            "latest": latest,
            "definition": definition,
            "rows": rows,
            "blank": range(len(rows), len(rows) + BLANK_ROWS),
            "row_count": len(rows) + BLANK_ROWS,
            "kinds": KINDS,
            "rules": RULES,
            "agencies": AGENCIES,
            "elements": SOS_ELEMENTS,
        },
    )
