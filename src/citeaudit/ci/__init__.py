"""citeaudit where CI runs: the GitHub Action's logic, the job summary, pre-commit hooks,
and the body of the issue a scheduled watch run opens.

* :mod:`citeaudit.ci.github` — ``python -m citeaudit.ci.github``, what ``action.yml`` runs;
* :mod:`citeaudit.ci.summary` — the Markdown job summary of any report format;
* :mod:`citeaudit.ci.precommit` — the ``citeaudit-notes`` and ``citeaudit-links`` hooks;
* :mod:`citeaudit.ci.issue` — the issue a weekly ``watch run`` opens or updates.
"""
