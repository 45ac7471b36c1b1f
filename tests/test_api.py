"""The public API: a literal __all__, a version, and a docstring with an example for
every exported function and class."""

import inspect
import types

import pytest

import scaling_lab


def test_version():
    assert isinstance(scaling_lab.__version__, str) and scaling_lab.__version__.count(".") == 2


def test_all_is_literal_and_complete():
    assert len(set(scaling_lab.__all__)) == len(scaling_lab.__all__)
    for name in scaling_lab.__all__:
        assert hasattr(scaling_lab, name), name


@pytest.mark.parametrize("name", scaling_lab.__all__)
def test_exported_name_has_a_docstring_with_an_example(name):
    obj = getattr(scaling_lab, name)
    if isinstance(obj, types.ModuleType):
        assert obj.__doc__, f"module {name} has no docstring"
        return
    if not (inspect.isfunction(obj) or inspect.isclass(obj)):
        return  # data (a table of symbols, say) is documented where it is defined
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"
