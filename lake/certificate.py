"""What a member added to the lake of ideas, for their certificate of contribution.

Listed in ``sharing.certificates.views.COUNTERS``. Anonymous post-its store no author, so
they are never counted for anyone.
"""

from django.utils.translation import ngettext

from accounts.models import User
from projects.models import Project
from projects.parts import Contribution

from .models import PostIt


def lake_counts(*, project: Project, user: User) -> list[Contribution]:
    """Post-its added and not removed or set aside. 1 query."""
    # Post-its set aside for breaking a ground rule are not counted.
    postits = PostIt.objects.visible().filter(project=project, author=user, deleted_at=None).count()
    return [
        (
            postits,
            ngettext(
                "Added %(count)d post-it to the lake of ideas",
                "Added %(count)d post-its to the lake of ideas",
                postits,
            )
            % {"count": postits},
        ),
    ]
