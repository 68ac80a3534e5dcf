"""Every kind of idea the group answers, each from the app that owns it.

``projects.answers`` sits below the apps whose ideas it answers, so it cannot import them:
this list names them, and the sharing app registers them when it starts.
"""

from decisions.answers import PROPOSAL
from lake.answers import POSTIT
from marks.answers import NOTE

KINDS = [NOTE, POSTIT, PROPOSAL]
