"""`python -m svdesk` runs the command line."""

import sys

from svdesk.cli import main

sys.exit(main())
