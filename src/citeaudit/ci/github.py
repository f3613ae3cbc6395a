"""The GitHub Action's logic: ``python -m citeaudit.ci.github`` (what ``action.yml`` runs).

It reads the action's inputs from the environment (``INPUT_COMMAND``,
``INPUT_ARGS``, ``INPUT_FORMAT``, ``INPUT_OUTPUT``, ``INPUT_FAIL``,
``INPUT_CACHE_DIR``), runs ``citeaudit`` as a user would, keeps its report in
a file, appends a Markdown summary to ``$GITHUB_STEP_SUMMARY``, sets the
``exit_code`` and ``report`` outputs in ``$GITHUB_OUTPUT``, and exits with
citeaudit's status when ``fail`` is true (0 otherwise).  Progress and errors
go to the job log as they come; a SARIF report's findings also become
annotations at their line of the article.
"""

from __future__ import annotations

import glob
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from citeaudit.ci.summary import job_summary

COMMANDS = ("notes", "links", "archive", "audit", "watch")
"""The citeaudit commands the action can run."""
NETWORK_COMMANDS = ("links", "archive", "audit", "watch add", "watch run")
"""Commands that take ``--cache``: the HTTP and archive cache is kept for them."""
DEFAULT_FORMATS = {"audit": "md", "watch report": "md"}
"""The format asked for when the ``format`` input is empty: Markdown where a command has it,
as it makes the best job summary; other commands keep their own (``--format`` is not passed)."""
EXTENSIONS = {"md": "md", "json": "json", "sarif": "sarif", "junit": "xml", "html": "html",
              "csv": "csv", "text": "txt"}
USAGE = 2


class ActionInputError(ValueError):
    """An input of the action is unusable (reported as a workflow error, exit 2)."""


@attrs.frozen
class Inputs:
    """The action's inputs, as the workflow gave them."""

    command: str
    args: tuple[str, ...] = ()
    format: str = ""
    output: str = ""
    fail: bool = True
    cache_dir: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Inputs:
        """The inputs from ``INPUT_*`` variables; a bad one raises :class:`ActionInputError`."""
        command = " ".join(env.get("INPUT_COMMAND", "").split())
        if not command:
            raise ActionInputError("the 'command' input is empty (try: audit)")
        if command.split()[0] not in COMMANDS:
            raise ActionInputError(
                f"unknown command {command.split()[0]!r}; choose one of {', '.join(COMMANDS)}"
            )
        try:
            args = tuple(shlex.split(env.get("INPUT_ARGS", "")))
        except ValueError as exc:
            raise ActionInputError(f"the 'args' input does not parse: {exc}") from None
        fail = env.get("INPUT_FAIL", "true").strip().lower()
        if fail not in ("true", "false"):
            raise ActionInputError(f"the 'fail' input must be true or false, got {fail!r}")
        return cls(
            command=command,
            args=args,
            format=env.get("INPUT_FORMAT", "").strip() or DEFAULT_FORMATS.get(command, ""),
            output=env.get("INPUT_OUTPUT", "").strip(),
            fail=fail == "true",
            cache_dir=env.get("INPUT_CACHE_DIR", "").strip(),
        )

    def report_path(self) -> str:
        """Where the report goes: ``-o`` among the arguments, the ``output`` input, or a default."""
        for flag in ("-o", "--output"):
            if flag in self.args[:-1]:
                return self.args[self.args.index(flag) + 1]
        if self.output:
            return self.output
        return f"citeaudit-report.{EXTENSIONS.get(self.format or 'text', 'txt')}"

    def argv(self) -> list[str]:
        """The ``citeaudit`` arguments these inputs ask for, file patterns expanded."""
        argv = [*self.command.split(), *expand(self.args)]
        if self.format and "--format" not in self.args:
            argv += ["--format", self.format]
        takes_cache = any(self.command == c or self.command.startswith(c + " ")
                          for c in NETWORK_COMMANDS)
        if self.cache_dir and takes_cache and "--cache" not in self.args:
            argv += ["--cache", self.cache_dir]
        return argv

    def writes_own_output(self) -> bool:
        """Whether the arguments already send the report to a file (``-o``)."""
        return any(flag in self.args for flag in ("-o", "--output"))


