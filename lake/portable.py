"""The lake's part of the whole-project file: its post-its, with their history.

Removed post-its go in while members can still see them and bring them back;
after that the app no longer shows them, so neither does the file. A post-it
that came from a note links to the note's mark by the mark's ref in the file.
"""

from django.db.models import Prefetch, Q

from projects.answers.portable import export_answer, import_answer, save_history
from projects.models import Project
from projects.on_behalf.portable import export_trace, import_trace
from projects.parts import BadFile, People, Reader, iso, unique_versions

from .models import PLACES, TEXT_LIMIT, Colour, PostIt, PostItAnswer, PostItRevision
from .services import removed_since


def export(project: Project, people: People) -> dict:
    postits = (
        # Words set aside are left out: the file holds what the group can see.
        PostIt.objects.visible()
        .filter(project=project)
        .filter(Q(deleted_at=None) | Q(deleted_at__gte=removed_since()))
        .order_by("created_at", "pk")
        .prefetch_related(
            Prefetch("revisions", PostItRevision.objects.order_by("version")),
            Prefetch("answer_revisions", PostItAnswer.objects.order_by("version")),
        )
    )
    return {
        "postits": [
            {
                "text": postit.text,
                "colour": postit.colour,
                # An island's stage, "water", or "water:<stage>-<stage>" between two islands.
                "place": postit.place,
                "position": postit.position,
                "anonymous": postit.is_anonymous,
                "author": people.ref(postit.author_id),
                **export_trace(postit, people),
                "mark": people.object_ref("mark", postit.mark_id),
                "created_at": iso(postit.created_at),
                "removed_at": iso(postit.deleted_at),
                "answer": export_answer(postit, people),
                "history": [
                    {"version": r.version, "text": r.text, "edited_at": iso(r.edited_at)}
                    for r in postit.revisions.all()
                ],
            }
            for postit in postits
        ]
    }


def import_(project: Project, data: Reader, people: People) -> None:
    for item in data.objects("postits"):
        anonymous = item.boolean("anonymous")
        author = people.user(item, "author")
        if anonymous and author is not None:
            raise BadFile(f"{item.path_of('author')}: an anonymous post-it can't have an author.")
        history = [
            (entry, {"version": entry.integer("version", low=1)})
            for entry in item.objects("history")
        ]
        unique_versions(history, "this post-it's history")
        answer, answers = import_answer(item, people)
        postit = PostIt.objects.create(
            project=project,
            text=item.text("text", blank=False, limit=TEXT_LIMIT),
            colour=item.choice("colour", Colour.values, what="colour"),
            place=item.choice("place", PLACES, what="place on the lake"),
            position=item.integer("position"),
            author=author,
            is_anonymous=anonymous,
            mark=people.object(item, "mark", "mark"),
            created_at=item.when("created_at"),
            deleted_at=item.when("removed_at", null=True),
            version=max((fields["version"] for _e, fields in history), default=1),
            **answer,
            **import_trace(item, people, anonymous=anonymous),
        )
        save_history(PostItAnswer, "postit", postit, answers)
        PostItRevision.objects.bulk_create(
            PostItRevision(
                postit=postit,
                version=fields["version"],
                text=entry.text("text", blank=False, limit=TEXT_LIMIT),
                edited_at=entry.when("edited_at"),
            )
            for entry, fields in history
        )
