"""The projects app's part of the whole-project file: ground rules, updates, thanks, activity.

Listed in ``sharing.portability.document.PARTS``. The project's name, aims and members
are written by ``sharing.portability.document`` itself, since every other part refers to them.
"""

from django.db.models import Prefetch

from .models import (
    Activity,
    Agreement,
    GroundRule,
    GroundRuleRevision,
    Project,
    Thanks,
    Update,
)
from .parts import BadFile, People, Reader, iso, unique_versions

ACTIVITY_DETAIL_LIMIT = Activity._meta.get_field("detail").max_length
UPDATE_TITLE_LIMIT = Update._meta.get_field("title").max_length
THANKS_LIMIT = Thanks._meta.get_field("message").max_length


def export(project: Project, people: People) -> dict:
    rules = GroundRule.objects.filter(project=project).prefetch_related(
        Prefetch("revisions", GroundRuleRevision.objects.order_by("version")),
        Prefetch("agreements", Agreement.objects.order_by("created_at", "pk")),
    )
    return {
        "ground_rules": [
            {
                "text": rule.text,
                "created_by": people.ref(rule.created_by_id),
                "created_at": iso(rule.created_at),
                "history": [
                    {
                        "version": revision.version,
                        "text": revision.text,
                        "edited_by": people.ref(revision.edited_by_id),
                        "edited_at": iso(revision.edited_at),
                    }
                    for revision in rule.revisions.all()
                ],
                "agreed": [
                    {"member": people.ref(agreement.user_id), "at": iso(agreement.created_at)}
                    for agreement in rule.agreements.all()
                ],
            }
            for rule in rules
        ],
        "updates": [
            {
                "title": update.title,
                "body": update.body,
                "author": people.ref(update.author_id),
                "created_at": iso(update.created_at),
            }
            for update in Update.objects.visible()
            .filter(project=project)
            .order_by("created_at", "pk")
        ],
        "thanks": [
            {
                "from": people.ref(thanks.from_user_id),
                # Empty when the thank-you is to the whole group.
                "to": people.ref(thanks.to_user_id),
                "message": thanks.message,
                "created_at": iso(thanks.created_at),
            }
            for thanks in Thanks.objects.visible()
            .filter(project=project)
            .order_by("created_at", "pk")
        ],
        "activity": [
            {
                "actor": people.ref(activity.actor_id),
                "kind": activity.kind,
                "detail": activity.detail,
                "created_at": iso(activity.created_at),
            }
            for activity in Activity.objects.filter(project=project).order_by("created_at", "pk")
        ],
    }


def import_(project: Project, data: Reader, people: People) -> None:
    for item in data.objects("ground_rules"):
        rule = GroundRule.objects.create(
            project=project,
            text=item.text("text", blank=False),
            created_by=people.user(item, "created_by"),
            created_at=item.when("created_at"),
        )
        history = [
            (entry, {"version": entry.integer("version", low=1)})
            for entry in item.objects("history")
        ]
        unique_versions(history, "this ground rule's history")
        for entry, fields in history:
            GroundRuleRevision.objects.create(
                rule=rule,
                version=fields["version"],
                text=entry.text("text", blank=False),
                edited_by=people.user(entry, "edited_by"),
                edited_at=entry.when("edited_at"),
            )
        rule.version = max((fields["version"] for _e, fields in history), default=1)
        rule.save(update_fields=["version"])
        agreed = set()
        for entry in item.objects("agreed"):
            user = people.user(entry, "member")
            if user is None or user.pk in agreed:
                raise BadFile(
                    f"{entry.path_of('member')} should name one person, once for each rule."
                )
            agreed.add(user.pk)
            Agreement.objects.create(rule=rule, user=user, created_at=entry.when("at"))
    for item in data.objects("updates"):
        Update.objects.create(
            project=project,
            title=item.text("title", blank=False, limit=UPDATE_TITLE_LIMIT),
            body=item.text("body", blank=False),
            author=people.user(item, "author"),
            created_at=item.when("created_at"),
        )
    for item in data.objects("thanks"):
        sender, to_user = people.user(item, "from"), people.user(item, "to")
        if sender is not None and sender == to_user:
            raise BadFile(f"{item.path_of('to')}: nobody thanks themselves.")
        Thanks.objects.create(
            project=project,
            from_user=sender,
            to_user=to_user,
            message=item.text("message", blank=False, limit=THANKS_LIMIT),
            created_at=item.when("created_at"),
        )
    Activity.objects.bulk_create(
        Activity(
            project=project,
            actor=people.user(item, "actor"),
            kind=item.text("kind", blank=False, limit=Activity._meta.get_field("kind").max_length),
            detail=item.text("detail", limit=ACTIVITY_DETAIL_LIMIT),
            created_at=item.when("created_at"),
        )
        for item in data.objects("activity")
    )
