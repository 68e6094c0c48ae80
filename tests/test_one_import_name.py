"""One import name: code, tests and docs use only grantstack.* names; the wheel installs only `grantstack`."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUBPACKAGES = ("models", "optimizer", "scenarios", "benchmarks")
"""The repository's top-level folders that install as grantstack.<name>, never as <name>."""
SKIP = {".venv", ".venv-latest", ".git", "build", "dist", ".cache", "node_modules", "__pycache__"}


def _files(*suffixes: str) -> list[Path]:
    out = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP and not d.endswith(".egg-info")]
        out += [Path(folder) / n for n in names if n.endswith(suffixes)]
    return sorted(out)


def _bare_imports(path: Path, base: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str) and getattr(node.func, "attr", getattr(node.func, "id", "")) in \
                {"import_module", "__import__"}:
            names = [node.args[0].value]
        found += [f"{path.relative_to(base)}:{node.lineno}: {n}" for n in names if n.split(".")[0] in SUBPACKAGES]
    return found


def test_no_bare_imports_in_code_and_tests() -> None:
    files = _files(".py")
    assert len(files) > 100
    bad = [hit for f in files for hit in _bare_imports(f)]
    assert not bad, "import these as grantstack.<name>:\n" + "\n".join(bad)


def test_the_scan_catches_a_bare_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom optimizer.solve import plan\nimport models.firm as f\n"
                     "importlib.import_module('benchmarks.cli')\nfrom grantstack.models import firm\n")
    assert _bare_imports(probe, tmp_path) == ["probe.py:2: optimizer.solve", "probe.py:3: models.firm",
                                              "probe.py:4: benchmarks.cli"]


def test_docs_and_scripts_use_grantstack_names() -> None:
    pattern = re.compile(rf"python3? -m ({'|'.join(SUBPACKAGES)})\b|^\s*(?:from|import) ({'|'.join(SUBPACKAGES)})\b",
                         re.M)
    texts = [*_files(".md"), ROOT / "Makefile", ROOT / "dev.py", ROOT / ".ci" / "run", ROOT / "pyproject.toml"]
    bad = [f"{p.relative_to(ROOT)}: {m.group(0).strip()}" for p in texts if p.exists()
           for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    assert not bad, bad


def test_importing_everything_loads_no_top_level_subpackage() -> None:
    code = ("import sys, grantstack, grantstack.cli, grantstack.api, grantstack.batch, grantstack.benchmarks.cli, "
            "grantstack.optimizer.solve, grantstack.scenarios.executor\n"
            f"print(sorted(set({SUBPACKAGES!r}) & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"  # a copy, so that the build leaves no build/ folder in the repository
    shutil.copytree(ROOT, source, ignore=lambda d, names: [n for n in names if n in SKIP or n.endswith(".egg-info")])
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                            "--wheel-dir", str(out), str(source)], capture_output=True, text=True, timeout=170)
    assert build.returncode == 0, build.stderr
    (found,) = out.glob("grantstack-*.whl")
    return found


def test_the_wheel_holds_only_the_grantstack_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"grantstack", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}, tops
    for data in ("grantstack/scenarios/catalogue/", "grantstack/scenarios/firms/", "grantstack/benchmarks/instances/"):
        assert any(n.startswith(data) for n in names), data
    for module in ("grantstack/api.py", "grantstack/models/firm.py", "grantstack/optimizer/solve.py",
                   "grantstack/scenarios/executor.py", "grantstack/benchmarks/cli.py"):
        assert module in names, module


NOT_SHIPPED = ("benchmarks/results/", ".gitignore")
"""Repository files under the package folders that the wheel leaves out on purpose (measured results)."""


def test_the_wheel_holds_every_module_template_and_data_file(wheel: Path) -> None:
    """A subpackage or data folder missing from pyproject's lists would be missing for every pip user."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = []
    for top in ("grantstack", *SUBPACKAGES):
        for folder, dirs, files in os.walk(ROOT / top):
            dirs[:] = [d for d in dirs if d not in SKIP]
            for name in files:
                rel = (Path(folder) / name).relative_to(ROOT).as_posix()
                if not rel.startswith(NOT_SHIPPED) and not name.endswith((".pyc", NOT_SHIPPED[1])):
                    expected.append(rel if top == "grantstack" else f"grantstack/{rel}")
    assert len(expected) > 300 and "grantstack/whatif/templates/compare.html.j2" in expected
    missing = sorted(set(expected) - names)
    assert not missing, f"{len(missing)} file(s) not in the wheel (pyproject packages/package-data): {missing[:20]}"


def test_installed_beside_a_users_own_models_and_benchmarks(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False, system_site_packages=True)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # Reuse this environment's dependencies (not its editable grantstack: a path line runs no .pth finder).
    (site / "test_env_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                              "--quiet", str(wheel)], capture_output=True, text=True, timeout=170)
    assert install.returncode == 0, install.stderr
    assert sorted(p.name for p in site.iterdir() if not p.name.endswith((".dist-info", ".pth"))
                  and p.name != "__pycache__") == ["grantstack"]
    work = tmp_path / "project"
    (work / "benchmarks").mkdir(parents=True)
    (work / "models.py").write_text("WHO = 'the user'\n")
    (work / "benchmarks" / "__init__.py").write_text("WHO = 'the user too'\n")
    firm = ROOT / "scenarios" / "firms" / "shijingshan_ss_sme.yaml"
    code = ("import models, benchmarks, grantstack, grantstack.models.firm, grantstack.benchmarks.cli\n"
            "assert models.WHO == 'the user' and benchmarks.WHO == 'the user too'\n"
            f"assert grantstack.__file__.startswith({str(site)!r}), grantstack.__file__\n"
            f"assert grantstack.models.firm.__file__.startswith({str(site)!r})\n"
            f"r = grantstack.plan({str(firm)!r})\n"
            "print(r.status, r.total_yuan, grantstack.__version__)\n")
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=work, timeout=170,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["OPTIMAL", "800000", "0.1.0"]
    cli = subprocess.run([str(python), "-m", "grantstack", "--version"], capture_output=True, text=True, cwd=work,
                         timeout=120)
    assert cli.stdout == "grantstack 0.1.0\n", cli.stderr
