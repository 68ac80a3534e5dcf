from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import ngettext

from ..models import Activity, Membership

# How long after coming back the project home says what changed while the person was away.
SHOWN_FOR = timedelta(days=14)

# What a person coming back hears about, as kinds of activity and the sentence for a count.
AWAY_SENTENCES = [
    (
        ("decision_added", "proposal_closed"),
        lambda n: ngettext("The group made %(n)s decision.", "The group made %(n)s decisions.", n),
    ),
    (
        ("round_agreed",),
        lambda n: ngettext("The group agreed %(n)s score.", "The group agreed %(n)s scores.", n),
    ),
    (
        ("mark_added",),
        lambda n: ngettext("%(n)s new mark was added.", "%(n)s new marks were added.", n),
    ),
    (
        ("postit_added",),
        lambda n: ngettext(
            "%(n)s new post-it went on the lake of ideas.",
            "%(n)s new post-its went on the lake of ideas.",
            n,
        ),
    ),
    (
        ("note_added",),
        lambda n: ngettext(
            "%(n)s note was added on a mark.", "%(n)s notes were added on marks.", n
        ),
    ),
    (
        ("update_posted",),
        lambda n: ngettext("%(n)s update was shared.", "%(n)s updates were shared.", n),
    ),
]


def while_away(membership: Membership) -> list[str] | None:
    """Plain sentences about what changed during the member's last break, for two weeks
    after they came back; None when there is nothing to tell. One query, counts only."""
    if membership.back_at is None or membership.last_break_since is None:
        return None
    if timezone.now() - membership.back_at > SHOWN_FOR:
        return None
    counts = dict(
        Activity.objects.filter(
            project_id=membership.project_id,
            created_at__gte=membership.last_break_since,
            created_at__lte=membership.back_at,
        )
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sentences = []
    for kinds, words in AWAY_SENTENCES:
        n = sum(counts.get(kind, 0) for kind in kinds)
        if n:
            sentences.append(words(n) % {"n": n})
    return sentences
