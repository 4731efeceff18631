from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (table cells by column key)."""
    if mapping is None:
        return None
    return mapping.get(key)
