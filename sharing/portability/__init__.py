"""The whole project as one JSON file: the download, its format, and importing one.

``document.PARTS`` lists each app's part of the file (its ``portable.py``) with the
section of the file it writes into. The types parts use to write and read the file
(``People``, ``Reader``, ``BadFile``) live in ``projects/parts.py``, where every app can
import them. This package may import any app; only coproduction/urls.py and the
``import_project`` command import it.
"""
