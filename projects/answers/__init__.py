"""Answers to the group's ideas: "we're taking this forward" or "not this time", with a reason.

A note on a mark, a post-it on the lake and a proposal each carry the fields of
``models.Answered``; each app keeps a history of its answers in a model made from
``models.AnswerRevision``. The facilitators record the group's answer (they are named, the
idea's author never is), and can change it later: every wording is kept and the activity says
so. "Not this time" always comes with a plain reason that the author and the group read.

Here live the kinds of ideas that can be answered (``kinds``: each app offers its own in its
``answers.py`` and ``sharing/answers.py`` lists them), the one service, the one form, the
views and the template partials every page includes. It imports ``projects`` and Django only.
"""
