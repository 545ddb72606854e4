"""`python -m newsflow` runs the command-line interface; Ctrl-C while it is imported is one
line and exit 130, as in the `newsflow` script."""

try:
    import sys

    from newsflow.cli_entry import main
except KeyboardInterrupt:
    from newsflow.cli_entry import interrupted

    raise SystemExit(interrupted()) from None
sys.exit(main())
