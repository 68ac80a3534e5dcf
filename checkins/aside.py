"""The check-ins' kind of words that can be set aside: answers. Listed in sharing/setting_aside.py.

An anonymous answer's response stores no author, so nobody can be told it was set aside.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.setting_aside.kinds import Kind

from .models import CHECKIN_ANSWER_LIMIT, CheckInAnswer


def _where(answer: CheckInAnswer) -> str:
    checkin = answer.response.checkin
    return reverse("checkins:checkin", args=[checkin.project_id, checkin.pk])


ANSWER = Kind(
    key=CheckInAnswer.set_aside_kind,
    label=_("check-in answer"),
    model=CheckInAnswer,
    project_path="response__checkin__project",
    author_path="response__author",
    text_field="text",
    limit=CHECKIN_ANSWER_LIMIT,
    where=_where,
    related=("response__checkin",),
    # Answers are private until the check-in closes.
    shown=lambda answer: answer.response.checkin.closed_at is not None,
)
