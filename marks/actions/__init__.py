"""Actions: the benchmark of agreed scores over time, the action plan, and their CSV exports.

``services`` changes actions; ``selectors`` reads the benchmark and the plan; ``exports``
writes the CSV spreadsheets; ``context`` is what the mark page shows of a mark's actions;
``views``, ``forms`` and ``urls`` (namespace ``actions``) serve them, with templates in
``templates/marks/actions/``.

May import ``marks``' models (agreed scores are read straight from the rounds),
``projects`` and ``accounts``. Never imports ``marks.scoring`` or the views of notes: the
mark page composes them.
"""
