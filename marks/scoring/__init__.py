"""Scoring: rounds on a mark (open, score privately, reveal together, agree), the meeting
screen that follows the round the group is on, and each project's scoring settings.

``services`` changes rounds, scores and settings; ``selectors`` reads what pages share;
``context`` builds the mark page's scoring section; ``views``, ``forms`` and ``urls``
(namespace ``scoring``) serve it, with templates in ``templates/marks/scoring/``.

May import ``marks``' models, services and forms, ``projects`` and ``accounts``, and
``marks.mark_page`` (from ``views`` only). Never imports ``marks.actions`` or the views of
notes: the mark page composes them.
"""
