"""Projects: the group's project and everything below it that the other apps share.

Here live the models (Project, Membership, Invitation, ground rules, activity, updates
and thanks), ``access`` (the one door every project page goes through), the services
that change several rows at once, shared reads (``selectors``), saving shared words
without losing anyone's (``editing``), the stages' vocabulary, and the project's own
pages: the list, creating one, its home, its aims, members and roles, leaving and
settings.

Its features are folders beside these: ``invitations/`` (inviting and joining),
``rules/`` (ground rules), ``completing/`` (staying in touch, updates, thanks) and
``taking_part/`` (what helps each person take part, said privately).

``projects`` may import ``accounts`` only. Its feature folders may import projects'
models, services, selectors, access and editing, and never each other.
"""
