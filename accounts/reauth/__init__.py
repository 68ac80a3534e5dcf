"""Asking someone to confirm it is them before the most sensitive steps: deleting the
account, downloading their data, changing email addresses.

A sign-in or a confirmation within ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` counts; otherwise
people give their password again (allauth's page) or, whether or not they have a password,
a code we email them (this package's page). ``confirmation_required`` is the decorator;
``accounts/adapters.py`` tells allauth the same rule. Imports Django, allauth and nothing
of ours above ``accounts``.
"""
