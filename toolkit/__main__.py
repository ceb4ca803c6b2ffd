"""Lets `python -m toolkit` behave exactly like the `sxt` command."""

from toolkit.cli.main import main

main()
