from django.http import HttpRequest

from .models import Membership


def quick_exit(request: HttpRequest) -> dict:
    """Whether this person's pages outside a project show "Leave this page quickly".

    A member of any project that chose the quick exit gets it on every page of the app, not
    only on that project's: the projects list, their account or another project's pages give
    away the app just as much. Asked only when a page is drawn without a project that
    already shows it (the template calls it), as one indexed query.
    """
    user = getattr(request, "user", None)

    def anywhere() -> bool:
        if user is None or not user.is_authenticated:
            return False
        return Membership.objects.filter(user=user, project__quick_exit=True).exists()

    return {"quick_exit_for_person": anywhere}
