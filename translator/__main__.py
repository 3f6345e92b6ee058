"""``python -m translator`` runs the ``amplify-translate`` command."""

from translator.cli import run

run()
