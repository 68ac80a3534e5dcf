"""Every kind of words that can be set aside, each from the app that owns it.

``projects.setting_aside`` sits below the apps whose words it sets aside, so it cannot import
them: this list names them, and the sharing app registers them when it starts. A new kind of
words (the decisions app's proposal responses, when it comes) is one more line here.
"""

from checkins.aside import ANSWER
from lake.aside import POSTIT
from marks.aside import NOTE
from projects.setting_aside.own import THANKS, UPDATE

KINDS = [NOTE, POSTIT, ANSWER, THANKS, UPDATE]
