"""A meeting's agenda: items in order, each with an optional length and a kind (a mark to
score, five minutes with the lake, a check-in question, an icebreaker, a break, a proposal,
or something else in plain words). Any member suggests an item; facilitators order and
remove them, each form carrying the agenda's version so a stale order is refused.

May import ``meetings``' models, services, selectors and parts, and ``projects``' access;
the planning pages and the meeting screen, beside it, never import this folder.
"""
