from django.utils import translation


class PersonLanguageMiddleware:
    """A signed-in person's own language choice, ahead of the browser's.

    Runs after authentication; LocaleMiddleware has already chosen from the cookie and the
    browser, and still sets Content-Language on the response from what is active.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
