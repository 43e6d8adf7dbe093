"""Record classes that are cheap to define (start-up time).

``@record`` on a class with annotated fields gives what
``@dataclasses.dataclass(frozen=True, slots=True)`` gives, for the plain records pytlc
declares by the dozen (the AST's nodes): ``__slots__``; an ``__init__`` taking the fields
in order, positionally or by name, with their defaults; ``==`` and ``hash`` over the fields
that take part in comparisons; ``repr``; immutability
(:class:`dataclasses.FrozenInstanceError`); pickling and copying; ``__match_args__``; and
``__dataclass_fields__``, so :func:`dataclasses.fields`, :func:`dataclasses.replace` and
:func:`dataclasses.is_dataclass` work on records as on dataclasses.

``@mutable_record`` gives what a plain ``@dataclasses.dataclass`` gives: the same
``__init__``, ``==`` and ``repr``, fields that can be assigned, instances with a
``__dict__`` (attributes beyond the fields may be set, as on a dataclass) and no hash.

Why: the dataclass decorator compiles up to six small functions per class, which made
defining the AST's fifty node classes a fifth of the time of a whole ``pytlc`` run on a
small spec, and the thirty other classes of a run a tenth. A record compiles one function
(its ``__init__``, when the first instance is made); the other methods are shared by every
record class and read the class's field tuples.

A field's default is written ``name: T = value`` or, for more, with :func:`field`
(``default``, ``default_factory``, ``compare``, ``repr``). No ``__post_init__``,
inheritance of fields or ordering: records that need those stay dataclasses. This module
does not import ``dataclasses`` (with the ``inspect`` it imports, a tenth of a small run):
``__dataclass_fields__`` is made the first time a ``dataclasses`` function asks for it, and
:func:`replace` copies a record with some fields changed without it.
"""
from __future__ import annotations

from operator import attrgetter

__all__ = ["record", "mutable_record", "field", "replace"]


class _Missing:
    """No default given."""

    def __repr__(self) -> str:
        return "MISSING"


_MISSING = _Missing()
_set = object.__setattr__


class _Factory:
    """The default of a parameter whose field is made by a factory when not given."""


_FACTORY = _Factory()


class Field:
    """A record field's options (the :class:`dataclasses.Field` that ``dataclasses``
    functions see is made from it when they first ask, see ``_DataclassFields``)."""
    __slots__ = ("name", "type", "default", "default_factory", "compare", "repr")

    def __init__(self, default=_MISSING, default_factory=_MISSING, compare: bool = True,
                 repr: bool = True):
        self.name = self.type = None
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr


def field(*, default=_MISSING, default_factory=_MISSING, compare: bool = True,
          repr: bool = True) -> Field:
    """A field's options, as :func:`dataclasses.field` takes them."""
    return Field(default, default_factory, compare, repr)


def _field_of(given) -> Field:
    """The options of a field from what its class body gave it: a default, a ``field()``,
    or the ``dataclasses.field()`` of a caller that imported dataclasses anyway."""
    if type(given) is Field:
        return given
    if type(given).__name__ == "Field" and type(given).__module__ == "dataclasses":
        import dataclasses
        def own(value):
            return _MISSING if value is dataclasses.MISSING else value
        return Field(own(given.default), own(given.default_factory), given.compare,
                     given.repr)
    return Field(given)


class _DataclassFields:
    """The class attribute ``__dataclass_fields__``, made on first use: importing
    ``dataclasses`` (and the ``inspect`` it imports) costs a run more than the records do,
    and only the ``dataclasses`` functions read it."""

    def __init__(self, fields: dict):
        self.fields = fields

    def __get__(self, obj, cls):
        import dataclasses
        made = {}
        for name, f in self.fields.items():
            d = dataclasses.field(
                default=dataclasses.MISSING if f.default is _MISSING else f.default,
                default_factory=dataclasses.MISSING if f.default_factory is _MISSING
                else f.default_factory, compare=f.compare, repr=f.repr)
            d.name, d.type = name, f.type
            d._field_type = dataclasses._FIELD      # what dataclasses.fields() lists
            made[name] = d
        type.__setattr__(cls, "__dataclass_fields__", made)
        return made


