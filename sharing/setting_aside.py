"""Every kind of words that can be set aside, each from the app that owns it.

``projects.setting_aside`` sits below the apps whose words it sets aside, so it cannot import
them: this list names them, and the sharing app registers them when it starts. A new kind of
words is one more line here.
"""

from checkins.aside import ANSWER
from decisions.aside import RESPONSE
from lake import services as lake_services
from lake.aside import POSTIT
from marks.aside import NOTE
from projects.models import GroundRule
from projects.setting_aside.own import THANKS, UPDATE
from projects.setting_aside.services import set_aside

KINDS = [NOTE, POSTIT, ANSWER, RESPONSE, THANKS, UPDATE]


def demo(project, users: dict) -> None:
    """The demo's one set-aside post-it: anonymous, set aside by Sam, naming a ground rule.

    Listed in ``sharing.demo.PARTS`` after the lake. The facilitators can read it on "Words set
    aside" and put it back; nobody can tell who wrote it.
    """
    rule = GroundRule.objects.filter(project=project, text__startswith="We listen").first()
    if rule is None:
        return
    postit = lake_services.postit_add(
        project=project,
        author=users["Jo"],
        text="Some people here only talk to hear themselves.",
        place="water",
        colour="pink",
        keep_anonymous=True,
    )
    set_aside(
        project=project,
        kind=POSTIT,
        item=postit,
        actor=users["Sam"],
        rule=rule,
        reason="Unkind about other members. Say how the meetings could change instead.",
    )
