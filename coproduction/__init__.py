"""The project's own package: settings read from the environment, the URLconf that includes
every app's and feature's URLs, the middleware for privacy headers, the PostgreSQL engine
with a limit on waiting (db/), and WSGI and ASGI entry points.

No app imports it; it sits above every app in the import contract.
"""
