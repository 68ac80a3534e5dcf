"""Words given another way: a member adds a note, post-it, check-in answer, response or score
for someone who gave it to them one-to-one, by phone, on paper, by email or by text.

The words are that person's (they are the author, they change or remove them); ``added_by``
and ``given_via`` keep who added them and how they reached them, so nobody's words appear
under their name without a trace. Only members who said, on their "what helps me take part"
page, that others may add for them can be chosen, and never anonymously.

Machinery shared by marks, lake, checkins and decisions, like ``shared_words``: it has no
pages of its own. It may read ``taking_part``'s selector (who allowed it).
"""
