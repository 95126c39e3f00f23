"""Value classes declared like dataclasses, without code compiled at import.

`dataclasses` writes each class's `__init__`, `__repr__`, `__eq__` and `__hash__` as Python
source and compiles it when the class is defined. In the reader's browser that compile runs in
WebAssembly on the way to a first visit's result: importing `calculators.api` (about 30 such
classes with what it needs) took 83 ms in Pyodide under Node, 26 ms with the methods below
(medians of 5; README, "Packaging for Pyodide"). These methods are shared by every class and
read the class's field list, so nothing is compiled.

What the calculators use of dataclasses, and nothing more:
- fields are the class's annotated names, in order, after its base classes' (a name a subclass
  annotates again keeps its place and takes the subclass's default);
- defaults are class attributes; `factory(f)` gives each instance its own `f()`;
- instances are built from positional or keyword arguments, then `__post_init__` runs if the
  class has one;
- equality, hash and repr by fields; frozen by default (`valueclass(frozen=False)` for a
  mutable one, which is then unhashable, as with dataclasses);
- `replace(obj, **changes)`.
"""

from dataclasses import FrozenInstanceError

try:  # Python 3.14 (Pyodide) evaluates annotations lazily
    from annotationlib import Format, get_annotations

    def _own_names(cls: type) -> list[str]:
        return list(get_annotations(cls, format=Format.FORWARDREF))

except ImportError:  # older CPython (the build and the tests): a plain dict

    def _own_names(cls: type) -> list[str]:
        return list(cls.__dict__.get("__annotations__", {}))


class factory:
    """A default made afresh for each instance: `notices: list = factory(list)`."""

    def __init__(self, make):
        self.make = make


_NO_DEFAULT = object()


def _fields_of(cls: type) -> tuple[tuple[str, ...], dict]:
    names: list[str] = []
    defaults: dict = {}
    for base in reversed(cls.__mro__[1:]):
        inherited = base.__dict__.get("__value_fields__")
        if inherited:
            for name in inherited:
                if name not in names:
                    names.append(name)
            defaults.update(base.__value_defaults__)
    for name in _own_names(cls):
        if name not in names:
            names.append(name)
        if name in cls.__dict__:
            defaults[name] = cls.__dict__[name]
    required_after_default = [n for i, n in enumerate(names) if n not in defaults and any(m in defaults for m in names[:i])]
    if required_after_default:
        raise TypeError(f"{cls.__name__}: field {required_after_default[0]!r} without a default follows one with a default")
    return tuple(names), defaults


def _make_init(cls: type, names: tuple[str, ...], defaults: dict):
    count = len(names)
    post_init = getattr(cls, "__post_init__", None)

    def __init__(self, *args, **kwargs):
        if len(args) == count and not kwargs:  # the common case, in one C-level update
            self.__dict__.update(zip(names, args))
        else:
            if len(args) > count:
                raise TypeError(f"{cls.__name__}() takes {count} arguments, {len(args)} were given")
            values = dict(zip(names, args))
            for name, value in kwargs.items():
                if name not in names:
                    raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
                if name in values:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
                values[name] = value
            for name in names[len(args) :]:
                if name in values:
                    continue
                default = defaults.get(name, _NO_DEFAULT)
                if default is _NO_DEFAULT:
                    raise TypeError(f"{cls.__name__}() missing required argument {name!r}")
                values[name] = default.make() if isinstance(default, factory) else default
            self.__dict__.update({name: values[name] for name in names})  # in field order
        if post_init is not None:
            self.__post_init__()

    return __init__


def _values(obj) -> tuple:
    d = obj.__dict__
    return tuple(d[name] for name in obj.__value_fields__)


def _repr(self) -> str:
    inner = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self.__value_fields__)
    return f"{type(self).__qualname__}({inner})"


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self) -> int:
    return hash(_values(self))


def _frozen_setattr(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def valueclass(cls: type | None = None, /, *, frozen: bool = True):
    """Class decorator: `@valueclass` (frozen) or `@valueclass(frozen=False)`."""

    def wrap(cls: type) -> type:
        names, defaults = _fields_of(cls)
        for name, default in defaults.items():
            if isinstance(default, factory) and name in cls.__dict__:
                delattr(cls, name)  # as dataclasses does: no shared default on the class
        cls.__value_fields__ = names
        cls.__value_defaults__ = defaults
        cls.__init__ = _make_init(cls, names, defaults)
        cls.__repr__ = _repr
        cls.__eq__ = _eq
        if frozen:
            cls.__hash__ = _hash
            cls.__setattr__ = _frozen_setattr
            cls.__delattr__ = _frozen_delattr
        else:
            cls.__hash__ = None
        return cls

    return wrap if cls is None else wrap(cls)


def replace(obj, /, **changes):
    """A copy of `obj` with some fields changed (its __post_init__ runs again)."""
    values = {name: obj.__dict__[name] for name in obj.__value_fields__}
    values.update(changes)
    return type(obj)(**values)


def is_valueclass(cls) -> bool:
    return isinstance(cls, type) and "__value_fields__" in cls.__dict__
