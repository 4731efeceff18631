"""{% accountability_panel kind obj %}: the 问责 panel of a source page (see
sunshine/workbench/accountability/hooks.py)."""

from django import template

register = template.Library()


@register.inclusion_tag("workbench/accountability/_source_panel.html", takes_context=True)
def accountability_panel(context, kind, obj):
    from sunshine.workbench.accountability.hooks import panel_context

    request = context.get("request")
    return panel_context(getattr(request, "user", None), kind, obj)
