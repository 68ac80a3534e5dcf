"""Meetings planned together: finding a time, where and how, and who is coming.

A member proposes a meeting with a few possible times; everyone answers each time
("Yes", "If I must", "No"); a facilitator chooses one, and everyone who answered is told.
The meeting says where it is and how to join, with the access facts people ask about;
once its time is set each member says whether they are coming (the attendance record),
and anyone who can't come can leave their thoughts in writing. Each meeting has a
calendar file, and members who chose email get a reminder the day before.

Here live the models, ``services`` (every change), ``selectors`` (reads pages share),
``calendar`` (the .ics file), ``emails`` (the tasks that tell people), the pages in
``planning/`` (the time poll, where and how, coming or not), and this app's parts of the
project-wide features (a person's data, the project file, the demo). The agenda, the
meeting screen, the check-out and the record build on ``Meeting`` in folders of their
own beside ``planning/``.

Sits above ``marks``, ``lake`` and ``checkins`` and may import them, ``projects`` and
``accounts``; only ``sharing`` imports it.
"""
