"""Build the caches a web process needs (indicator engine, dashboard, templates, the parts every
viewer shares) before or beside serving, so the first visitors of a new worker do not pay for
them (#18 goal 3)."""

from __future__ import annotations

from pathlib import Path

from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.loader import get_template

from sightline.accounts.roles import Role, Viewer
from sightline.records.models import Council

from . import fragments, homes, selectors


def warm_caches() -> bool:
    """Compile the templates, compute the dashboard for staff and for elected members and the
    demand page's part (the same for every viewer); False when there is no data yet."""
    compile_templates()
    if not Council.objects.exists():
        return False
    on = selectors.as_at()
    for role in (Role.DIRECTOR, Role.ELECTED_MEMBER):
        homes.dashboard(Viewer(role=role), on)
    fragments.demand(on)
    return True


def compile_templates() -> int:
    """Every template of the project's and the apps' template folders compiled into the cached
    loader (a worker otherwise compiles each on its first page: ~0.1 s of CPU in all), how many."""
    compiled = 0
    for name in sorted(_template_names()):
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # another engine's, or a fragment
            continue
        compiled += 1
    return compiled


def _template_names() -> set[str]:
    folders = [
        Path(folder)
        for engine in engines.all()
        for loader in getattr(engine, "engine", engine).template_loaders
        for inner in getattr(loader, "loaders", [loader])
        for folder in inner.get_dirs()
    ]
    return {p.relative_to(f).as_posix() for f in folders if f.is_dir() for p in f.rglob("*.html")}
