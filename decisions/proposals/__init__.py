"""Proposals: any member writes one, the group responds, and it closes with an outcome.

Responses are private until the proposal closes: no page, fragment or poll shows them, or a
count of each answer, before then; only "N responses so far". May import ``decisions``'
models and services, ``projects`` and ``accounts``; never ``decisions.log`` or
``decisions.how``.
"""
