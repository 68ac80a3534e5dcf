"""After a meeting: time to decompress, and a record of it.

Each person who came gets a gentle, optional check-out ("How are you after today?"), with
the support contacts the group agreed. Answers are each person's own: a facilitator learns
only how many asked to talk, and who, only where that person chose to say. The record shows
who came, the notes any member can add (shared words, every wording kept), and the marks
scored and post-its added that day. Support contacts are set by facilitators.
"""
