"""Each member's certificate of contribution, and the personal line a facilitator adds.

``views.COUNTERS`` lists what is counted; every app counts its own in its
``certificate.py``. This package may import any app; only coproduction/urls.py imports it.
"""
