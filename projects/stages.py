from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The four stages of the mark of co-production, in their usual order."""

    PLANNING = "planning", _("Planning")
    PROCESS = "process", _("Process")
    COMPLETING = "completing", _("Completing, sharing, celebrating")
    REVIEW = "review", _("Review")


STAGE_SUMMARIES = {
    Stage.PLANNING: _(
        "Bring people together, agree what you want to change and how you will work as equals."
    ),
    Stage.PROCESS: _(
        "Do the work together: listen, share skills, talk openly about power and plan for the unexpected."
    ),
    Stage.COMPLETING: _(
        "Thank everyone, tell people what happened and celebrate what the group has done."
    ),
    Stage.REVIEW: _("Look back together at what worked, what did not, and what to take forward."),
}
