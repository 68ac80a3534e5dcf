"""Completing, sharing, celebrating: staying in touch, updates and thank-yous.

Each member chooses whether to hear from the group after the work ends; facilitators
post updates, which are emailed to those who said yes, each email carrying a link that
stops them without signing in; anyone thanks anyone, or the whole group.

The project home shows the latest updates and thanks through
``projects/templatetags/completing_tags.py`` (Django looks for template tags only in
an app's ``templatetags`` folder), so the home never imports this package.

May import ``accounts`` and projects' models, services, selectors, access, activity and
shared_words; never the other feature folders (``invitations``, ``rules``).
"""
