"""Planning a meeting together: proposing it with a few times, answering, choosing one,
where and how it happens, and whether each member is coming; the list of meetings and the
calendar file.

May import ``meetings``' models, services, selectors, times, calendar and ``projects``'
access; the agenda and the record, beside it, never import this folder's views.
"""
