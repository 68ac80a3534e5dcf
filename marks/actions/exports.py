"""The benchmark's score history and the action plan as CSV spreadsheets."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Project
from projects.stages import Stage

from .selectors import actions_of, agreed_rounds, by_stage, owners_text


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet runs a cell that starts like a formula; a leading quote keeps it as text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # The byte order mark tells spreadsheets the file is UTF-8, so accents and dashes survive.
    return "\ufeff" + out.getvalue()


def score_history_csv(project: Project) -> str:
    """One row per agreed round: stage, mark, date, agreed score, note, spread. 1 query.

    The spread is the lowest and highest score members gave in that round. Only
    agreed (closed) rounds are read, and those were revealed before they closed.
    """
    order = {s.value: i for i, s in enumerate(Stage)}
    rounds = sorted(
        # Hidden marks stay in the export: members can still open them, and nothing is lost.
        agreed_rounds(project, with_spread=True, hidden=True).select_related("mark"),
        key=lambda r: (order.get(r.mark.stage, 9), r.mark.position, r.mark.pk),
    )
    rows = []
    for r in rounds:
        spread = f"{r.lowest}–{r.highest}" if r.lowest is not None else ""
        rows.append(
            (
                Stage(r.mark.stage).label,
                r.mark.title,
                timezone.localdate(r.closed_at).isoformat(),
                r.agreed_value,
                r.agreed_note,
                spread,
                _("yes") if r.mark.hidden else "",
            )
        )
    header = [
        _("Stage"),
        _("Mark"),
        _("Date agreed"),
        _("Agreed score"),
        _("Why"),
        _("Spread"),
        _("Mark hidden"),
    ]
    return _csv(header, rows)


def actions_csv(project: Project) -> str:
    """One row per action, in the order of the plan by stage. 2 queries."""
    actions = list(actions_of(project))
    rows = []
    for _label, group in by_stage(actions):
        for a in group:
            rows.append(
                (
                    Stage(a.mark.stage).label if a.mark else "",
                    a.mark.title if a.mark else "",
                    a.text,
                    a.get_kind_display(),
                    owners_text(a),
                    a.due.isoformat() if a.due else "",
                    a.get_status_display(),
                    str(a.created_by.display_name) if a.created_by else "",
                    timezone.localdate(a.created_at).isoformat(),
                    timezone.localdate(a.updated_at).isoformat(),
                )
            )
    header = [
        _("Stage"),
        _("Mark"),
        _("Action"),
        _("What kind"),
        _("Who"),
        _("By when"),
        _("Status"),
        _("Added by"),
        _("Added on"),
        _("Last changed"),
    ]
    return _csv(header, rows)
