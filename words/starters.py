"""The words a project starts with: common terms and words many groups would rather not use.

Written in the app's own plain words. A group keeps, rewords or removes any of them.
"""

from django.utils.translation import gettext_lazy as _

COMMON_TERMS = [
    (
        _("co-production"),
        _(
            "People who use a service and people who run it working on it together, as "
            "equals, from the first idea to the end. Nobody's view counts for more."
        ),
    ),
    (
        _("lived experience"),
        _(
            "What you know from having been through something yourself, such as using a "
            "service or caring for someone who does."
        ),
    ),
    (
        _("remit"),
        _(
            "What this group is able to change, and what it is not. Things outside it are "
            "still worth saying, so they can be passed on."
        ),
    ),
    (
        _("benchmark"),
        _(
            "Where the group says it stands today on each mark, so it can look back later "
            "and see what has changed."
        ),
    ),
    (
        _("facilitator"),
        _(
            "A member who helps the meetings run: invites people, keeps time and makes sure "
            "everyone gets a turn. Their views count the same as anyone else's."
        ),
    ),
    (
        _("anonymous"),
        _(
            "Without your name. Nobody in the group, including the facilitators, can see "
            "who wrote it."
        ),
    ),
    (
        _("snakes"),
        _(
            "Things that could set the group back, such as a misunderstanding or a decision "
            "made without asking."
        ),
    ),
    (
        _("ladders"),
        _("Things that help the group move forward, such as a good habit or a helpful person."),
    ),
    (
        _("lake of ideas"),
        _(
            "A board where anyone can leave an idea on a post-it, to come back to. Ideas "
            "can move between the four stages as the work goes on."
        ),
    ),
]

WORDS_TO_AVOID = [
    (_("stakeholder"), _("co-producer")),
    (_("service user"), _("person who uses the service")),
    (_("interview"), _("conversation")),
    (_("user"), _("member")),
]
