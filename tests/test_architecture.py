"""The layers hold (docs/architecture.md): plain-Python packages import no Django and no app, and no
module imports itself round a cycle. Read from the import graph (grimp, import-linter's engine),
lazy imports inside functions included, annotations-only imports (`if TYPE_CHECKING:`) not.
"""

from __future__ import annotations

import io
from functools import cache

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

# A dev dependency: a worktree made before it was added needs `.venv/bin/pip install -e ".[dev]"`.
grimp = pytest.importorskip("grimp")

# Every plain-Python package: the domain, the generator, the returns' readers and writers, the
# indicator engine, and those being added (statistical process control). Add yours here. An
# app's own `domain` subpackage (`audits/domain/`: its rules in plain Python) counts as plain
# too: it is checked the same way, and plain packages may import it, never the rest of the app.
PLAIN_PYTHON = ("domain", "generator", "returns", "indicators", "spc")
# Independent of one another: each builds on `domain` alone.
INDEPENDENT = ("generator", "returns", "indicators")
# Packages that are neither: settings, and packages that serve the apps without being one.
GLUE = ("settings", "reports", "registers")
# Cycles there today, each with the way out; a new one fails. Remove an entry when it is broken.
KNOWN_CYCLES = {
    frozenset({"sightline.accounts.selectors", "sightline.audits.selectors"}): (
        "accounts.selectors asks audits.selectors for the children of a worker's audits, which asks "
        "accounts.selectors for visible children (both lazily): the accounts app should offer a hook "
        "that the audits app registers from its AppConfig.ready()"
    ),
}


def _build() -> grimp.ImportGraph:
    return grimp.build_graph("sightline", include_external_packages=True, exclude_type_checking_imports=True)


@cache
def graph() -> grimp.ImportGraph:
    return _build()


def _packages() -> set[str]:
    return {m for m in graph().find_children("sightline") if graph().find_children(m)}


def _apps() -> list[str]:
    """Sightline's apps as packages (an app config such as web.apps.StaticFiles is Django's own)."""
    return [config.name for config in django_apps.get_app_configs() if config.name.startswith("sightline.")]


def _app_domains() -> list[str]:
    return [f"{app}.domain" for app in _apps() if f"{app}.domain" in graph().modules]


def _app_modules() -> set[str]:
    """Every module of every app except its plain `domain` subpackage."""
    modules = set()
    for app in _apps():
        modules |= {app} | graph().find_descendants(app)
    for domain in _app_domains():
        modules -= {domain} | graph().find_descendants(domain)
    return modules


def test_every_package_is_an_app_a_plain_python_package_or_declared_glue():
    declared = {f"sightline.{name}" for name in PLAIN_PYTHON + GLUE} | set(_apps())
    assert not _packages() - declared, "add the new package to PLAIN_PYTHON, or make it a Django app"
    assert not set(_apps()) & {f"sightline.{name}" for name in PLAIN_PYTHON}


@pytest.mark.parametrize("name", PLAIN_PYTHON)
def test_plain_python_packages_import_no_django_and_no_app(name):
    _assert_plain(f"sightline.{name}")


def test_apps_domain_subpackages_import_no_django_and_no_app():
    for domain in _app_domains():
        _assert_plain(domain)


def _assert_plain(package: str) -> None:
    if package not in graph().modules:
        pytest.skip(f"{package} does not exist yet")
    chain = graph().find_shortest_chain(importer=package, imported="django", as_packages=True)
    assert chain is None, f"{package} reaches Django: {' -> '.join(chain)}"
    reached = graph().find_upstream_modules(package, as_package=True) & _app_modules()
    for module in sorted(reached):
        chain = graph().find_shortest_chain(importer=package, imported=module, as_packages=True)
        pytest.fail(f"{package} reaches the app module {module}: {' -> '.join(chain or ())}")


def test_domain_is_the_bottom_layer():
    """Code lists, dates and the calendar import nothing else of Sightline's."""
    outside = {
        imported
        for module in graph().find_descendants("sightline.domain") | {"sightline.domain"}
        for imported in graph().find_modules_directly_imported_by(module)
        if imported.startswith("sightline.") and not imported.startswith("sightline.domain")
    }
    assert not outside


@pytest.mark.parametrize("name", INDEPENDENT)
def test_generator_returns_and_indicators_are_independent(name):
    """Each builds on `domain` alone: the generator does not borrow the engine's periods, and so on."""
    for other in INDEPENDENT:
        if other != name:
            chain = graph().find_shortest_chain(
                importer=f"sightline.{name}", imported=f"sightline.{other}", as_packages=True
            )
            assert chain is None, " -> ".join(chain)


def _cycles() -> dict[frozenset, str]:
    """Each cycle (its set of modules) with one way round it."""
    cycles = {}
    for module in sorted(m for m in graph().modules if m.startswith("sightline")):
        for imported in graph().find_modules_directly_imported_by(module):
            if not imported.startswith("sightline") or imported == module:
                continue
            back = graph().find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.setdefault(frozenset((module, *back)), " -> ".join((module, *back)))
    return cycles


def test_no_module_imports_itself_round_a_cycle():
    new = [path for modules, path in _cycles().items() if modules not in KNOWN_CYCLES]
    assert not new, "import cycles:\n" + "\n".join(sorted(new))


@pytest.mark.parametrize("modules", list(KNOWN_CYCLES), ids=lambda m: " <-> ".join(sorted(m)))
def test_known_cycles_are_still_there(modules):
    assert modules in _cycles(), "this cycle is broken: remove it from KNOWN_CYCLES"


def test_the_test_graph_sees_a_planted_cycle_and_django_import():
    """The checks above can fail: the same queries on a graph with a planted cycle and import."""
    planted = _build()
    planted.add_import(importer="sightline.domain.dates", imported="sightline.domain.codes")
    planted.add_import(importer="sightline.domain.codes", imported="sightline.domain.dates")
    planted.add_import(importer="sightline.indicators.common", imported="django.db")
    assert planted.find_shortest_chain(importer="sightline.domain.codes", imported="sightline.domain.dates")
    assert planted.find_shortest_chain(importer="sightline.indicators", imported="django", as_packages=True)


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """`makemigrations --check`: a model change without its migration fails the suite."""
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
