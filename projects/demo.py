"""Demo content for completing: who chose to stay in touch, an update and some thank-yous.

Listed in ``sharing.demo.PARTS``, which ``manage.py demo`` runs on its demo project.
The update is saved without emailing it: in the demo it has already gone out.
"""

from projects.models import Membership, Project, Update

from .activity import record_activity
from .completing import services as completing


def extend(project: Project, users: dict) -> None:
    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
    choices = {amina: (True, True), jo: (True, False), priya: (False, False)}
    for person, (stay, keep) in choices.items():
        completing.membership_set_contact_choices(
            membership=Membership.objects.get(project=project, user=person),
            stay_in_touch=stay,
            keep_details=keep,
        )
    title = "The drop-in opens on Saturdays from next month"
    Update.objects.create(
        project=project,
        author=sam,
        title=title,
        body=(
            "Thank you all. The council agreed to the Saturday opening we asked for, "
            "and the welcome desk will be run by two of the regulars."
        ),
    )
    record_activity(project=project, actor=sam, kind="update_posted", detail=title)
    for sender, to_user, message in [
        (jo, priya, "Thank you for the idea of the welcome desk. It made all the difference."),
        (amina, None, "Thanks, everyone, for listening so well."),
    ]:
        completing.thanks_add(project=project, sender=sender, to_user=to_user, message=message)
    # A facilitator's own words on one member's certificate of contribution.
    Membership.objects.filter(project=project, user=jo).update(
        certificate_line="Jo made sure every meeting started with a proper welcome."
    )
