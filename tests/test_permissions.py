"""The permission matrix: every URL in the URLconf, for every kind of visitor.

The URLs are read from the URLconf itself, so a view added later cannot
escape: a project URL that is missing from ``EXPECTED`` fails
``test_every_url_is_in_the_matrix`` with a message saying where to add it.

Each cell is the status a person gets. ``LOGIN`` means "sent to the sign-in
page, and brought back afterwards" (a 302 to the login URL with ``next``).
Non-members get 404, never 403: a project's existence is not revealed.
POST-only views answer GET with 405. POSTs are sent with an empty body: the
matrix checks who may reach a view; tests/test_projects.py checks what the
view does with real input.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from projects.models import GroundRule, Invitation, Membership
from projects.rules.services import ground_rule_add

from .every_url import PROJECT_ARGUMENTS, SAMPLES, URLS, arguments, sample_kwargs, url_for
from .factories import add_member, make_project, make_user

LOGIN = "login"
ROLES = ("anonymous", "outsider", "co_producer", "facilitator")

# name: {"GET": (anonymous, outsider, co_producer, facilitator), "POST": (...)}
EXPECTED: dict[str, dict[str, tuple]] = {
    "projects:list": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # An outsider can start a project of their own; an empty form is sent back (400).
    "projects:create": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 400, 400, 400)},
    "projects:home": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # Any member may edit the aims; an empty POST is a form with errors (400).
    "projects:edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "projects:history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "projects:members": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # A missing role is refused with a message on the members page (redirect).
    "projects:member_role": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "projects:member_remove": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 302)},
    # The co-producer may leave; the only facilitator may not (400 with a reason).
    "projects:leave": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 302, 400)},
    "invitations:invitations": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 400)},
    "invitations:invitation_email": {
        "GET": (LOGIN, 405, 405, 405),
        "POST": (LOGIN, 404, 403, 400),
    },
    "invitations:invitation_revoke": {
        "GET": (LOGIN, 405, 405, 405),
        "POST": (LOGIN, 404, 403, 302),
    },
    "rules:rules": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "rules:rule_agree": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "rules:rule_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "rules:rule_history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # The settings forms carry the version they were drawn from: an empty POST is an
    # out-of-date form (400), like the edit pages.
    "projects:settings": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 400)},
    # Any member may download the whole project as one file.
    "portability:export": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "report:report": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # A person's own data and account: anyone signed in; an empty delete form is refused (400).
    "people:data": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "people:delete": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 400, 400, 400)},
    # Shown after deleting, when the person is already signed out.
    "people:deleted": {"GET": (200, 200, 200, 200), "POST": (405, 405, 405, 405)},
    # Each person's own choice for live pages: an empty form means "off" to both, and is saved.
    "live:save": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 302, 302, 302)},
    "people:words_for_you": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # Choosing a language is for everyone, signed in or not: an empty choice is refused (400).
    "language:choose": {"GET": (200, 200, 200, 200), "POST": (400, 400, 400, 400)},
    # The co-producer opens their own certificate; only facilitators write its personal line.
    "certificates:certificate": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 403, 400)},
    # The join page is for people who are not members yet: members go to the project,
    # anyone else may join with a working link (anonymous: through sign-up first).
    "invitations:join": {"GET": (200, 200, 302, 302), "POST": (302, 302, 302, 302)},
    # Completing: each member makes their own stay-in-touch choices (an empty POST means
    # "no" to both, and is saved); only facilitators write updates; anyone thanks anyone.
    "completing:touch": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 302, 302)},
    "completing:updates": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 403, 400)},
    "completing:thanks": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    # What helps each member take part: their own page (an empty form is sent back, 400),
    # removing it, and the list, which a co-producer reads without what isn't theirs to see.
    "taking_part:mine": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "taking_part:remove": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    # A break is each member's own: an empty form is sent back (400; the sample facilitator
    # is the only one, so can't pause); coming back when not on a break just goes home.
    "breaks:take": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "breaks:back": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "taking_part:shared": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # Thanks to you from all your projects: anyone signed in has this page.
    "completing:my_thanks": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # The stop link in update emails works without signing in: the signed token is the key.
    "completing:unsubscribe": {"GET": (200, 200, 200, 200), "POST": (200, 200, 200, 200)},
    # Marks: every member works on marks and notes alike; the panel and stage pages
    # answer only GET. Empty POSTs are forms with errors (400) or a plain redirect.
    "marks:stages_panel": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "marks:stage": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # GET sends you to the add form on the stage page.
    "marks:mark_add": {"GET": (LOGIN, 404, 302, 302), "POST": (LOGIN, 404, 400, 400)},
    "marks:mark": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "marks:mark_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "marks:mark_history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "marks:mark_hide": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "marks:mark_show": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "marks:mark_move": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "marks:note_add": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    # Only a note's author may change it: the sample note is the co-producer's.
    "marks:note_edit": {"GET": (LOGIN, 404, 200, 403), "POST": (LOGIN, 404, 400, 403)},
    "marks:note_delete": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 403)},
    "marks:note_restore": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 403)},
    "marks:note_history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # Scoring: facilitators run rounds unless the project lets any member; all may score.
    "scoring:round_open": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "scoring:round_poll": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "scoring:score": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    # Any member may add a score someone else gave them, while the round is open.
    "scoring:score_for": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "scoring:round_reveal": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "scoring:round_agree": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "scoring:scoring_settings": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 400)},
    # Review: every member reads the benchmark and plan, downloads the CSVs, and adds
    # and updates actions. Empty POSTs are forms with errors (400).
    "actions:benchmark": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:score_history_csv": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:action_plan": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:actions_csv": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:action_add": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "actions:action_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "actions:action_status": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    # Check-ins: any member starts, answers and closes one. An empty answer sheet is 400;
    # starting and closing need no input and redirect to the check-in.
    # Deciding together: any member proposes, responds and adds to the log; only the proposer
    # (the co-producer here) or a facilitator closes a proposal or replies to objections.
    "proposals:proposals": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "proposals:proposal_new": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "proposals:proposal": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    # Few responses: closing asks first (200) with the confirm page.
    "proposals:proposal_close": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 200, 200)},
    # Still open: a reply to objections waits for the close (redirect with a message).
    "proposals:proposal_reply": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "proposals:proposal_poll": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "decision_log:log": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "decision_log:decision_new": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "decision_log:decision_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "decision_log:decision_history": {
        "GET": (LOGIN, 404, 200, 200),
        "POST": (LOGIN, 405, 405, 405),
    },
    "how_we_decide:how_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "how_we_decide:how_agree": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    # Meetings: any member proposes one and answers; only facilitators choose the time, and
    # where and how is for facilitators and the member who proposed it (here, the
    # facilitator). The sample meeting's time is set, so an empty answer is refused (400).
    "meetings:meetings": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "meetings:propose": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "meetings:email_choice": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "meetings:meeting": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "meetings:poll": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "meetings:choose": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 400)},
    "meetings:place": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 302)},
    "meetings:attendance": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    "meetings:thoughts": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    "meetings:calendar": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "meetings:end": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    # After a meeting: the sample meeting's time is set, but it hasn't ended, so nobody
    # has a check-out to give yet (400); support contacts are changed by facilitators.
    "after:contacts": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 403, 400)},
    "after:contact_remove": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "after:check_out": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "after:check_out_remove": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "after:notes_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "after:notes_history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # The agenda: any member suggests (an empty suggestion is 400); facilitators order and
    # remove, and a form without the agenda's version is a stale order (409).
    "agenda:agenda": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "agenda:suggest": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    "agenda:order": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 409)},
    "agenda:remove": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 409)},
    # The meeting screen: its old address sends members on (to the meetings, as none is
    # running in the sample); facilitators move it on (an empty step is 400).
    "screen:now": {"GET": (LOGIN, 404, 302, 302), "POST": (LOGIN, 405, 405, 405)},
    "screen:screen": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "screen:poll": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "screen:step": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 400)},
    "checkins:checkins": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "checkins:checkin_start": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "checkins:checkin": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "checkins:checkin_close": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    # The lake: anyone may add, move, remove and bring back post-its.
    "lake:board": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "lake:list": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "lake:poll": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "lake:projector": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "lake:add": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    "lake:timer": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "lake:removed": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "lake:move": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    # Only a post-it's author may change its words: the sample post-it is the co-producer's.
    "lake:edit": {"GET": (LOGIN, 404, 200, 403), "POST": (LOGIN, 404, 400, 403)},
    "lake:delete": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "lake:restore": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "lake:history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "lake:from_note": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    # Our words: any member adds, changes and removes the group's words. Empty POSTs are
    # forms with errors (400); removing and adding the common words redirect.
    "words:words": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "words:term_add": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    "words:term_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "words:term_remove": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "words:term_history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "words:starters_add": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "words:avoid_add": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
    "words:avoid_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "words:avoid_remove": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    # Setting aside: any member may ask for a look (an empty request is a request without a
    # name or a note); only facilitators set aside, put back and answer requests unless the
    # project lets any member set aside. The sample set-aside post-it is the co-producer's,
    # so only they read it on their own page, change it (an empty change is 400) or accept.
    "lake:set_aside": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "setting_aside:item": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "setting_aside:ask": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "setting_aside:set": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 400)},
    "setting_aside:kept": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 405, 405, 405)},
    "setting_aside:put_back": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "setting_aside:look_keep": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "setting_aside:yours": {"GET": (LOGIN, 404, 200, 403), "POST": (LOGIN, 404, 400, 403)},
    "setting_aside:accept": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 403)},
    # Your own words set aside, in every project: anyone signed in has this page.
    "setting_aside:mine": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # The group's answer to an idea (the sample post-it): facilitators record it; an empty
    # POST is an out-of-date form (400).
    "answers:answer": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 400)},
    # The answers to your own ideas, in every project: anyone signed in has this page.
    "answers:mine": {"GET": (LOGIN, 200, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    # Payments: every member reads the terms; facilitators write them and name who handles
    # payments (the sample facilitator does). A claim, its receipt and its invoice are for
    # its owner (the co-producer) and the handlers; only the owner changes it (anyone else
    # gets 404, as if it did not exist). The sample claim is sent, so it can't be changed.
    "payment_terms:terms": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "payment_terms:edit": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 400)},
    "payment_terms:history": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "claims:mine": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    # The facilitator has made no choice yet, so is sent back to say how to be paid first.
    "claims:start": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 302)},
    "claims:claim": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "claims:add_meeting": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 404)},
    "claims:add_time": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 404)},
    "claims:add_expense": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 404)},
    "claims:send": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 404)},
    "claims:line_remove": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 302, 404)},
    "claims:receipt": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "invoices:invoice": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "handling:handlers": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 404, 403, 302)},
    "handling:waiting": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 405, 405, 405)},
    "handling:approve": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 302)},
    "handling:ask": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 400)},
    "handling:paid": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 403, 400)},
    "invoices:csv": {"GET": (LOGIN, 404, 403, 200), "POST": (LOGIN, 405, 405, 405)},
}

# Views only the people who handle payments may use: their 403 says so.
HANDLER_ONLY = {
    "handling:waiting",
    "handling:approve",
    "handling:ask",
    "handling:paid",
    "invoices:csv",
}

# Views only the author of the thing may use, whatever their role.
AUTHOR_ONLY = {
    "marks:note_edit",
    "marks:note_delete",
    "marks:note_restore",
    "lake:edit",
    "setting_aside:yours",
    "setting_aside:accept",
}

# What an author-only view says to anyone else, per app.
AUTHOR_ONLY_MESSAGE = {
    "marks": "Only the member who wrote a note can change or delete it.",
    "lake": "Only the member who wrote a post-it can change its words.",
    "setting_aside": "Only the member who wrote these words can see this page.",
}

# Views a co-producer may not use: their 403 must say why, in plain words.
FACILITATOR_ONLY = {
    "meetings:choose",
    "after:contacts",
    "after:contact_remove",
    "meetings:end",
    "agenda:order",
    "agenda:remove",
    "screen:step",
    # Facilitators, and the member who proposed the meeting (not the sample co-producer).
    "meetings:place",
    "certificates:certificate",
    "projects:member_role",
    "projects:member_remove",
    "invitations:invitations",
    "invitations:invitation_email",
    "invitations:invitation_revoke",
    "projects:settings",
    "completing:updates",
    "scoring:round_open",
    "scoring:round_reveal",
    "scoring:round_agree",
    "scoring:scoring_settings",
    "setting_aside:set",
    "setting_aside:kept",
    "setting_aside:put_back",
    "setting_aside:look_keep",
    "answers:answer",
    "payment_terms:edit",
    "handling:handlers",
}

# URLs that belong to no project: sign-in and account pages, the front page.
OUTSIDE_PROJECTS = {
    "home",
    "robots_txt",
    "favicon",
    "accounts:profile",
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_reauthenticate",
    "account_email",
    "account_email_verification_sent",
    "account_change_password",
    "account_set_password",
    "account_reset_password",
    "account_confirm_login_code",
    "account_confirm_email",
    "account_reset_password_from_key_done",
    "account_reset_password_from_key",
    "account_reset_password_done",
    "account_request_login_code",
    "reauth:code",
    "mfa_index",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
}


def is_project_scoped(name: str | None, pattern: URLPattern) -> bool:
    return bool((name or "").startswith("projects:") or arguments(pattern) & PROJECT_ARGUMENTS)


NAMES = [name for name, _route, _pattern in URLS if name]


# -- the table is complete ---------------------------------------------------


def test_every_url_has_a_name():
    unnamed = [route for name, route, _pattern in URLS if not name]
    assert not unnamed, f"Give these URL patterns a name so the matrix can list them: {unnamed}"


def test_every_url_is_in_the_matrix():
    missing = []
    for name, route, pattern in URLS:
        if name in EXPECTED:
            continue
        if is_project_scoped(name, pattern):
            missing.append(f"{name} ({route}): add it to EXPECTED in tests/test_permissions.py")
        elif name not in OUTSIDE_PROJECTS:
            missing.append(
                f"{name} ({route}): add it to EXPECTED (if it belongs to a project) "
                "or to OUTSIDE_PROJECTS in tests/test_permissions.py"
            )
    assert not missing, "URLs missing from the permission matrix:\n" + "\n".join(missing)


def test_outside_projects_really_are_outside_projects():
    by_name = {name: pattern for name, _route, pattern in URLS if name}
    scoped = [name for name in OUTSIDE_PROJECTS if is_project_scoped(name, by_name[name])]
    assert not scoped, (
        f"These take a project and belong in EXPECTED, not OUTSIDE_PROJECTS: {scoped}"
    )


def test_the_matrix_names_only_urls_that_exist():
    stale = (set(EXPECTED) | OUTSIDE_PROJECTS) - set(NAMES)
    assert not stale, f"The matrix lists URLs the URLconf no longer has: {sorted(stale)}"
    assert not set(EXPECTED) & OUTSIDE_PROJECTS


def test_every_route_argument_has_a_sample():
    unknown = {arg for _name, _route, pattern in URLS for arg in arguments(pattern)} - set(SAMPLES)
    assert not unknown, f"Add a sample value for {sorted(unknown)} to SAMPLES in tests/every_url.py"


# -- the matrix itself -------------------------------------------------------


CELLS = [
    pytest.param(name, method, index, id=f"{name}-{method}-{role}")
    for name in EXPECTED
    for method in ("GET", "POST")
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "index"), CELLS)
def test_permission_matrix(world, name, method, index):
    role = ROLES[index]
    expected = EXPECTED[name][method][index]
    url = url_for(name, world)
    client = world["clients"][role]
    response = client.get(url) if method == "GET" else client.post(url, {})
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} {method} {url}: {response.status_code}"
        location = urlsplit(response["Location"])
        assert location.path == reverse("account_login"), f"{role} {method} {url}"
        assert parse_qs(location.query)["next"] == [url]
        return
    assert response.status_code == expected, (
        f"{role} {method} {url} gave {response.status_code}, the matrix expects {expected}"
    )
    if expected == 403 and name in AUTHOR_ONLY:
        assert AUTHOR_ONLY_MESSAGE[name.split(":")[0]] in (
            response.content.decode().replace("&#x27;", "'")
        )
    elif expected == 403 and name in HANDLER_ONLY:
        assert "Only the people who handle payments for this project can do this." in (
            response.content.decode()
        )
    elif expected == 403:
        assert name in FACILITATOR_ONLY, f"{name} refused a member but is not facilitator-only"
        assert "Only the project&#x27;s facilitators can do this." in response.content.decode()


def test_facilitator_only_views_admit_facilitators_and_refuse_co_producers():
    """Keeps FACILITATOR_ONLY and the matrix saying the same thing."""
    for name in FACILITATOR_ONLY:
        statuses = EXPECTED[name]
        co, fac = 2, 3
        assert 403 in (statuses["GET"][co], statuses["POST"][co]), name
        assert 403 not in (statuses["GET"][fac], statuses["POST"][fac]), name


def test_outsiders_get_the_same_404_for_a_real_project_as_for_none(world):
    """A non-member cannot tell a real project from a number nobody uses."""
    outsider = world["clients"]["outsider"]
    real = outsider.get(reverse("projects:home", args=[world["project"].pk]))
    missing = outsider.get(reverse("projects:home", args=[world["project"].pk + 1000]))
    assert real.status_code == missing.status_code == 404

    # The pages differ only in the CSRF token and the script nonce, new on every response.
    def without_token(content: bytes) -> str:
        text = re.sub(r'"X-CSRFToken": "[^"]+"', "", content.decode())
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
        return re.sub(r'nonce="[^"]+"', "", text)

    assert without_token(real.content) == without_token(missing.content)
    assert "Page not found" in real.content.decode()


# -- objects reached through the wrong project -------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "projects:member_role",
        "projects:member_remove",
        "invitations:invitation_revoke",
        "rules:rule_agree",
        "rules:rule_edit",
        "rules:rule_history",
    ],
)
def test_an_object_of_another_project_is_not_found(world, facilitator, name):
    """The facilitator of two projects can't reach project B's things through project A's URL."""
    other = make_project(facilitator, name="Another group")
    stranger = make_user("Sam Stranger", "sam@example.org")
    other_membership = add_member(other, stranger)
    other_rule = ground_rule_add(project=other, author=facilitator, text="Another rule.")
    other_invitation = Invitation.objects.create(
        project=other, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    pattern = next(p for n, _route, p in URLS if n == name)
    kwargs = sample_kwargs(pattern, world)
    for arg, value in [
        ("membership_id", other_membership.pk),
        ("rule_id", other_rule.pk),
        ("invitation_id", other_invitation.pk),
    ]:
        if arg in kwargs:
            kwargs[arg] = value
    url = reverse(name, kwargs=kwargs)
    client = world["clients"]["facilitator"]
    response = client.post(url, {"role": "facilitator", "agree": "yes", "text": "Changed."})
    if response.status_code == 405:
        response = client.get(url)
    assert response.status_code == 404
    # Nothing in the other project changed.
    other_membership.refresh_from_db()
    other_invitation.refresh_from_db()
    assert other_membership.role == Membership.Role.CO_PRODUCER
    assert other_invitation.revoked_at is None
    assert GroundRule.objects.get(pk=other_rule.pk).text == "Another rule."
    assert not other_rule.agreements.exists()


# -- CSRF ----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_a_post_without_a_csrf_token_is_refused(world, facilitator, name):
    """Every URL, project or not, refuses a forged POST before the view runs."""
    pattern = next(p for n, _route, p in URLS if n == name)
    url = reverse(name, kwargs=sample_kwargs(pattern, world))
    client = Client(enforce_csrf_checks=True)
    client.force_login(facilitator)
    before = (Membership.objects.count(), GroundRule.objects.count(), Invitation.objects.count())
    response = client.post(url, {"role": "facilitator", "text": "Forged", "days": "14"})
    assert response.status_code == 403, f"POST {url} without a CSRF token: {response.status_code}"
    after = (Membership.objects.count(), GroundRule.objects.count(), Invitation.objects.count())
    assert before == after


def test_a_signed_out_post_to_the_join_page_needs_a_csrf_token_too(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("invitations:join", args=[world["invitation"].token]))
    assert response.status_code == 403