def replace(obj, **changes):
    """A copy of record ``obj`` whose fields named in ``changes`` hold the values given
    there (``dataclasses.replace`` for records, without importing ``dataclasses``)."""
    cls = obj.__class__
    values = {name: getattr(obj, name) for name in cls.__match_args__}
    for name in changes:
        if name not in values:
            raise TypeError(f"{cls.__qualname__} has no field {name!r}")
    values.update(changes)
    return cls(**values)


def _no_fields(_record) -> tuple:
    return ()


def _eq(self, other):
    if other.__class__ is self.__class__:
        key = self.__record_key__
        return key(self) == key(other)
    return NotImplemented


def _hash(self) -> int:
    return hash(self.__record_key__(self))


def _repr(self) -> str:
    parts = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{self.__class__.__qualname__}({parts})"


def _setattr(self, name, value):
    from dataclasses import FrozenInstanceError
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self, name):
    from dataclasses import FrozenInstanceError
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self) -> list:
    return [getattr(self, name) for name in self.__slots__]


def _setstate(self, state) -> None:
    for name, value in zip(self.__slots__, state):
        _set(self, name, value)


def _compiled_init(cls_name: str, names: tuple, fields: dict):
    """The ``__init__`` of a record class (the one function compiled per class)."""
    scope = {"_set": _set, "_FACTORY": _FACTORY}
    params = []
    made = []
    for name in names:
        f = fields[name]
        if f.default_factory is not _MISSING:
            scope["_factory_" + name] = f.default_factory
            params.append(f"{name}=_FACTORY")
            made.append(f"    if {name} is _FACTORY: {name} = _factory_{name}()\n")
        elif f.default is _MISSING:
            params.append(name)
        else:
            scope["_default_" + name] = f.default
            params.append(f"{name}=_default_{name}")
    body = "".join(made) + "".join(f"    _set(self, {name!r}, {name})\n" for name in names) \
        or "    pass\n"
    exec(f"def __init__(self, {', '.join(params)}):\n{body}", scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls_name}.__init__"
    return init


def _init_on_first_use(cls_name: str, names: tuple, fields: dict):
    """An ``__init__`` that compiles the real one when the class is first instantiated and
    puts it in its place: classes of which a run makes no instance (unpickled records are
    not initialized) cost no compilation at all."""
    def __init__(self, *args, **kwargs):
        init = _compiled_init(cls_name, names, fields)
        type.__setattr__(type(self), "__init__", init)
        init(self, *args, **kwargs)
    __init__.__qualname__ = f"{cls_name}.__init__"
    return __init__


def record(cls):
    """The immutable, slotted record class for the annotated class ``cls``."""
    return _make(cls, frozen=True)


def mutable_record(cls):
    """The record class with assignable fields for the annotated class ``cls``."""
    return _make(cls, frozen=False)


def _make(cls, frozen: bool):
    namespace = dict(cls.__dict__)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    annotations = namespace.get("__annotations__", {})
    names = tuple(annotations)
    fields = {}
    for name in names:
        f = _field_of(namespace.pop(name, _MISSING))
        f.name = name
        f.type = annotations[name]
        fields[name] = f
    compared = [name for name in names if fields[name].compare]
    namespace.update(
        __match_args__=names, __dataclass_fields__=_DataclassFields(fields),
        __qualname__=cls.__qualname__,
        __init__=_init_on_first_use(cls.__qualname__, names, fields),
        __record_key__=attrgetter(*compared) if compared else staticmethod(_no_fields),
        __record_repr__=tuple(name for name in names if fields[name].repr),
        __eq__=_eq, __repr__=_repr)
    if frozen:
        namespace.update(__slots__=names, __hash__=_hash, __setattr__=_setattr,
                         __delattr__=_delattr, __getstate__=_getstate,
                         __setstate__=_setstate)
    else:
        namespace["__hash__"] = None    # as a dataclass that compares and is not frozen
    return type(cls)(cls.__name__, cls.__bases__, namespace)
