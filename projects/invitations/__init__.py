"""Inviting people into a project, and joining it.

Facilitators make links to share (for some days, perhaps for a few people), invite
someone by email, and stop a link. Anyone with a working link joins, through signing
up or in first if need be; ``accounts`` brings them back here by the ``join`` URL.

May import ``accounts`` and projects' models, services, selectors, access, activity and
shared_words; never the other feature folders (``rules``, ``completing``).
"""
