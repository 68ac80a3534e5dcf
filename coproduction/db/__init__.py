"""Our PostgreSQL engine: Django's own, with a limit on how long to wait for any answer.

Settings name it as the ENGINE when DATABASE_URL is a PostgreSQL address. It imports only
Django, psycopg and the settings.
"""
