"""The decision log: every decision in date order, how it was made and what it is about.

Proposals add to it when they close; a member adds a decision made in a meeting or outside
the group (who made it, and how much say the group had). Its words are shared words, so
every change is kept. May import ``decisions``' models and services, ``projects`` and
``accounts``; never ``decisions.proposals`` or ``decisions.how``.
"""
