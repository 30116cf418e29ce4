"""Read a centre's YAML file and validate it, reporting every problem with file and line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarbool import ScalarBoolean

from macturnos.config import messages as m
from macturnos.config.checks import Loc, cross_check, field_path
from macturnos.config.errors import ConfigError, ConfigIssue
from macturnos.config.models import (
    CONTEXT_BASE_DIR,
    CONTEXT_CROSS_CHECKED,
    SCHEMA_VERSION,
    CentreConfig,
)
from macturnos.messages import t

DEFAULT_FILENAME = "<texto>"
_DUPLICATE_KEY_RE = re.compile(r'duplicate key "([^"]*)"')

# Limits against hostile or mistaken files (issue 15): the same loader runs on
# POST /config/reload. A real centre file is some tens of KB (the Lima Norte
# demo, 31 KB) and a few thousand values; a 10 MB file took a minute and printed
# 300,000 errors, and a 31 KB file of nested aliases (a "billion laughs") grew
# to 3.3 GB when expanded. ruamel reads about 60 KB a second here, so the cap
# keeps the worst file to seconds.
MAX_FILE_BYTES = 512 * 1024
MAX_VALUES = 200_000
"""Values (mappings, lists and scalars) after aliases are expanded."""
MAX_DEPTH = 40
MAX_ISSUES = 50
"""Problems listed; the rest are counted in one last line."""


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves an impossible date as text.

    ruamel builds a date for anything shaped like one and raised a bare
    ValueError for 2026-02-30, with no file, line or field; as text it reaches
    validation and is reported where it is, like any other wrong date.
    """

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _Oversized(Exception):
    """The document passed MAX_FILE_BYTES, MAX_VALUES or MAX_DEPTH."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class _Composer(Composer):
    """Composer that stops at MAX_DEPTH levels of nesting.

    ruamel composes recursively: [[[[...]]]] thousands deep took seconds to end
    in a RecursionError; this refuses it at the line where it goes too deep.
    """

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.parser.peek_event().start_mark
                raise _Oversized(t(m.TOO_DEEP, limit=MAX_DEPTH), mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_centre(path: str | Path) -> CentreConfig:
    """Load and validate a centre's configuration file; raise ConfigError listing all issues."""
    file = Path(path)
    name = str(path)
    try:
        text = _read_text(file)
    except _Oversized as exc:
        raise ConfigError([ConfigIssue(name, None, "", exc.reason)]) from exc
    except FileNotFoundError as exc:
        raise ConfigError([ConfigIssue(name, None, "", t(m.FILE_NOT_FOUND))]) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError([ConfigIssue(name, None, "", t(m.FILE_NOT_UTF8))]) from exc
    except OSError as exc:
        reason = t(m.FILE_UNREADABLE, error=exc.strerror or exc)
        raise ConfigError([ConfigIssue(name, None, "", reason)]) from exc
    return _parse(text, name, file.resolve().parent)


