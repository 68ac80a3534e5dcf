"""Adding a ground rule and changing its wording, keeping every earlier wording."""

from django.db import transaction

from accounts.models import User
from projects.models import Activity, GroundRule, GroundRuleRevision, Project
from projects.services import StaleEdit, record_activity


@transaction.atomic
def ground_rule_add(*, project: Project, author: User, text: str) -> GroundRule:
    rule = GroundRule.objects.create(project=project, text=text, created_by=author)
    GroundRuleRevision.objects.create(rule=rule, text=text, version=1, edited_by=author)
    record_activity(project=project, actor=author, kind=Activity.Kind.RULE_ADDED, detail=text)
    return rule


@transaction.atomic
def ground_rule_edit(*, rule: GroundRule, editor: User, base_version: int, text: str) -> GroundRule:
    new_version = base_version + 1
    updated = GroundRule.objects.filter(pk=rule.pk, version=base_version).update(
        version=new_version, text=text
    )
    if not updated:
        raise StaleEdit
    GroundRuleRevision.objects.create(rule=rule, text=text, version=new_version, edited_by=editor)
    record_activity(project=rule.project, actor=editor, kind=Activity.Kind.RULE_EDITED, detail=text)
    rule.refresh_from_db()
    return rule
