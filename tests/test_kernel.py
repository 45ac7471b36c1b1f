"""The live explorer in a real Jupyter kernel, as JupyterLab runs it: the output carries
the widget view (which JupyterLab shows) and the static page (which the book shows), and
driving a slider's callback moves the lines."""

import nbformat
import pytest

nbclient = pytest.importorskip("nbclient")

CELLS = [
    "import scaling_lab as sl\nex = sl.get_explorer('power-laws/k-n-offset')\nex",
    "live = ex.widget()\nbefore = live.lines['loglog'].get_ydata().copy()\n"
    "live.sliders['n'].value = 0.5\nlive.sliders['offset'].value = 2.0\n"
    "after = live.lines['loglog'].get_ydata()\n"
    "expected = ex.frame(n=0.5, offset=2.0).curves['loglog'][1]\n"
    "print(bool((after == expected).all()), bool((after != before).any()))",
]


def test_live_explorer_in_a_kernel():
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in CELLS])
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3")
    client.execute()
    first = notebook.cells[0].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in first
    assert 'class="sl-explorer"' in first["text/html"]
    assert notebook.cells[1].outputs[0]["text"].strip() == "True True"
