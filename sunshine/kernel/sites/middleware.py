from .resolver import site_for_host


class CurrentSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site = site_for_host(request.get_host())
        return self.get_response(request)
