"""Lay the browser-made corrections over the catalogue of the request's language."""

from django.utils import translation

from . import services


class CorrectionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language()
        if language and language != "en":
            services.ensure(language)
            translation.activate(language)  # a reload drops the active catalogue
        return self.get_response(request)
