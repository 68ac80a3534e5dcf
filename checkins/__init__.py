"""Check-ins: the "at a minimum, ask each other" questions a group answers throughout.

A check-in belongs to a project. Each member answers the same questions, named or
anonymously; nobody sees anyone else's answers until a member closes it. Here live the
models, the services that change them, the pages, and this app's parts of the
project-wide features (a person's data, the project file, certificates, the demo).

May import ``projects`` and ``accounts`` only: not ``marks`` or ``lake``, which sit on
the same floor, nor anything above.
"""
