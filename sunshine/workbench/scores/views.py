"""Staff pages of 政务公开考核."""

from django.http import HttpResponse

from ..access import staff_required


@staff_required
def home(request):
    return HttpResponse("")
