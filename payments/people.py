"""What payments hold about one person, and what is kept when they delete their account.

Listed in ``sharing.people.services.PARTS``. A claim that was sent is a record of what the
project paid or owes: it is kept, under "A former member", with its amounts, dates and
invoice number only. Everything else (choices, addresses, payment details, receipts, what
each line was for, unsent claims) goes.
"""

from django.utils.translation import gettext as _

from accounts.models import User
from projects.parts import Blocker

from .models import Claim, ClaimLine, Handler, PaymentChoice


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """Three queries, however many claims and lines."""
    choices = PaymentChoice.objects.filter(user=user).select_related("project")
    claims = list(Claim.objects.filter(user=user).select_related("project"))
    lines: dict[int, list[ClaimLine]] = {}
    for line in ClaimLine.objects.filter(claim__user=user).order_by("day", "pk"):
        lines.setdefault(line.claim_id, []).append(line)
    return {
        "payment_choices": [
            {
                "project": c.project.name,
                "choice": str(c.get_choice_display()),
                "address": c.address,
                "how_to_pay": c.how_to_pay,
            }
            for c in choices
        ],
        "payment_claims": [
            {
                "project": c.project.name,
                "invoice_number": c.invoice_number,
                "status": str(c.get_status_display()),
                "currency": c.currency,
                "total_pence": c.total,
                "sent_at": _when(c.sent_at),
                "approved_at": _when(c.approved_at),
                "paid_on": _when(c.paid_on),
                "question": c.question,
                "lines": [
                    {
                        "date": line.day.isoformat(),
                        "kind": str(line.get_kind_display()),
                        "what": line.what,
                        "hours": str(line.hours) if line.hours is not None else None,
                        "amount_pence": line.amount,
                        "has_receipt": bool(line.receipt),
                    }
                    for line in lines.get(c.pk, [])
                ],
            }
            for c in claims
        ],
    }


def blockers(user: User) -> list[Blocker]:
    """Said on the deletion page when the person has sent claims."""
    if not Claim.objects.filter(user=user).exclude(status=Claim.Status.DRAFT).exists():
        return []
    return [
        Blocker(
            field="payments",
            title=_("Claims you sent are kept"),
            explanation=_(
                "Projects must keep a record of what they paid. Your sent claims stay, "
                "shown as from “A former member”, with their amounts, dates and invoice "
                "numbers only. Your address, payment details and receipts are deleted."
            ),
        )
    ]


def forget(user: User, remove: bool) -> None:
    """Whatever ``remove`` says, keep only what the project must; delete the rest."""
    for line in ClaimLine.objects.filter(claim__user=user).exclude(receipt=""):
        line.receipt.delete(save=False)
    Claim.objects.filter(user=user, status=Claim.Status.DRAFT).delete()
    ClaimLine.objects.filter(claim__user=user).update(what="—", receipt="", receipt_type="")
    Claim.objects.filter(user=user).update(question="")
    PaymentChoice.objects.filter(user=user).delete()
    Handler.objects.filter(user=user).delete()
