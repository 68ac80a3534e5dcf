"""Plain words: the group's glossary and the words it would rather not use.

Low in the stack, because every page's text may pass through it: ``glossary`` finds the
group's terms in its own writing and marks them (escaping first), ``templatetags/words``
offers that as the ``glossary`` filter and the hint beside a form field, and the "Our
words" page (``views``) is where the group adds, changes and removes its words.

May import ``projects`` (models, access, activity, shared words) and ``accounts``; nothing
above it. Other apps never import it: they use its template filter and its context
processor, so their pages need no Python change.
"""
