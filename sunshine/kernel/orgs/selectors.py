from .models import Agency


def subtree(agency: Agency):
    return Agency.objects.filter(path__startswith=agency.path)


def agency_choices():
    return Agency.objects.filter(is_active=True).only("id", "name", "depth", "path")
