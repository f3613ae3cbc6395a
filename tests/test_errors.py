"""Every exception citeaudit raises on purpose is a CiteauditError."""

from __future__ import annotations

import inspect

from citeaudit import errors


def test_every_exception_derives_from_citeaudit_error():
    classes = [obj for _, obj in inspect.getmembers(errors, inspect.isclass)
               if issubclass(obj, BaseException) and obj.__module__ == errors.__name__]
    assert errors.CiteauditError in classes
    for cls in classes:
        assert issubclass(cls, errors.CiteauditError), cls


def test_the_module_docstring_draws_every_exception():
    classes = [name for name, obj in inspect.getmembers(errors, inspect.isclass)
               if obj.__module__ == errors.__name__]
    for name in classes:
        assert name in errors.__doc__, name
