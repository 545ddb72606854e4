"""`python -m newsflow` runs the command-line interface."""

import sys

from newsflow.cli_entry import main

sys.exit(main())
