"""The Making Data Count icons of a data exception, from its stored variation and assurance."""

from django import template
from django.utils.safestring import mark_safe

from sightline.spc import ASSURANCE_LABELS, VARIATION_LABELS
from sightline.spc.icons import assurance_icon, variation_icon

register = template.Library()


@register.simple_tag
def spc_icons(exception) -> str:
    parts = []
    if exception.variation in VARIATION_LABELS:
        parts.append(variation_icon(exception.variation, 32).svg)
    if exception.assurance in ASSURANCE_LABELS:
        parts.append(assurance_icon(exception.assurance, 32).svg)
    return mark_safe(" ".join(parts))  # built from fixed shapes and escaped labels (spc.icons)