def _read_text(file: Path) -> str:
    """The file's text, refused before reading when it is too large."""
    if file.is_file() and file.stat().st_size > MAX_FILE_BYTES:
        raise _Oversized(t(m.FILE_TOO_LARGE, limit=MAX_FILE_BYTES // 1024))
    return file.read_text(encoding="utf-8")


def parse_centre(text: str, filename: str = DEFAULT_FILENAME) -> CentreConfig:
    """Validate a centre's configuration given as YAML text; raise ConfigError listing all issues."""
    return _parse(text, filename, None)


def _parse(text: str, filename: str, base_dir: Path | None) -> CentreConfig:
    if len(text) > MAX_FILE_BYTES:
        reason = t(m.FILE_TOO_LARGE, limit=MAX_FILE_BYTES // 1024)
        raise ConfigError([ConfigIssue(filename, None, "", reason)])
    root = _read_yaml(text, filename)
    _check_schema_version(root, filename)
    try:
        data = _to_plain(root, _Budget())
    except _Oversized as exc:
        raise ConfigError([ConfigIssue(filename, None, "", exc.reason)]) from exc
    problems: list[tuple[Loc, str]] = []
    config: CentreConfig | None = None
    try:
        config = CentreConfig.model_validate(
            data, context={CONTEXT_CROSS_CHECKED: True, CONTEXT_BASE_DIR: base_dir}
        )
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc))
    problems.extend(cross_check(data))
    if problems:
        issues = _issues(root, filename, problems)
        raise ConfigError(issues)
    assert config is not None  # validation either returned a model or raised
    return config


def _pydantic_problems(exc: ValidationError) -> list[tuple[Loc, str]]:
    """Located Spanish reasons of a validation failure, without knock-on length errors."""
    errors = exc.errors()
    locs = [tuple(error["loc"]) for error in errors]
    problems: list[tuple[Loc, str]] = []
    for loc, error in zip(locs, errors, strict=True):
        # pydantic drops invalid items before checking a list's minimum length, so a list
        # whose only item is wrong would also be called "too short"; that is noise.
        if error["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in locs
        ):
            continue
        problems.append((loc, _reason(error)))
    return problems


def _read_yaml(text: str, filename: str) -> CommentedMap:
    """Parse YAML text in round-trip mode, which keeps the line of every key and item."""
    yaml = YAML(typ="rt")  # one instance per call: ruamel's loader keeps state
    yaml.Constructor = _Constructor
    yaml.Composer = _Composer
    try:
        root = yaml.load(text)
    except DuplicateKeyError as exc:
        block = exc.context_mark.line + 1 if exc.context_mark is not None else "?"
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        found = _DUPLICATE_KEY_RE.search(str(exc.problem or ""))
        reason = t(m.YAML_DUPLICATE_KEY, key=found.group(1) if found else "?", line=block)
        raise ConfigError([ConfigIssue(filename, line, "", reason)]) from exc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = "; ".join(part for part in (exc.context, exc.problem) if part)
        reason = t(m.YAML_SYNTAX, detail=detail)
        raise ConfigError([ConfigIssue(filename, line, "", reason)]) from exc
    except YAMLError as exc:
        reason = t(m.YAML_SYNTAX, detail=exc)
        raise ConfigError([ConfigIssue(filename, None, "", reason)]) from exc
    except _Oversized as exc:
        raise ConfigError([ConfigIssue(filename, exc.line, "", exc.reason)]) from exc
    if root is None:
        raise ConfigError([ConfigIssue(filename, None, "", t(m.EMPTY_FILE))])
    if not isinstance(root, CommentedMap):
        raise ConfigError([ConfigIssue(filename, 1, "", t(m.ROOT_NOT_MAPPING))])
    return root


def _check_schema_version(root: CommentedMap, filename: str) -> None:
    """Refuse a file of another schema version before judging its content."""
    if "schema_version" not in root:
        reason = t(m.SCHEMA_MISSING, supported=SCHEMA_VERSION)
        raise ConfigError([ConfigIssue(filename, None, "schema_version", reason)])
    found = root["schema_version"]
    if isinstance(found, bool) or found != SCHEMA_VERSION:
        line = root.lc.key("schema_version")[0] + 1
        reason = t(m.SCHEMA_UNSUPPORTED, found=found, supported=SCHEMA_VERSION)
        raise ConfigError([ConfigIssue(filename, line, "schema_version", reason)])


class _Budget:
    """How many values and how deep the copy may still go (aliases expand here)."""

    def __init__(self) -> None:
        self.values = 0

    def spend(self, depth: int) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Oversized(t(m.TOO_MANY_VALUES, limit=MAX_VALUES))
        if depth > MAX_DEPTH:
            raise _Oversized(t(m.TOO_DEEP, limit=MAX_DEPTH))


def _to_plain(node: Any, budget: _Budget, depth: int = 0) -> Any:
    """Copy ruamel's round-trip containers and scalar subclasses into plain Python values."""
    budget.spend(depth)
    if isinstance(node, Mapping):
        return {
            _to_plain(key, budget, depth + 1): _to_plain(value, budget, depth + 1)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_to_plain(item, budget, depth + 1) for item in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, ScalarBoolean):  # an anchored boolean; it subclasses int
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, dt.datetime):
        return dt.datetime.combine(node.date(), node.time(), node.tzinfo)
    return node


