"""``python -m probgen`` runs the same command as the ``probgen`` script."""

from probgen.generator.cli import main

main()
