"""Package exports imported on first use (PEP 562).

``citeaudit links`` and ``citeaudit --help`` should not pay half a second for
the extraction and verification stack (trafilatura, numpy, py3langid) they
never touch, yet ``from citeaudit import audit`` and friends must keep working.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any


def exports(
    package: str, namespace: dict[str, Any], homes: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose names come from their modules.

    ``homes`` maps an exported name to the module defining it; the value is
    cached in ``namespace`` (the package's globals) on first use.  A name that
    is also a submodule's (``citeaudit.audit`` the function, in
    ``citeaudit.audit`` the module) stays the exported value: importing the
    submodule does not replace it, as it would not have with eager imports.
    """
    sys.modules[package].__class__ = _keeping(
        frozenset(n for n, home in homes.items() if home == f"{package}.{n}")
    )

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(homes))

    return __getattr__, __dir__


def _keeping(names: frozenset[str]) -> type[types.ModuleType]:
    class Package(types.ModuleType):
        def __setattr__(self, name: str, value: Any) -> None:
            # The import system binds a freshly loaded submodule on its package;
            # for these names the package's export must win.
            if name in names and isinstance(value, types.ModuleType):
                return
            super().__setattr__(name, value)

    return Package
