"""Template helpers for the kit's GOV.UK forms."""

from django import forms, template

from sightline.web.date_input import DateInput

register = template.Library()


@register.filter
def widget_kind(bound_field) -> str:
    """text | number | date | textarea | select | multiselect | checkbox | radios | hidden
    (date: GOV.UK's three boxes, web/_date_input.html)."""
    widget = bound_field.field.widget
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.SelectMultiple):
        return "multiselect"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return getattr(widget, "input_type", "text") or "text"


@register.filter
def is_selected(option_value, bound_field) -> bool:
    value = bound_field.value()
    values = value if isinstance(value, list | tuple) else [value]
    return str(option_value) in {str(v) for v in values if v is not None}


@register.filter
def option_groups(bound_field) -> list[tuple[str | None, list[tuple[str, str, bool]]]]:
    """A select's options as (group label or None, [(value, label, selected)]), so grouped choices
    become optgroups."""
    groups: list = []
    for value, label in bound_field.field.choices:
        if isinstance(label, list | tuple):
            groups.append((str(value), [(str(v), str(lab), is_selected(v, bound_field)) for v, lab in label]))
        elif groups and groups[-1][0] is None:
            groups[-1][1].append((str(value), str(label), is_selected(value, bound_field)))
        else:
            groups.append((None, [(str(value), str(label), is_selected(value, bound_field))]))
    return groups
