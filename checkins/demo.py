"""Demo content for check-ins: two closed ones, three months apart.

``manage.py demo`` finds this module by name and runs ``extend`` on its demo project.
"""

from datetime import timedelta

from django.utils import timezone

from projects.demo_registry import register
from projects.models import Project

from . import services
from .models import CheckIn


@register
def extend(project: Project, users: dict) -> None:
    """Two check-ins, three months apart, so the group can see how its answers change."""
    sam, amina, jo = users["Sam"], users["Amina"], users["Jo"]
    today = timezone.now()
    rounds = [
        (
            today - timedelta(days=90),
            {
                amina: {
                    "voices": "Mostly staff at the start. People who come on Fridays are missing."
                },
                jo: {"excluding": "Meeting at 10 in the morning is hard for anyone on shifts."},
            },
        ),
        (
            today - timedelta(days=3),
            {
                amina: {
                    "voices": "Better: two Friday regulars joined, and they chair every other meeting."
                },
                jo: {"excluding": "Evening meetings and paid travel up front have helped."},
            },
        ),
    ]
    for started, answers in rounds:
        checkin = services.checkin_start(project=project, actor=sam)
        for member, text in answers.items():
            services.checkin_answer(checkin=checkin, member=member, answers=text, anonymous=False)
        services.checkin_close(checkin=checkin, actor=sam)
        CheckIn.objects.filter(pk=checkin.pk).update(
            started_at=started, closed_at=started + timedelta(days=7)
        )
