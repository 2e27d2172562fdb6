"""Run dipdiff as ``python -m dipdiff``."""

from dipdiff.cli import main

main()
