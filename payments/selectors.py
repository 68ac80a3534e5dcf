"""Reads that the payments pages share."""

from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from meetings.models import Attendance, Meeting
from projects.models import Project

from .models import Claim, Handler, PaymentChoice, PaymentTerms


def terms_of(project: Project) -> PaymentTerms | None:
    return PaymentTerms.objects.filter(project=project).first()


def is_handler(project: Project, user: User) -> bool:
    return Handler.objects.filter(project=project, user=user).exists()


def choice_of(project: Project, user: User) -> PaymentChoice | None:
    return PaymentChoice.objects.filter(project=project, user=user).first()


def attended_meetings(project: Project, user: User) -> QuerySet[Meeting]:
    """Meetings that have happened and that the meetings record says the person came to."""
    came = Attendance.objects.filter(meeting=OuterRef("pk"), user=user).exclude(
        status=Attendance.Status.NOT_COMING
    )
    return (
        Meeting.objects.filter(
            project=project, chosen__isnull=False, chosen__starts_at__lte=timezone.now()
        )
        .filter(Exists(came))
        .select_related("chosen")
        .order_by("-chosen__starts_at")
    )


def claim_for(project: Project, user: User, claim_id: int) -> Claim | None:
    """The claim if it is the person's own or they handle payments; None otherwise."""
    claim = Claim.objects.select_related("user").filter(project=project, pk=claim_id).first()
    if claim is None:
        return None
    if claim.user_id == user.pk or is_handler(project, user):
        return claim
    return None


def waiting_claims(project: Project) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(project=project)
        .exclude(status__in=[Claim.Status.DRAFT, Claim.Status.PAID])
        .select_related("user")
        .order_by("sent_at", "pk")
    )


def total_of(claim: Claim) -> int:
    return claim.lines.aggregate(total=Sum("amount"))["total"] or 0
