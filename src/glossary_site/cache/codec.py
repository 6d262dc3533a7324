"""Frozen dataclasses ↔ plain JSON data, checked field by field on the way back.

The cache stores only JSON. Decoding is driven by the dataclasses' own type hints
and rejects anything that does not fit them (``CodecError``), so a cache entry
written by another version or tampered with becomes a miss, never a wrong value
of the wrong type and never code that runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class CodecError(ValueError):
    """Data that does not fit the type it is decoded as."""


def encode(value: object) -> Any:
    """Plain JSON data for a frozen dataclass (and what its fields hold)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str | int | bool) or value is None:
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(encode(item) for item in value)
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode(cls: type[T], data: Any) -> T:
    """The ``cls`` that ``encode`` turned into ``data``; ``CodecError`` when it does not fit."""
    try:
        return typing.cast(T, _decode(cls, data))
    except CodecError:
        raise
    except (TypeError, ValueError, KeyError, RecursionError) as exc:
        raise CodecError(str(exc)) from None


def _decode(kind: Any, data: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin is types.UnionType or origin is typing.Union:
        return _decode_union(typing.get_args(kind), data)
    if origin is tuple:
        item_type = typing.get_args(kind)[0]
        return tuple(_decode(item_type, item) for item in _expect(list, data))
    if origin is frozenset:
        item_type = typing.get_args(kind)[0]
        return frozenset(_decode(item_type, item) for item in _expect(list, data))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _decode_dataclass(kind, data)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind is bool:
        return _expect(bool, data)
    if kind is int:
        if isinstance(data, bool):
            raise CodecError("expected int, found bool")
        return _expect(int, data)
    if kind is str:
        return _expect(str, data)
    if kind is Path:
        return Path(_expect(str, data))
    if kind is dt.date:
        return dt.date.fromisoformat(_expect(str, data))
    raise CodecError(f"cannot decode {kind!r}")


def _decode_union(options: tuple[Any, ...], data: Any) -> Any:
    if data is None:
        if type(None) in options:
            return None
        raise CodecError("unexpected null")
    (kind,) = (option for option in options if option is not type(None))
    return _decode(kind, data)


def _decode_dataclass(kind: type, data: Any) -> Any:
    items = _expect(list, data)
    fields = _fields(kind)
    if len(items) != len(fields):
        raise CodecError(f"{kind.__name__}: expected {len(fields)} fields, found {len(items)}")
    return kind(*(_decode(hint, item) for hint, item in zip(fields, items, strict=True)))


@functools.cache
def _fields(kind: type) -> tuple[Any, ...]:
    hints = typing.get_type_hints(kind)
    return tuple(hints[field.name] for field in dataclasses.fields(kind))


def _expect(kind: type[T], data: Any) -> T:
    if not isinstance(data, kind):
        raise CodecError(f"expected {kind.__name__}, found {type(data).__name__}")
    return data
