"""The meeting screen: a page for a shared screen or projector that follows the agenda.

It shows the item the meeting is on and the one after it: a mark's scoring round (who has
scored, then the reveal), the lake's timer, the check-in question, the icebreaker. A
facilitator starts the meeting and moves to the next item (or back) from their own device;
every screen follows by polling. The old address of the screen still answers.

May import ``meetings``' models, services, selectors and parts, ``marks``' scoring context
and the lake's timer; the planning pages and the agenda, beside it, never import this folder.
"""
