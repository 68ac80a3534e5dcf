"""A person's own data, downloaded as one file, and deleting their account.

``services.PARTS`` lists each app's part (its ``people.py``): what it holds about the
person, what deleting the account would change for others, and how it forgets them.
The pages keep the paths under /account/ beside "Your account", which stays in
``accounts``. This package may import any app; only coproduction/urls.py and the demo
import it.
"""
