"""What meetings/after adds to pages it doesn't own (the meeting page, the meetings list)
without the planning views knowing it: their templates include one of its partials, which
loads these tags. Each tag costs a fixed number of queries."""

from django import template

from meetings.after.context import meeting_part, support_contacts

register = template.Library()


@register.simple_tag
def after_meeting(meeting, user, membership):
    return meeting_part(meeting, user, membership)


@register.simple_tag
def support_contacts_for(project):
    return support_contacts(project.pk)
