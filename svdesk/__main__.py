"""`python -m svdesk` runs the core's command line alone: no GUI, no selftest, no PDF reports (the
full program is `svdesk`, or `python -m svdesk_app`)."""

import sys

from svdesk.cli import main

sys.exit(main())
