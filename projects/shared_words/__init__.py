"""Shared words: everything a group writes together and may reword later.

The aims, ground rules, marks, notes, post-its and actions all keep a version number, and
(except actions) a row for every saved wording. This package holds the one way of doing
that: abstract models for the versioned words and their revision rows (``models``), the
field that reads plain text the same way everywhere (``forms``), the one service that saves
a new version (``services``), and the one skeleton for an edit page that explains a
conflict instead of losing anyone's words (``views``, with
``templates/projects/shared_words/_conflict.html``).

It imports Django only, so every model can build on it; every app that stores shared words
imports it.
"""