def _line_of(root: CommentedMap, loc: Loc) -> int | None:
    """1-based line of the deepest key or item of `loc` present in the file."""
    node: Any = root
    line: int | None = None
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def _issues(
    root: CommentedMap, filename: str, problems: list[tuple[Loc, str]]
) -> list[ConfigIssue]:
    """Locate problems in the file, drop exact repeats and order them by line."""
    issues: dict[ConfigIssue, None] = {}
    for loc, reason in problems:
        issues[ConfigIssue(filename, _line_of(root, loc), field_path(loc), reason)] = None
    ordered = sorted(issues, key=lambda issue: (issue.line or 0, issue.field))
    if len(ordered) <= MAX_ISSUES:
        return ordered
    # Hundreds of thousands of lines help nobody: the first ones and a count.
    rest = ConfigIssue(filename, None, "", t(m.MORE_ERRORS, count=len(ordered) - MAX_ISSUES))
    return [*ordered[:MAX_ISSUES], rest]


_SIMPLE_REASONS = {
    "missing": m.MISSING,
    "extra_forbidden": m.UNKNOWN_KEY,
    "int_type": m.NOT_INTEGER,
    "int_parsing": m.NOT_INTEGER,
    "int_from_float": m.NOT_INTEGER,
    "float_type": m.NOT_NUMBER,
    "float_parsing": m.NOT_NUMBER,
    "bool_type": m.NOT_BOOL,
    "bool_parsing": m.NOT_BOOL,
    "string_type": m.NOT_TEXT,
    "list_type": m.NOT_LIST,
    "tuple_type": m.NOT_LIST,
    "model_type": m.NOT_MAPPING,
    "model_attributes_type": m.NOT_MAPPING,
    "dict_type": m.NOT_MAPPING,
    "path_type": m.NOT_PATH,
    "time_type": m.NOT_TIME,
    "time_parsing": m.NOT_TIME,
    "date_type": m.NOT_DATE,
    "date_parsing": m.NOT_DATE,
    "date_from_datetime_parsing": m.NOT_DATE,
    "date_from_datetime_inexact": m.NOT_DATE,
}

_LIMIT_REASONS = {
    "greater_than": (m.GREATER_THAN, "gt"),
    "greater_than_equal": (m.GREATER_EQUAL, "ge"),
    "less_than": (m.LESS_THAN, "lt"),
    "less_than_equal": (m.LESS_EQUAL, "le"),
}


def _reason(error: ErrorDetails) -> str:
    """Spanish reason for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "macturnos_config":
        return error["msg"]  # already translated where it was raised
    if kind in _SIMPLE_REASONS:
        return t(_SIMPLE_REASONS[kind])
    if kind in _LIMIT_REASONS:
        message, key = _LIMIT_REASONS[kind]
        return t(message, limit=ctx.get(key))
    if kind == "string_too_short":
        return t(m.TOO_SHORT_TEXT, min_length=ctx.get("min_length"))
    if kind == "string_too_long":
        return t(m.TOO_LONG_TEXT, max_length=ctx.get("max_length"))
    if kind == "too_short":
        return t(m.TOO_FEW_ITEMS, min_length=ctx.get("min_length"))
    if kind == "too_long":
        return t(m.TOO_MANY_ITEMS, max_length=ctx.get("max_length"))
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return t(m.ONE_OF, expected=expected)
    return t(m.INVALID_VALUE_DETAIL, detail=kind)
