"""URL patterns for a register's pages: `<key>/`, `<key>/add/`, `<key>/<pk>/`, `<key>/<pk>/change/`."""

from __future__ import annotations

from django.urls import path

from .declarations import Register
from .views import page


def register_urls(register: Register) -> list:
    key = register.key
    return [
        path(f"{key}/", page(register, "list"), name=register.url_name("list")),
        path(f"{key}/add/", page(register, "add"), name=register.url_name("add")),
        path(f"{key}/<int:pk>/", page(register, "detail"), name=register.url_name("detail")),
        path(f"{key}/<int:pk>/change/", page(register, "edit"), name=register.url_name("edit")),
    ]
