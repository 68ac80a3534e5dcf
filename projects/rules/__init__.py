"""Ground rules: the group's agreements on how it works together.

Any member adds a rule, agrees to it or takes the agreement back, and changes its
wording; every earlier wording is kept and shown. The project home lists the rules
through ``projects.selectors.ground_rules``, so the home never imports this package.

May import ``accounts`` and projects' models, services, selectors, access, activity and
shared_words; never the other feature folders (``invitations``, ``completing``).
"""
