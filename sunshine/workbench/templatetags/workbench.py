from django import template

from ..menu import menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workbench_menu(context):
    request = context.get("request")
    if request is None:
        return []
    return menu_for(request.user, request.path)
