"""The self-study reader's downloads: the wheel and notebooks that run outside the repo.

The site carries the package (a wheel) and every chapter as a notebook for plain
JupyterLab. These tests read what the build wrote, then do what the "Run the chapters
yourself" page tells a reader to do: install the wheel into a fresh virtual environment
outside the repository and run a downloaded notebook from end to end.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sitetools import IN_CI, SITE, require

import scaling_lab

pytestmark = pytest.mark.site

DOWNLOADS = SITE / "downloads"
WHEEL = DOWNLOADS / f"scaling_lab-{scaling_lab.__version__}-py3-none-any.whl"
ZIP = DOWNLOADS / "scaling-lab-notebooks.zip"
ROLE = re.compile(r"\{(glue|eq|cite|doc|ref|numref|prf:ref)(:[a-z]+)?\}`")
DIRECTIVE = re.compile(r"^(```|:::)\{", re.M)


@pytest.fixture(scope="module", autouse=True)
def built():
    require((SITE / "index.html").exists(), "the site is not built: run 'make book' first")


def notebooks() -> dict[str, dict]:
    with zipfile.ZipFile(ZIP) as bundle:
        return {Path(name).stem: json.loads(bundle.read(name))
                for name in bundle.namelist() if name.endswith(".ipynb")}


def text(cell) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def test_the_site_carries_the_wheel_and_the_notebooks():
    assert WHEEL.is_file() and ZIP.is_file()
    with zipfile.ZipFile(WHEEL) as wheel:
        names = wheel.namelist()
    assert "scaling_lab/__init__.py" in names
    assert "scaling_lab/data/austen.txt.gz" in names  # the data travel with the package
    assert {"power-laws", "zipf", "kaplan", "chinchilla"} <= set(notebooks())


def test_the_run_page_links_to_both_files():
    page = (SITE / "book" / "run-yourself.html").read_text(encoding="utf-8")
    for target in (WHEEL, ZIP):
        href = f"../downloads/{target.name}"
        assert f'href="{href}"' in page, href
        assert (SITE / "book" / href).resolve() == target.resolve()
    assert "&lt;this repository&gt;" not in page and "<this repository>" not in page


@pytest.mark.parametrize("name", ["power-laws", "zipf", "kaplan", "chinchilla",
                                  "quantization", "limits"])
def test_a_downloaded_notebook_reads_in_plain_jupyterlab(name):
    nb = notebooks()[name]
    markdown = "\n".join(text(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert not ROLE.search(markdown), ROLE.search(markdown).group(0)
    assert not DIRECTIVE.search(markdown), DIRECTIVE.search(markdown).group(0)
    assert "widgets" not in nb["metadata"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for cell in code:
        source = text(cell)
        if "from myst_nb import glue" in source:
            assert "except ImportError" in source, "myst-nb must not be required"
    solutions = [c for c in code if c["metadata"].get("jupyter", {}).get("outputs_hidden")]
    assert len(solutions) >= 4, "every exercise's solution is present and collapsed"
    assert all(not c["outputs"] for c in solutions), "solutions carry no outputs"
    shown = [c for c in code if c not in solutions]
    assert not any("Correct" in json.dumps(c["outputs"]) for c in shown if
                   "check(" in text(c))


def test_the_theme_download_is_the_reader_notebook():
    served = json.loads((SITE / "_sources" / "book" / "zipf.ipynb").read_text())
    assert served == notebooks()["zipf"]


def test_wheel_and_notebook_run_outside_the_repository(tmp_path):
    """Install the wheel into a fresh venv (dependencies from the package index) and run
    the power-laws notebook with nbclient, from a folder outside the repository."""
    if sys.platform == "win32":
        pytest.skip("the page's steps are written for a POSIX shell")
    venv = tmp_path / "reader-env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(WHEEL), "ipywidgets", "ipykernel", "nbclient"],
        capture_output=True, text=True, timeout=900)
    if install.returncode != 0 and not IN_CI and "network" in install.stderr.lower():
        pytest.skip(f"no package index reachable: {install.stderr[-300:]}")
    assert install.returncode == 0, install.stderr[-2000:]
    folder = tmp_path / "my-notebooks"
    with zipfile.ZipFile(ZIP) as bundle:
        bundle.extractall(folder)
    notebook = folder / "scaling-lab-notebooks" / "power-laws.ipynb"
    script = (  # run it, then ask the kernel where its scaling_lab came from
        "import nbformat, nbclient, sys\n"
        "nb = nbformat.read(sys.argv[1], as_version=4)\n"
        "nb.cells.append(nbformat.v4.new_code_cell("
        "'import scaling_lab, sys; print(scaling_lab.__file__, sys.executable)'))\n"
        "nbclient.NotebookClient(nb, timeout=300, kernel_name='python3',\n"
        "    resources={'metadata': {'path': sys.argv[2]}}).execute()\n"
        "print(nb.cells[-1].outputs[0]['text'])\n"
    )
    run = subprocess.run([str(python), "-c", script, str(notebook), str(notebook.parent)],
                         capture_output=True, text=True, cwd=folder, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert str(venv) in run.stdout, run.stdout  # the wheel's package, not the repository's
