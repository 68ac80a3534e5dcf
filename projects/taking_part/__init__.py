"""What helps each person take part: access needs, how they like to contribute, who sees it.

Each member says it for themselves, privately: only the facilitators see it unless the
person chooses the whole group, and they can change or remove it at any time. Facilitators
read it to plan meetings (``selectors.needs_visible_to``, which a meetings page calls with
the people coming); other members see only what was shared with the whole group.

This is private, so it never reaches the activity list, the project file or any count
another member sees; it is in the person's own data download and goes with their
membership.

May import ``accounts`` and projects' models, services, selectors, access and shared words;
never the other feature folders (``invitations``, ``rules``, ``completing``).
"""
