"""A register list's query parameters (search, page, each declared filter) as a form, so an
unknown filter value or a bad page is a 400 page naming it rather than a quietly unfiltered list."""

from __future__ import annotations

from django import forms

from sightline.web.params import choice, page_number, search

from .declarations import Register


def list_form(register: Register) -> type[forms.Form]:
    fields = {"q": search(), "page": page_number()}
    for flt in register.filters:
        fields[flt.name] = choice(register.filter_label(flt), dict(register.filter_choices(flt)))
    return type(f"{register.key.title().replace('-', '')}ListForm", (forms.Form,), fields)
