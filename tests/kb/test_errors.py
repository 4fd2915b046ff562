"""The library's one error tree: every error under exactly one base, all drawn in the docstring."""

from __future__ import annotations

import inspect

import kb.errors
from kb.errors import InvalidInput, KBError, Misconfigured, NotFound, Unavailable

BASES = (InvalidInput, NotFound, Unavailable, Misconfigured)


def library_errors() -> list[type[KBError]]:
    return [
        value
        for value in vars(kb.errors).values()
        if inspect.isclass(value) and issubclass(value, KBError) and value is not KBError
    ]


def test_every_error_is_under_exactly_one_base() -> None:
    errors = [error for error in library_errors() if error not in BASES]

    assert len(errors) >= 25
    bases_of = {
        error.__name__: [base for base in BASES if issubclass(error, base)] for error in errors
    }
    assert {name: bases for name, bases in bases_of.items() if len(bases) != 1} == {}


def test_the_docstring_draws_every_error() -> None:
    tree = kb.errors.__doc__ or ""

    assert [error.__name__ for error in library_errors() if error.__name__ not in tree] == []


def test_no_module_outside_errors_defines_a_library_error() -> None:
    import pkgutil
    from importlib import import_module

    import kb

    defined_elsewhere = []
    for module_info in pkgutil.walk_packages(kb.__path__, "kb."):
        if module_info.name == "kb.errors" or module_info.name.startswith(
            ("kb.store.migrations", "kb.site.mkdocs_hooks")
        ):
            continue  # the tree itself; files Alembic and MkDocs load, not imported alone
        module = import_module(module_info.name)
        defined_elsewhere += [
            f"{module_info.name}.{name}"
            for name, value in vars(module).items()
            if inspect.isclass(value)
            and issubclass(value, KBError)
            and value.__module__ == module_info.name
        ]

    assert defined_elsewhere == []
