"""Real kb processes: an import killed with SIGKILL at every step, and writers running at once.

``KB_WRITE_PAUSE`` slows each step of a write down (see ``kb.transaction``), so that a kill can
be aimed at the middle of the renames by watching the staging folder.
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_GLOSSARY
from kb.export.tabular import render_csv
from kb.model import Language
from kb.translation import FieldState, field_statuses
from kb.validation import validate_glossary

KB = str(Path(sys.executable).parent / "kb")
PAUSE = "0.02"
STAGING = ".kb-transaction"
JOURNAL = "journal.json"
#: The uk cells the big import changes, one file each.
EDITED = [
    ("call-centre", "term", "кол-центр"),
    ("contact-centre", "definition", "Кол-центр, що також опрацьовує пошту, чати й соцмережі."),
    ("efficiency", "definition", "Виконання роботи з меншими витратами."),
    ("gig-economy", "definition", "Робота з коротких завдань з оплатою за кожне."),
    ("outsourcing", "definition", "Передання роботи сторонній компанії."),
    ("yield", "definition", "Частка продукції, що відповідає стандарту."),
]


@dataclass(frozen=True)
class Scenario:
    sheet: Path
    old: dict[str, bytes]
    new: dict[str, bytes]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes, the lock left aside."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != ".kb.lock"
    }


def sheet_with(rows: list[list[str]], edits: list[tuple[str, str, str]], path: Path) -> Path:
    """The header and, for each edit, its row with the new uk cell."""
    header = rows.index(["id", "field", "en", "uk", "status"])
    chosen = [list(next(row for row in rows if row[:2] == [i, field])) for i, field, _ in edits]
    for row, (_, _, text) in zip(chosen, edits, strict=True):
        row[3] = text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([rows[header], *chosen])
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    return path


def exported_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(render_csv(validate_glossary(FIXTURE_GLOSSARY).glossary).lstrip("\ufeff"))))


def fresh(folder: Path) -> Path:
    glossary = folder / "glossary"
    shutil.copytree(FIXTURE_GLOSSARY, glossary)
    return glossary


def kb(*args: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [KB, *args],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    work = tmp_path_factory.mktemp("writers")
    sheet = sheet_with(exported_rows(), EDITED, work / "edit.csv")
    glossary = fresh(work)
    code, _, err = finished(kb("import", str(sheet), "--glossary", "glossary", cwd=work))
    assert code == 0, err
    assert err == f"{len(EDITED)} file(s) changed\n"
    return Scenario(sheet, snapshot(FIXTURE_GLOSSARY), snapshot(glossary))


def staged_count(glossary: Path) -> int | None:
    """How many staged files are left, or None when there is no staging folder."""
    try:
        return sum(name.endswith(".staged") for name in os.listdir(glossary / STAGING))
    except FileNotFoundError:
        return None


def left_behind(glossary: Path) -> str:
    """What a killed writer left, in words."""
    count = staged_count(glossary)
    if count is None:
        return "no staging folder"
    if (glossary / STAGING / JOURNAL).exists():
        return f"journal, {len(EDITED) - count} of {len(EDITED)} renamed"
    return f"{count} staged, no journal"


def kill_when(process: subprocess.Popen[str], glossary: Path, point: tuple[str, int], rng: random.Random) -> str:
    """SIGKILL the process at ``point``; what it left, or "finished" when it ended first."""
    kind, number = point
    deadline = time.monotonic() + (rng.uniform(0.0, 1.2) if kind == "random" else 20.0)
    while process.poll() is None and time.monotonic() < deadline:
        count = staged_count(glossary)
        committed = (glossary / STAGING / JOURNAL).exists()
        if kind == "staged" and count is not None and (count >= number or committed):
            break
        if kind == "renamed" and committed and count is not None and len(EDITED) - count >= number:
            break
        time.sleep(0.001)
    if process.poll() is not None:
        process.communicate()
        return "finished"
    process.send_signal(signal.SIGKILL)
    process.communicate()
    return left_behind(glossary)


def assert_clean(glossary: Path) -> None:
    """Every YAML file parses, and nothing a writer uses is left."""
    assert not (glossary / STAGING).exists()
    assert [path for path in glossary.rglob("*") if path.name.endswith(".tmp")] == []
    for path in glossary.rglob("*.yaml"):
        yaml.safe_load(path.read_text(encoding="utf-8"))


def validated(cwd: Path, **env: str) -> None:
    code, out, err = finished(kb("validate", "glossary", cwd=cwd, **env))
    assert code == 0, out + err
    assert "Traceback" not in err


def test_a_killed_import_leaves_the_old_or_the_new_glossary(scenario: Scenario, tmp_path: Path) -> None:
    rng = random.Random(20240611)
    # Killed after the first, a middle and the last file staged; before any rename, after the
    # first, in the middle, before and after the last; and twice at a random moment.
    last, middle = len(EDITED), len(EDITED) // 2
    points = [
        *(("staged", j) for j in (1, middle, last)),
        *(("renamed", k) for k in (0, 1, middle, last - 1, last)),
        *(("random", 0) for _ in range(2)),
    ]
    seen: Counter[tuple[str, str]] = Counter()
    for run, point in enumerate(points):
        glossary = fresh(tmp_path / f"run-{run}")
        process = kb("import", str(scenario.sheet), "--glossary", "glossary", cwd=glossary.parent, KB_WRITE_PAUSE=PAUSE)
        left = kill_when(process, glossary, point, rng)
        validated(glossary.parent)
        assert_clean(glossary)
        after = snapshot(glossary)
        assert after in (scenario.old, scenario.new), left
        seen[(left, "new" if after == scenario.new else "old")] += 1
    print("\nkilled import → state after kb validate:", *sorted(seen.items()), sep="\n  ")
    assert {state for _, state in seen} == {"old", "new"}
    ends = (f"journal, 0 of {len(EDITED)} renamed", f"journal, {len(EDITED)} of {len(EDITED)} renamed")
    assert [left for left, _ in seen if left.startswith("journal,") and left not in ends], "no kill between renames"
    assert all(state == "new" for left, state in seen if left.startswith("journal,"))
    assert all(state == "old" for left, state in seen if left.endswith("no journal"))


def test_a_recovery_killed_part_way_is_finished_by_the_next_command(scenario: Scenario, tmp_path: Path) -> None:
    for renamed in (1, 3):
        glossary = fresh(tmp_path / f"renamed-{renamed}")
        process = kb("import", str(scenario.sheet), "--glossary", "glossary", cwd=glossary.parent, KB_WRITE_PAUSE=PAUSE)
        first = kill_when(process, glossary, ("renamed", renamed), random.Random(0))
        assert first.startswith("journal,"), first
        recovery = kb("validate", "glossary", cwd=glossary.parent, KB_WRITE_PAUSE="0.05")
        second = kill_when(recovery, glossary, ("renamed", renamed + 2), random.Random(0))
        assert second.startswith("journal,"), second
        validated(glossary.parent)
        assert_clean(glossary)
        assert snapshot(glossary) == scenario.new


def test_stray_temporary_files_are_deleted_by_the_next_command(tmp_path: Path) -> None:
    glossary = fresh(tmp_path)
    (glossary / "terms" / ".outsourcing.yaml.k2j_9x0q.tmp").write_bytes(b"id: outsourcing\nen:\n  te")
    (glossary / ".sources.yaml.abcdefgh.tmp").write_bytes(b"")
    validated(tmp_path)
    assert_clean(glossary)
    assert snapshot(glossary) == snapshot(FIXTURE_GLOSSARY)


def uk_text(glossary: Path, concept_id: str, field: str) -> str | None:
    return getattr(validate_glossary(glossary).glossary.concepts[concept_id].text(Language.UK), field)


@pytest.mark.parametrize("offset", [0.0, 0.2])
def test_an_import_and_a_stamp_at_once_both_take_effect(scenario: Scenario, tmp_path: Path, offset: float) -> None:
    glossary = fresh(tmp_path)
    importer = kb("import", str(scenario.sheet), "--glossary", "glossary", cwd=tmp_path)
    time.sleep(offset)
    stamper = kb("stamp", "--all", "--glossary", "glossary", cwd=tmp_path)
    imported, stamped = finished(importer), finished(stamper)
    assert imported[0] == 0 and imported[2].endswith(f"{len(EDITED)} file(s) changed\n"), imported
    assert stamped[0] == 0, stamped
    assert [uk_text(glossary, concept_id, field) for concept_id, field, _ in EDITED] == [t for _, _, t in EDITED]
    statuses = field_statuses(validate_glossary(glossary).glossary)
    assert [f"{s.entry.id} {s.field}" for s in statuses if s.state is FieldState.STALE] == []


@pytest.mark.parametrize("offset", [0.0, 0.2])
def test_two_imports_at_once_both_take_effect(tmp_path: Path, offset: float) -> None:
    rows = exported_rows()
    first = [("outsourcing", "notes", "Часто кажуть «аутсорс»."), EDITED[1]]
    second = [("outsourcing", "definition", "Передання роботи іншій компанії."), EDITED[5]]
    glossary = fresh(tmp_path)
    one = kb("import", str(sheet_with(rows, first, tmp_path / "one.csv")), "--glossary", "glossary", cwd=tmp_path)
    time.sleep(offset)
    two = kb("import", str(sheet_with(rows, second, tmp_path / "two.csv")), "--glossary", "glossary", cwd=tmp_path)
    assert [finished(one)[0], finished(two)[0]] == [0, 0]
    assert [uk_text(glossary, i, field) for i, field, _ in [*first, *second]] == [t for _, _, t in [*first, *second]]


def test_a_writer_kept_waiting_is_refused_and_says_why(scenario: Scenario, tmp_path: Path) -> None:
    glossary = fresh(tmp_path)
    slow = kb("import", str(scenario.sheet), "--glossary", "glossary", cwd=tmp_path, KB_WRITE_PAUSE="0.1")
    while staged_count(glossary) is None:  # the importer holds the lock from before it stages
        assert slow.poll() is None
        time.sleep(0.005)
    refused = finished(kb("stamp", "--all", "--glossary", "glossary", cwd=tmp_path, KB_LOCK_WAIT="0.2"))
    assert refused == (
        1,
        "",
        f"kb stamp: another kb command (kb import, pid {slow.pid}) is writing glossary/ "
        "(lock glossary/.kb.lock); try again when it has finished\n",
    )
    validated(tmp_path)  # a reader waits for the writer, then sees its whole change
    assert snapshot(glossary) == scenario.new
    assert finished(slow)[0] == 0
