"""Setting words aside: keeping the group's space safe, openly and reversibly.

A facilitator (or any member, where the project chooses) sets aside a note, post-it,
check-in answer, proposal response, thank-you or update that breaks one of the group's
ground rules; in its place everyone sees who set it aside and which rule it broke. Any member can ask for a look
without setting anything aside. Words set aside are kept for 30 days, where facilitators can
read them and put them back, then the daily ``purge_set_aside`` command deletes them for good.

The ``SetAside`` and ``LookRequest`` models stay in ``projects.models``, with the queryset
every kind of words reads through (``.visible()``, ``.with_set_aside()``). Here live the kinds of words that can be set aside (``kinds``: each app offers its
own kind in its ``aside.py`` and ``sharing/setting_aside.py`` lists them), the services, the
views and their forms.

Nothing here stores or shows who wrote the words: a kind says how to find its author only so
that a named author can be told in their own account. It imports ``projects`` and Django
only; the apps above register their kinds at start-up.
"""
