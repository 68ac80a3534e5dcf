"""What projects hold about one person, and how they let go of someone deleting their account.

Listed in ``sharing.people.services.PARTS`` (see there).
"""

from functools import partial

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import User

from .activity import record_activity
from .models import (
    Activity,
    Agreement,
    GroundRule,
    GroundRuleRevision,
    Invitation,
    Membership,
    Project,
    ProjectRevision,
    RemovedMember,
    TakingPart,
    Thanks,
    Update,
    UpdateDelivery,
)
from .parts import Blocked, Blocker

# Activity sentences whose detail is another member's name: never put in someone else's file.
NAMED_KINDS = {Activity.Kind.ROLE, Activity.Kind.REMOVED}


def _to_any_address(user: User) -> Q:
    """Invitations emailed to the account's address or any other address it has added."""
    addresses = {user.email, *user.emailaddress_set.values_list("email", flat=True)}
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(email__iexact=address)
    return condition


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def _taking_part(membership: Membership) -> dict | None:
    """What the person said helps them take part in this project, in the form's words."""
    try:
        row = membership.taking_part
    except TakingPart.DoesNotExist:
        return None
    return {
        "access_needs": [str(label) for label in row.needs()],
        "anything_else": row.other_needs,
        "how_i_like_to_share_my_ideas": [str(label) for label in row.ways()],
        "others_may_add_my_words_for_me": row.words_on_behalf,
        "who_sees_it": str(row.get_visibility_display()),
        "saved": _when(row.updated_at),
    }


def personal_data(user: User) -> dict:
    """Each list comes from one query, so the file costs the same however much there is."""
    memberships = Membership.objects.filter(user=user).select_related("project", "taking_part")
    sent = Thanks.objects.filter(from_user=user).select_related("project")
    received = Thanks.objects.filter(to_user=user).select_related("project")
    updates = Update.objects.filter(author=user).select_related("project")
    rules = GroundRule.objects.filter(created_by=user).select_related("project")
    agreed = Agreement.objects.filter(user=user).select_related("rule__project")
    project_edits = ProjectRevision.objects.filter(edited_by=user).select_related("project")
    rule_edits = GroundRuleRevision.objects.filter(edited_by=user).select_related("rule__project")
    activity = Activity.objects.filter(actor=user).select_related("project")
    deliveries = UpdateDelivery.objects.filter(user=user).select_related("update__project")
    invitations = Invitation.objects.filter(_to_any_address(user)).select_related("project")
    removals = RemovedMember.objects.filter(user=user).select_related("project")
    return {
        "removed_from_projects": [
            {"project": r.project.name, "removed": _when(r.removed_at)} for r in removals
        ],
        "memberships": [
            {
                "project": m.project.name,
                "role": m.get_role_display(),
                "joined": _when(m.joined_at),
                "last_opened": _when(m.last_seen_at),
                "send_me_updates_after_the_project": m.stay_in_touch,
                "keep_my_details_for_future_projects": m.keep_details,
                "choices_made": _when(m.contact_choice_at),
                "what_helps_me_take_part": _taking_part(m),
                "on_a_break_since": _when(m.break_since),
                "back_from_the_break_around": m.break_until.isoformat() if m.break_until else None,
                "emails_while_on_a_break": m.get_break_emails_display(),
                "back_from_the_last_break": _when(m.back_at),
            }
            for m in memberships
        ],
        "thanks_sent": [
            {
                "project": t.project.name,
                "to_the_whole_group": t.to_user_id is None,
                "message": t.message,
                "sent": _when(t.created_at),
            }
            for t in sent
        ],
        "thanks_received": [
            {"project": t.project.name, "message": t.message, "sent": _when(t.created_at)}
            for t in received
        ],
        "updates_written": [
            {
                "project": u.project.name,
                "title": u.title,
                "text": u.body,
                "shared": _when(u.created_at),
            }
            for u in updates
        ],
        "ground_rules_written": [
            {"project": r.project.name, "text": r.text, "added": _when(r.created_at)} for r in rules
        ],
        "ground_rules_agreed": [
            {"project": a.rule.project.name, "rule": a.rule.text, "agreed": _when(a.created_at)}
            for a in agreed
        ],
        "project_aims_edits": [
            {"project": r.project.name, "version": r.version, "saved": _when(r.edited_at)}
            for r in project_edits
        ],
        "ground_rule_edits": [
            {
                "project": r.rule.project.name,
                "wording": r.text,
                "version": r.version,
                "saved": _when(r.edited_at),
            }
            for r in rule_edits
        ],
        "things_you_did": [
            {
                "project": a.project.name,
                "what": a.sentence(),
                "detail": "" if a.kind in NAMED_KINDS else a.detail,
                "when": _when(a.created_at),
            }
            for a in activity
        ],
        "update_emails_sent_to_you": [
            {
                "project": d.update.project.name,
                "update": d.update.title,
                "email": d.email,
                "sent": _when(d.sent_at),
            }
            for d in deliveries
        ],
        "invitations_sent_to_your_email": [
            {"project": i.project.name, "email": i.email, "made": _when(i.created_at)}
            for i in invitations
        ],
    }


