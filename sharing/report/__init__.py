"""The printable report of a project: its sections, in order, on one page to print or share.

``views.SECTIONS`` lists each section; every app renders its own from its ``report.py``
(with a template of its own, such as ``templates/marks/report_benchmark.html``). This
package may import any app; only coproduction/urls.py imports it.
"""
