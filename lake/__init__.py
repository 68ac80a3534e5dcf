"""The lake of ideas: post-its on four islands, one per stage, or in the water between them.

It holds the board and its list view, adding, moving (by drag or by a plain form), changing,
removing with undo, the five-minute timer, the live poll that sends only what changed, and
the daily purge of post-its removed 30 days ago. Its parts of the whole-project features
(report, certificate, portable, people, demo) sit beside its models.

It may import projects, words, marks (a post-it can come from a note) and accounts; only the
apps above it (decisions, meetings, sharing) import it.
"""
