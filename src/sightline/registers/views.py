"""The kit's pages, the same for every register: list (filter, search, page, export), detail, add, change.

Each view is thin: who is asking (`with_viewer`), what they may do (`access`, over the rules
in accounts/roles.py), the rows (`selectors`), and the save with its history (`services`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from sightline.accounts import roles
from sightline.web import export_registry as exports
from sightline.web import params as web_params
from sightline.web import tables as web_tables
from sightline.web.exports import as_at_label, table_response
from sightline.web.selectors import as_at
from sightline.web.views import export_format, with_viewer

from . import access, selectors, services
from .declarations import Register
from .params import list_form
from .tables import history as history_table


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params.urlencode()


def list_view(request, register: Register):
    viewer = request.viewer
    mode = roles.register_access(viewer, register.rules)
    if mode == "none":
        raise PermissionDenied
    fmt = export_format(request)
    if mode == "aggregates":
        counts = selectors.aggregates(register, viewer)
        if fmt:
            return table_response(
                request,
                exports.REGISTER_COUNTS,
                f"{register.key}-counts",
                ["Breakdown", "Category", "Count"],
                [(t["label"], label, n) for t in counts for label, n in t["rows"]],
                fmt,
                title=f"{register.title}: counts",
                period=f"Every row {as_at_label()[0].lower()}{as_at_label()[1:]}",
            )
        tables = [
            web_tables.Table(
                t["label"],
                web_tables.columns(t["label"], "Count", numeric=["Count"]),
                t["rows"],
                id=f"counts-{n}",
                caption_size="s",
                row_headers=True,
            )
            for n, t in enumerate(counts, 1)
        ]
        return render(request, "registers/aggregates.html", {"register": register, "counts": tables})
    on = as_at()
    asked = web_params.read(list_form(register), request)
    queryset = selectors.rows(register, viewer, request.GET, on)
    if fmt:
        headers, values = selectors.export_rows(register, queryset)
        return table_response(
            request,
            exports.REGISTER_ROWS,
            register.key,
            headers,
            values,
            fmt,
            title=register.title,
            period=f"{as_at_label()} ({'rows as filtered' if _query_without_page(request) else 'every row'})",
            identifiers=[register.label_of(c) for c in register.columns if c.identifier],
        )
    page = web_params.page_of(queryset, register.per_page, asked["page"])
    headers, rows = selectors.table(register, page.object_list)
    table = web_tables.Table(
        register.title,
        [web_tables.Column(label, c.numeric) for label, c in zip(headers, register.columns, strict=True)],
        [(web_tables.Cell(cells[0] or "(untitled)", url), *cells[1:]) for url, cells in rows],
        id="register-table",
        scroll=True,
    )
    chosen = selectors.chosen_filters(register, request.GET)
    filters = [
        {
            "name": f.name,
            "label": register.filter_label(f),
            "choices": register.filter_choices(f),
            "value": chosen.get(f.name, ""),
        }
        for f in register.filters
    ]
    return render(
        request,
        "registers/list.html",
        {
            "register": register,
            "page": page,
            "table": table,
            "filters": filters,
            "query": asked["q"],
            "querystring": _query_without_page(request),
            "can_add": access.can_add(register, viewer),
            "filtered": bool(chosen) or bool(asked["q"]),
        },
    )


def _row_or_404(register: Register, request, pk: int):
    row = get_object_or_404(register.model, pk=pk)
    if not access.can_see(register, request.viewer, row, as_at()):
        raise Http404(f"No {register.noun} found")
    return row


def detail_view(request, register: Register, pk: int):
    row = _row_or_404(register, request, pk)
    context = {
        "register": register,
        "row": row,
        "fields": selectors.detail_rows(register, row),
        "history": history_table(selectors.history(row), register.noun),
        "can_change": access.can_change(register, request.viewer, row, as_at()),
        "edit_url": register.edit_url(row),
    }
    if register.detail_context:
        context.update(register.context_for_detail()(request, row))
    return render(request, "registers/detail.html", context)


def _form_page(request, register: Register, row=None):
    form_class = register.form_class(request.viewer, row)
    kwargs = {"viewer": request.viewer, "user": request.user, "instance": row}
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            saved = services.save_form(form, request.user)
            if saved is not None:
                verb = "added" if row is None else "saved"
                messages.success(request, f"The {register.noun} was {verb}.")
                return redirect(register.detail_url(saved))
    else:
        form = form_class(initial=_initial(request, form_class), **kwargs)
    cancel = register.detail_url(row) if row is not None else register.list_url()
    return render(
        request, "registers/form.html", {"register": register, "form": form, "row": row, "cancel_url": cancel}
    )


def _initial(request, form_class) -> dict:
    """Fields named in the address (`?source=...`) start filled in, for links that raise a row."""
    return {k: v for k, v in request.GET.items() if k in form_class.base_fields}


def add_view(request, register: Register):
    if not access.can_add(register, request.viewer):
        raise PermissionDenied
    return _form_page(request, register)


def edit_view(request, register: Register, pk: int):
    row = _row_or_404(register, request, pk)
    if not access.can_change(register, request.viewer, row, as_at()):
        raise PermissionDenied
    return _form_page(request, register, row)


PAGES = {"list": list_view, "detail": detail_view, "add": add_view, "edit": edit_view}


def page(register: Register, name: str):
    """The view function for one page of one register (what urls.py routes to)."""
    view = PAGES[name]

    def bound(request, *args, **kwargs):
        return view(request, register, *args, **kwargs)

    bound.__name__ = f"{register.key.replace('-', '_')}_{name}"
    return with_viewer(bound)