def _project_sizes(project_ids) -> tuple[dict[int, int], dict[int, int]]:
    """How many members, and how many facilitators, each project has."""
    rows = (
        Membership.objects.filter(project_id__in=project_ids)
        .values("project_id", "role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    members: dict[int, int] = {}
    facilitators: dict[int, int] = {}
    for row in rows:
        members[row["project_id"]] = members.get(row["project_id"], 0) + row["n"]
        if row["role"] == Membership.Role.FACILITATOR:
            facilitators[row["project_id"]] = row["n"]
    return members, facilitators


def blockers(user: User) -> list[Blocker]:
    """Projects that need a new facilitator first, and projects that go with the account."""
    mine = list(Membership.objects.filter(user=user).select_related("project"))
    members, facilitators = _project_sizes([m.project_id for m in mine])
    handover_ids = [
        m.project_id
        for m in mine
        if m.is_facilitator and facilitators.get(m.project_id, 0) == 1 and members[m.project_id] > 1
    ]
    others: dict[int, list[Membership]] = {pk: [] for pk in handover_ids}
    for other in (
        Membership.objects.filter(project_id__in=handover_ids)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__name", "pk")
    ):
        others[other.project_id].append(other)
    found = []
    for m in sorted(mine, key=lambda m: (m.project.name, m.project_id)):
        if m.project_id in others:
            found.append(
                Blocker(
                    field=f"successor-{m.project_id}",
                    title=m.project.name,
                    explanation=_(
                        "You are the only facilitator of %(project)s. Choose who takes over: "
                        "they become a facilitator before your account is deleted."
                    )
                    % {"project": m.project.name},
                    choices=[
                        (str(o.user_id), str(o.user.display_name)) for o in others[m.project_id]
                    ],
                    resolve=partial(_hand_over, m.project_id, user),
                )
            )
        elif members[m.project_id] == 1:
            found.append(
                Blocker(
                    field=f"alone-{m.project_id}",
                    title=m.project.name,
                    explanation=_(
                        "You are the only member of %(project)s, so it will be deleted "
                        "with your account."
                    )
                    % {"project": m.project.name},
                )
            )
    return found


def _hand_over(project_id: int, user: User, successor_id: str) -> None:
    # Lock the project's memberships, as leaving does, so a race can't leave it without one.
    locked = list(Membership.objects.select_for_update().filter(project_id=project_id))
    successor = next(
        (m for m in locked if str(m.user_id) == str(successor_id) and m.user_id != user.pk), None
    )
    if successor is None:
        raise Blocked(f"successor-{project_id}")
    if not successor.is_facilitator:
        successor.role = Membership.Role.FACILITATOR
        successor.save(update_fields=["role"])
        record_activity(
            project=successor.project,
            actor=user,
            kind=Activity.Kind.ROLE,
            detail=successor.user.display_name,
        )


def forget(user: User, remove: bool) -> None:
    """Take the person out of every project; delete projects they were alone in."""
    project_ids = set(Membership.objects.filter(user=user).values_list("project_id", flat=True))
    # Lock every membership of their projects, so nobody steps down or leaves meanwhile.
    list(Membership.objects.select_for_update().filter(project_id__in=project_ids))
    members, facilitators = _project_sizes(project_ids)
    mine = Membership.objects.filter(user=user)
    alone = [pk for pk in project_ids if members.get(pk, 0) == 1]
    for m in mine:
        if m.project_id in alone:
            continue
        if m.is_facilitator and facilitators.get(m.project_id, 0) < 2:
            raise Blocked(f"successor-{m.project_id}")
    touched = project_ids | set(
        Activity.objects.filter(actor=user).values_list("project_id", flat=True)
    )
    # Sentences like "changed a member's role: Sam" carry the old name; it goes too.
    Activity.objects.filter(project_id__in=touched, kind__in=NAMED_KINDS, detail=user.name).update(
        detail=""
    )
    if remove:
        Thanks.objects.filter(from_user=user).delete()
        Update.objects.filter(author=user).delete()
        GroundRule.objects.filter(created_by=user).delete()
        Agreement.objects.filter(user=user).delete()
        Activity.objects.filter(actor=user).delete()
        # The aims and rules are the group's wording: the text stays, without the name.
        ProjectRevision.objects.filter(edited_by=user).update(edited_by=None)
        GroundRuleRevision.objects.filter(edited_by=user).update(edited_by=None)
        Invitation.objects.filter(created_by=user).update(created_by=None)
    UpdateDelivery.objects.filter(user=user).delete()
    # Invitations sent to any of the person's addresses, not only the one they sign in with.
    Invitation.objects.filter(_to_any_address(user)).delete()
    RemovedMember.objects.filter(user=user).delete()
    Project.objects.filter(pk__in=alone).delete()
    staying = Membership.objects.filter(user=user).select_related("project")
    for m in staying:
        record_activity(project=m.project, actor=user, kind=Activity.Kind.LEFT)
    # What helps them take part goes with each membership (a cascade), whatever ``remove`` says.
    Membership.objects.filter(user=user).delete()
