from django.http import HttpResponse


def run_list(request):
    return HttpResponse("")


def errorreport_list(request):
    return HttpResponse("")


def errorreport_detail(request, pk):
    return HttpResponse("")
