from django import template

from ..domain.grades import grade_label

register = template.Library()


@register.filter
def grade(score):
    return grade_label(score)
