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
    return _encoder(typing.cast(Any, type(value)))(value)


@functools.cache
def _encoder(kind: type) -> typing.Callable[[Any], Any]:
    """A function that encodes values of type ``kind`` (made once per type: encoding is hot)."""
    if dataclasses.is_dataclass(kind):
        names = [field.name for field in dataclasses.fields(kind)]
        return lambda value: [encode(getattr(value, name)) for name in names]
    if issubclass(kind, enum.Enum):
        return lambda value: value.value
    if issubclass(kind, str | int | bool | type(None)):
        return lambda value: value
    if issubclass(kind, Path):
        return str
    if issubclass(kind, dt.date):
        return lambda value: value.isoformat()
    if issubclass(kind, frozenset):
        return lambda value: sorted(encode(item) for item in value)
    if issubclass(kind, tuple | list):
        return lambda value: [encode(item) for item in value]
    raise TypeError(f"cannot encode {kind.__name__}")


def decode(cls: type[T], data: Any) -> T:
    """The ``cls`` that ``encode`` turned into ``data``; ``CodecError`` when it does not fit."""
    try:
        return typing.cast(T, _decoder(typing.cast(Any, cls))(data))
    except CodecError:
        raise
    except (TypeError, ValueError, KeyError, RecursionError) as exc:
        raise CodecError(str(exc)) from None


Decoder = typing.Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """A function that decodes data of type ``kind`` (made once per type: decoding is hot)."""
    origin = typing.get_origin(kind)
    if origin is types.UnionType or origin is typing.Union:
        return _optional(typing.get_args(kind))
    if origin is tuple or origin is frozenset:
        args = typing.get_args(kind)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return _fixed_tuple(args)  # tuple[str, int]: one type per place
        return _collection(origin, args[0])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    simple: dict[Any, Decoder] = {
        bool: functools.partial(_expect, bool),
        int: _integer,
        str: functools.partial(_expect, str),
        Path: lambda data: Path(_expect(str, data)),
        dt.date: lambda data: dt.date.fromisoformat(_expect(str, data)),
    }
    if kind in simple:
        return simple[kind]
    raise TypeError(f"cannot decode {kind!r}")


def _optional(options: tuple[Any, ...]) -> Decoder:
    (kind,) = (option for option in options if option is not type(None))
    if type(None) not in options:
        raise TypeError(f"cannot decode a union of {options!r}")
    item = _decoder(kind)
    return lambda data: None if data is None else item(data)


def _collection(origin: type, item_type: Any) -> Decoder:
    item = _decoder(item_type)
    return lambda data: origin(item(value) for value in _expect(list, data))


def _fixed_tuple(item_types: tuple[Any, ...]) -> Decoder:
    items = [_decoder(item_type) for item_type in item_types]

    def decode_items(data: Any) -> tuple[Any, ...]:
        values = _expect(list, data)
        if len(values) != len(items):
            raise CodecError(f"expected {len(items)} items, found {len(values)}")
        return tuple(item(value) for item, value in zip(items, values, strict=True))

    return decode_items


def _dataclass(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    names = [field.name for field in dataclasses.fields(kind)]
    fields: list[Decoder] = []

    def decode_fields(data: Any) -> Any:
        items = _expect(list, data)
        if len(items) != len(names):
            raise CodecError(f"{kind.__name__}: expected {len(names)} fields, found {len(items)}")
        if not fields:  # filled on first use: a dataclass may hold itself (TocEntry)
            fields.extend(_decoder(hints[name]) for name in names)
        return kind(*[field(item) for field, item in zip(fields, items, strict=True)])

    return decode_fields


def _integer(data: Any) -> int:
    if isinstance(data, bool):
        raise CodecError("expected int, found bool")
    return _expect(int, data)


def _expect(kind: type[T], data: Any) -> T:
    if not isinstance(data, kind):
        raise CodecError(f"expected {kind.__name__}, found {type(data).__name__}")
    return data
