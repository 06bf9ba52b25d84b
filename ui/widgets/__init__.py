"""Reusable pieces of the svdesk front end (banner, step rail, question widgets, note editor...)."""