def expand(args: Sequence[str]) -> list[str]:
    """``args`` with file patterns (``articles/*.md``) expanded as a shell would.

    The action runs no shell, so the workflow's ``args: articles/*.md`` would
    reach citeaudit as written.  A pattern that matches nothing stays as it is
    (citeaudit then says no such file); flags and URLs are never patterns.
    """
    out: list[str] = []
    for arg in args:
        if arg.startswith("-") or "://" in arg or not glob.has_magic(arg):
            out.append(arg)
            continue
        out += sorted(glob.glob(arg, recursive=True)) or [arg]
    return out


MAX_ANNOTATIONS = 50
"""GitHub shows at most 50 annotations of one kind per step: the rest would be dropped."""
_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def _escape(text: str, *, prop: bool = False) -> str:
    # The escaping GitHub's workflow commands require (properties also escape ":" and ",").
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _workspace_path(uri: str, workspace: str | None) -> str:
    # Annotations name files relative to the checkout; an absolute path inside it is made so.
    if workspace and uri.startswith("/"):
        try:
            return Path(uri).relative_to(workspace).as_posix()
        except ValueError:
            return uri
    return uri


def annotations(report: str, workspace: str | None = None) -> list[str]:
    """``::warning file=…,line=…`` lines for the results of a SARIF report, so each finding
    shows on the article's line in the run (and in a pull request's diff)."""
    try:
        log = json.loads(report)
    except ValueError:
        return []
    if not isinstance(log, dict) or not str(log.get("version", "")).startswith("2.1"):
        return []
    lines = []
    for run in log.get("runs", []):
        for result in run.get("results", []):
            physical = (result.get("locations") or [{}])[0].get("physicalLocation", {})
            uri = _workspace_path(physical.get("artifactLocation", {}).get("uri", ""), workspace)
            region = physical.get("region", {})
            where = [f"file={_escape(uri, prop=True)}"] if uri and "://" not in uri else []
            if where and region:
                where += [f"line={region['startLine']}", f"col={region['startColumn']}"]
            where.append(f"title={_escape('citeaudit ' + result.get('ruleId', ''), prop=True)}")
            level = _LEVELS.get(result.get("level", "warning"), "warning")
            message = _escape(result.get("message", {}).get("text", ""))
            lines.append(f"::{level} {','.join(where)}::{message}")
    return lines[:MAX_ANNOTATIONS]


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def set_outputs(env: Mapping[str, str], **values: str) -> None:
    """Append ``name=value`` lines to ``$GITHUB_OUTPUT`` (values of one line each)."""
    _append(env.get("GITHUB_OUTPUT"), "".join(f"{k}={v}\n" for k, v in values.items()))


def run(env: Mapping[str, str], python: str = sys.executable) -> int:
    """Run the action once; returns the process's exit status (see module doc)."""
    try:
        inputs = Inputs.from_env(env)
    except ActionInputError as exc:
        print(f"::error title=citeaudit::{exc}", flush=True)
        set_outputs(env, exit_code=str(USAGE), report="")
        return USAGE
    report_path = inputs.report_path()
    argv = inputs.argv()
    print("citeaudit " + shlex.join(argv), file=sys.stderr, flush=True)
    Path(report_path).parent.mkdir(parents=True, exist_ok=True)
    command = [python, "-m", "citeaudit", *argv]
    child_env = {**env, "PYTHONUNBUFFERED": "1"}
    if inputs.writes_own_output():
        code = subprocess.run(command, env=child_env, check=False).returncode
    else:
        with open(report_path, "wb") as out:
            code = subprocess.run(command, stdout=out, env=child_env, check=False).returncode
    try:
        report = Path(report_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        report = ""
    _append(env.get("GITHUB_STEP_SUMMARY"), job_summary(inputs.command, code, report,
                                                        report_path))
    set_outputs(env, exit_code=str(code), report=report_path)
    for line in annotations(report, env.get("GITHUB_WORKSPACE")):
        print(line, flush=True)
    if code >= USAGE:
        print(f"::error title=citeaudit::citeaudit {inputs.command} exited {code}: the tool "
              "could not tell (see the log above)", flush=True)
    elif code == 1:
        print(f"::warning title=citeaudit::findings matched --fail-on; report: {report_path}",
              flush=True)
    return code if inputs.fail else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: the action passes everything through the environment."""
    del argv  # inputs come from INPUT_* variables, as GitHub hands them to actions
    return run(os.environ)


if __name__ == "__main__":
    sys.exit(main())
