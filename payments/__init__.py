"""Payment and expenses: the project's terms, each person's choice, claims, invoices.

Features are folders: ``terms`` (what the project pays, with its history), ``claims``
(a person's own choice and claims), ``handling`` (who handles payments, and what they do
with claims) and ``invoices`` (a printable invoice, and the finance team's CSV).
"""
