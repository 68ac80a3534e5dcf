"""Marks: the mark library, each project's own marks, and the notes under them.

Here live the models of the whole app (marks, notes, scoring rounds, actions, check-ins),
the library, the marks' and notes' services, forms and views, and ``mark_page``, which
composes the mark page from its parts. The features that share these models are folders:
``scoring/`` (rounds, scores, the meeting screen, the scoring settings) and ``actions/``
(the benchmark and the action plan).

Modules here may import ``projects`` and ``accounts``, never a feature's views. Imports
run one way: the views of notes, scoring and actions -> ``mark_page`` -> each feature's
context builder and selectors -> this app's models and services.
"""
