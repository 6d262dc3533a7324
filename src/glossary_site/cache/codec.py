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
        members = {member.value: member for member in kind}
        return members.__getitem__  # KeyError, TypeError: no such value
    simple: dict[Any, Decoder] = {
        bool: functools.partial(_expect, bool),
        int: _integer,
        str: functools.partial(_expect, str),
        Path: lambda data: _path(_expect(str, data)),
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
    simple = _INLINE_TYPES.get(item_type)
    if simple is not None:  # tuple[str, ...]: checked in one loop, no call per item
        plain = item_type

        def decode_plain_items(data: Any) -> Any:
            if type(data) is not list:
                raise CodecError(f"expected a list of {simple}, found {type(data).__name__}")
            for value in data:
                if type(value) is not plain:
                    raise CodecError(f"expected {simple}, found {type(value).__name__}")
            return origin(data)

        return decode_plain_items
    item = _decoder(item_type)
    if origin is tuple:
        return lambda data: tuple([item(value) for value in _expect(list, data)])
    return lambda data: origin([item(value) for value in _expect(list, data)])


def _fixed_tuple(item_types: tuple[Any, ...]) -> Decoder:
    if all(item_type in _INLINE_TYPES for item_type in item_types):
        return _plain_tuple(item_types)
    items = [_decoder(item_type) for item_type in item_types]

    def decode_items(data: Any) -> tuple[Any, ...]:
        values = _expect(list, data)
        if len(values) != len(items):
            raise CodecError(f"expected {len(items)} items, found {len(values)}")
        return tuple(item(value) for item, value in zip(items, values, strict=True))

    return decode_items


# Field types checked inline by a dataclass's decoder (the rest call their own decoder).
_INLINE_TYPES: dict[Any, str] = {str: "str", int: "int", bool: "bool"}


def _plain_tuple(item_types: tuple[Any, ...]) -> Decoder:
    """A decoder written for a tuple of plain values, such as ``tuple[str, int]``."""
    names = [f"v{number}" for number in range(len(item_types))]
    checks = " or ".join(
        f"type({name}) is not {_INLINE_TYPES[item_type]}"
        for name, item_type in zip(names, item_types, strict=True)
    )
    source = "\n".join(
        [
            "def decode_plain(data):",
            f"    if type(data) is not list or len(data) != {len(names)}:",
            f"        raise CodecError('expected a list of {len(names)} items')",
            f"    {', '.join(names)}, = data",
            f"    if {checks or 'False'}:",
            "        raise CodecError('an item of the wrong type')",
            f"    return ({', '.join(names)},)",
        ]
    )
    scope: dict[str, Any] = {"CodecError": CodecError}
    exec(source, scope)  # our own source, made from type hints
    return typing.cast(Decoder, scope["decode_plain"])


def _dataclass(kind: type) -> Decoder:
    """A decoder written for ``kind``: one function that checks each field in place.

    Decoding is the hot part of a warm build (every cached term, every build), so the
    checks of plain fields are inlined rather than called field by field; ``type(x) is
    int`` refuses ``bool`` as ``_integer`` does.
    """
    hints = typing.get_type_hints(kind)
    names = [field.name for field in dataclasses.fields(kind)]
    decoders: list[Decoder] = []  # filled on first use: a dataclass may hold itself
    lines = [
        "def decode_fields(data):",
        f"    if type(data) is not list or len(data) != {len(names)}:",
        "        raise CodecError(_count(data))",
        f"    {', '.join(f'v{i}' for i in range(len(names)))}, = data",
        "    if not decoders:",
        "        decoders.extend(_decoder(hints[name]) for name in names)",
    ]
    for number, name in enumerate(names):
        simple = _INLINE_TYPES.get(hints[name])
        if simple is not None:
            lines.append(f"    if type(v{number}) is not {simple}:")
            lines.append(
                f"        raise CodecError({f'{kind.__name__}.{name}: expected {simple}'!r})"
            )
        else:
            lines.append(f"    v{number} = decoders[{number}](v{number})")
    lines.append(f"    return kind({', '.join(f'v{i}' for i in range(len(names)))})")

    def count(data: Any) -> str:
        found = f"{len(data)} fields" if isinstance(data, list) else type(data).__name__
        return f"{kind.__name__}: expected {len(names)} fields, found {found}"

    scope: dict[str, Any] = {
        "CodecError": CodecError,
        "_count": count,
        "_decoder": _decoder,
        "decoders": decoders,
        "hints": hints,
        "names": names,
        "kind": kind,
    }
    exec("\n".join(lines), scope)
    return typing.cast(Decoder, scope["decode_fields"])


@functools.lru_cache(maxsize=1 << 16)
def _path(text: str) -> Path:
    """One ``Path`` per string (paths are immutable): a term's file and the files its
    references and problems name recur across the entries of a build."""
    return Path(text)


def _integer(data: Any) -> int:
    if isinstance(data, bool):
        raise CodecError("expected int, found bool")
    return _expect(int, data)


def _expect(kind: type[T], data: Any) -> T:
    if not isinstance(data, kind):
        raise CodecError(f"expected {kind.__name__}, found {type(data).__name__}")
    return data
