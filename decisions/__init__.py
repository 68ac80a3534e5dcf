"""Deciding together: proposals the group answers, the decision log, and how the group decides.

A proposal is answered by consent or by a choice between options; the answers stay private
until it closes, then the outcome is written in plain words and logged. The decision log
also holds what was decided in a meeting or outside the group. Feature folders:
``proposals/`` (writing, answering, closing), ``log/`` (the log, decisions made elsewhere,
their history) and ``how/`` (the group's way of deciding, part of the ground rules page).

Sits above the lake and check-ins, because a proposal may be about a mark, a post-it or an
action: it may import ``lake``, ``marks``, ``projects`` and ``accounts``, never
``checkins`` or ``sharing``. Nothing below imports it; the ground rules page shows its part
through a partial and its template tags (``decisions_parts``).
"""
