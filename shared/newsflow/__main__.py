"""`python -m newsflow` runs the command-line interface."""

import sys

from newsflow.cli import main

sys.exit(main())
