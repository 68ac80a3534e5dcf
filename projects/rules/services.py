"""Adding a ground rule and changing its wording, keeping every earlier wording."""

from django.db import transaction

from accounts.models import User
from projects.activity import record_activity
from projects.models import Activity, GroundRule, GroundRuleRevision, Project
from projects.shared_words.services import words_save


@transaction.atomic
def ground_rule_add(*, project: Project, author: User, text: str) -> GroundRule:
    rule = GroundRule.objects.create(project=project, text=text, created_by=author)
    GroundRuleRevision.objects.create(rule=rule, text=text, version=1, edited_by=author)
    record_activity(project=project, actor=author, kind=Activity.Kind.RULE_ADDED, detail=text)
    return rule


def ground_rule_edit(*, rule: GroundRule, editor: User, base_version: int, text: str) -> GroundRule:
    return words_save(
        item=rule,
        base_version=base_version,
        changes={"text": text},
        project=rule.project,
        actor=editor,
        kind=Activity.Kind.RULE_EDITED,
        detail=text,
        record=record_activity,
    )
