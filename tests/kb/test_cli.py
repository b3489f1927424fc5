from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.cli import main


@pytest.fixture
def workdir(glossary_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(glossary_copy.parent)
    return glossary_copy


def break_category(glossary: Path, name: str = "outsourcing.yaml") -> Path:
    path = glossary / "terms" / name
    path.write_text(
        path.read_text(encoding="utf-8").replace("category: fundamentals", "category: basics"), encoding="utf-8"
    )
    return path


def test_clean_glossary_exits_0_and_prints_warnings(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == (
        "glossary/terms/call-centre.yaml:6:1: warning missing-translation: expected a 'uk' section translating 'en'; "
        "found none (the site shows the 'en' text with a notice)\n"
        "glossary/terms/contact-centre.yaml:11:1: warning missing-translation: uk.notes: expected a translation of "
        "en.notes; found none\n"
    )
    assert err == "0 errors, 2 warnings\n"


def test_strict_fails_on_warnings(workdir: Path) -> None:
    assert main(["validate", "--strict"]) == 1


def test_errors_exit_1_with_position_and_expectation(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_category(workdir)
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert (
        "glossary/terms/outsourcing.yaml:2:11: error not-allowed-value: category: expected one of fundamentals, "
        "types, functions, operations, pricing-and-contracts, benefits-and-costs, markets, technology, quality; "
        "found 'basics'\n"
    ) in out
    assert err == "1 error, 2 warnings\n"


def test_one_file_is_checked_against_the_whole_glossary(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workdir / "terms" / "outsourcing.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("related: [call-centre]", "related: [call-center]"), encoding="utf-8"
    )
    assert main(["validate", "glossary/terms/outsourcing.yaml"]) == 1
    out, _ = capsys.readouterr()
    assert out == (
        "glossary/terms/outsourcing.yaml:4:11: error unknown-reference: related[0]: expected the id of an "
        "existing glossary concept; found 'call-center' (did you mean 'call-centre'?)\n"
    )


def test_non_ascii_paths(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = workdir / "terms" / "аутсорсинг.yaml"
    shutil.copyfile(workdir / "terms" / "outsourcing.yaml", target)
    assert main(["validate", str(target.relative_to(workdir.parent))]) == 1
    out, _ = capsys.readouterr()
    assert out.startswith("glossary/terms/аутсорсинг.yaml:1:1: error bad-file-name:")


def test_json_format(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_category(workdir)
    assert main(["validate", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 1 and payload["warnings"] == 2
    assert [p["rule"] for p in payload["problems"]] == [
        "missing-translation",
        "missing-translation",
        "not-allowed-value",
    ]


def test_github_format(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_category(workdir)
    assert main(["validate", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith(
        "::error file=glossary/terms/outsourcing.yaml,line=2,col=11,title=not-allowed-value::category: expected one of"
    )


def test_missing_path_is_a_usage_error(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "nowhere.yaml"]) == 2
    assert capsys.readouterr().err == "kb validate: error: no such file or folder: nowhere.yaml\n"


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_console_script_never_shows_a_traceback(workdir: Path) -> None:
    (workdir / "terms" / "binary.yaml").write_bytes(b"\x00\xff\xfe garbage \x89PNG")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "kb"), "validate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "glossary/terms/binary.yaml:1:2: error not-utf8" in result.stdout
    assert "Traceback" not in result.stderr


def test_links_reports_broken_links_with_page_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><body>\n<a href="a/">ok</a>\n<a href="b/#x">bad</a>\n</body></html>\n', encoding="utf-8"
    )
    (tmp_path / "a" / "index.html").write_text(
        '<html><body><a href="../#nowhere">up</a></body></html>\n', encoding="utf-8"
    )
    assert main(["links", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "a/index.html:1: broken link → ../#nowhere (no such anchor)\nindex.html:3: broken link → b/#x (no such file)\n"
    )
    assert err == "2 broken link(s)\n"


def test_links_on_a_clean_site_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "index.html").write_text('<p id="top"><a href="#top">top</a></p>\n', encoding="utf-8")
    assert main(["links", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
