"""Staff pages of workplans."""

from django.http import HttpResponse

from ..access import staff_required


@staff_required
def index(request):
    return HttpResponse("")
