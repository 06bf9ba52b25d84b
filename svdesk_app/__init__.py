"""svdesk the program: the composition root that puts the Qt GUI (ui/) on the core's command line
(svdesk/), which never names ui/."""
