from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .resolver import site_for_host


class CurrentSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site = site_for_host(request.get_host())
        return self.get_response(request)


class SiteLanguageMiddleware(LocaleMiddleware):
    """Pages are in the site's language (zh-hans) unless the visitor chose another with the
    language switch (cookie). A browser's Accept-Language alone does not switch a Chinese
    government site to English; the JSON API still honours Accept-Language."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if request.path.startswith("/api/") or chosen in dict(settings.LANGUAGES):
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
