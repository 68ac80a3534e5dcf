from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"

    def ready(self) -> None:
        from projects.for_you import register_for_you
        from projects.models import register_activity_kinds

        register_activity_kinds(
            {
                "proposal_added": _("wrote a proposal"),
                "proposal_answered": _("answered a proposal"),
                "proposal_answered_for": _("added a response to a proposal for another member"),
                "proposal_closed": _("closed a proposal"),
                "proposal_replied": _("replied to the objections to a proposal"),
                "decision_added": _("added to the decision log"),
                "decision_edited": _("changed a decision in the log"),
                "how_we_decide_edited": _("changed how the group decides"),
                "how_we_decide_agreed": _("agreed to how the group decides"),
            }
        )
        from .proposals.home import proposals_for_you

        register_for_you(proposals_for_you)
