"""Accounts: the bottom floor. The User model (an email address and a name, nothing more),
the sign-in adapter and its limits, the session engine that records whose each session is,
"Your account", and the checks every app uses for one-line names (validators.py).

It imports Django and allauth only: every other app may import it, and it imports none of
them.
"""
