"""The top floor: features that need every app, each listing the apps' parts explicitly.

- ``report/``: the printable report of a project, section by section;
- ``certificates/``: each member's certificate of contribution;
- ``portability/``: the whole project as one JSON file, and a new project made from one;
- ``people/``: a person's own data to download, and deleting their account;
- ``demo.py``: the demo project that ``manage.py demo`` makes.

Each app keeps its own part beside its models (``marks/report.py``, ``lake/people.py``…)
as plain functions, and the feature here names every part in a list, in order. So going
to the definition of a name in a list leads to the code that does the work.

sharing may import every app. Nothing imports sharing: the types that parts share with
it (``Section``, ``Blocker``, ``People``, ``Reader``, ``BadFile``…) live low, in
``projects/parts.py``.
"""
