from .models import Agency


def public_agencies():
    """Active agencies with their region, in tree order (the public agency directory)."""
    return Agency.objects.filter(is_active=True).select_related("region").order_by("path")


def subtree(agency: Agency):
    return Agency.objects.filter(path__startswith=agency.path)


def agency_choices():
    return Agency.objects.filter(is_active=True).only("id", "name", "depth", "path")
