"""How we decide: the group's chosen way (consent by default, majority, or its own words),
when a facilitator may call for a vote, and how long proposals stay open.

Shown on the ground rules page (through the ``decisions_parts`` template tags) and agreed
by members as ground rules are: an agreement is to one wording, so a change asks everyone
again. May import ``decisions``' models and services, ``projects`` and ``accounts``; never
``decisions.proposals`` or ``decisions.log``.
"""
