"""`python -m svdesk_app`: the program, as the `svdesk` console script and the frozen app run it."""

import sys

from svdesk_app.main import main

sys.exit(main())
