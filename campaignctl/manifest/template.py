"""Jinja2 templates, sandboxed. The only module that imports jinja2.

Templates run in an ``ImmutableSandboxedEnvironment`` with a strict
undefined: no attribute starting with ``_``, no Python internals, no
mutation of shared values, and a missing variable is an error that names
it (with a did-you-mean). Template names are POSIX paths relative to the
project root; ``{% include %}``, ``{% import %}`` and ``{% extends %}``
resolve relative to the including template and never leave the project.
Every line of literal template text carries an invisible marker (see
``linemap``) so errors in the rendered YAML point back at the template.
"""

from __future__ import annotations

import posixpath
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial, wraps
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
    nodes,
)
from jinja2.exceptions import SecurityError, TemplateRuntimeError
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing

from campaignctl.manifest import filters, linemap
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.frontmatter import blank_front_matter

_CAPTURING = {"set", "filter"}  # blocks whose text becomes a value, not output
_CAPTURE_ENDS = {"endset", "endfilter"}
MAX_REPEAT = 1_000_000  # characters or items one `*` may build
MAX_EXPONENT = 1_000


# -- what callers get ------------------------------------------------------------
@dataclass(frozen=True)
class Failure:
    """Why a template could not be loaded or rendered, and where."""

    message: str
    file: str  # the template's name relative to the project root
    line: int = 0
    hint: str | None = None


class TemplateFailure(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


@dataclass
class Source:
    """One template file the loader read."""

    name: str  # POSIX path relative to the project root
    path: Path
    lines: list[str]
    columns: dict[int, tuple[str, ...]] | None = None  # line → row columns used
    vars: dict[int, tuple[str, ...]] | None = None  # line → vars used


# -- the environment --------------------------------------------------------------
class Templates:
    """Compiles and renders the templates of one project (cached)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sources: list[Source] = []
        self.by_path: dict[str, int] = {}  # str(path) → template id
        self.env = _Environment(self)

    def name_of(self, path: Path) -> str | None:
        """The template name of a file, or None when it is outside the project."""
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            return None
        return resolved.relative_to(self.root).as_posix()

    def check(self, name: str) -> Failure | None:
        """Load and compile ``name``; the problem, if any."""
        try:
            self.env.get_template(name)
        except TemplateSyntaxError as error:
            return _syntax_failure(error, name)
        except TemplateNotFound as error:
            return Failure(_not_found(error), name)
        return None

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """The marked output for ``context``; raises TemplateFailure."""
        template = self.env.get_template(name)
        try:
            return template.render(context)
        except TemplateSyntaxError as error:
            raise TemplateFailure(_syntax_failure(error, name)) from None
        except _Missing as error:
            raise TemplateFailure(self._missing(error, name, context)) from None
        except RecursionError as error:
            raise TemplateFailure(
                self._located(name, "the template calls itself without end", error)
            ) from None
        except Exception as error:  # every other failure is the template's input
            raise TemplateFailure(self._failure(error, name)) from None

    def id_of(self, name: str) -> int:
        """The id of a loaded template (-1 when it was never loaded)."""
        path = (self.root / name).resolve()
        return self.by_path.get(str(path), -1)

    def source(self, template_id: int) -> Source:
        return self.sources[template_id]

    def columns(self, template_id: int, line: int) -> tuple[str, ...]:
        """Row columns the template line reads (``row.x``, ``row['x']``)."""
        return self._uses(template_id)[0].get(line, ())

    def vars_used(self, template_id: int, line: int) -> tuple[str, ...]:
        return self._uses(template_id)[1].get(line, ())

    def _uses(
        self, template_id: int
    ) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
        source = self.sources[template_id]
        if source.columns is None or source.vars is None:
            text = "\n".join(source.lines)
            try:
                tree = self.env.parse(text, source.name, str(source.path))
            except TemplateSyntaxError:
                tree = None
            source.columns = _reads(tree, "row")
            source.vars = _reads(tree, "vars")
        return source.columns, source.vars

    # -- failures ------------------------------------------------------------------
    def _failure(self, error: Exception, name: str) -> Failure:
        if isinstance(error, filters.FilterError):
            return self._located(name, error.message, error, error.hint)
        if isinstance(error, SecurityError):
            return self._located(
                name,
                f"not allowed in templates: {error}",
                error,
                "templates see values, not Python: no attributes starting "
                "with '_', no internals, no changing shared values",
            )
        if isinstance(error, TemplateNotFound):
            return self._located(name, _not_found(error), error)
        if isinstance(error, UndefinedError):
            return self._located(name, str(error), error)
        text = str(error) or type(error).__name__
        return self._located(name, f"template error: {text}", error)

    def _missing(
        self, error: _Missing, name: str, context: Mapping[str, Any]
    ) -> Failure:
        obj, key = error.obj, error.name
        message = f"{key!r} is undefined"
        hint: str | None = None
        if obj is missing:
            options = [*context, *self.env.globals]
            nested = {
                f"{top}.{k}": k
                for top in ("row", "vars")
                for k in (context.get(top) or {})
            }
            guess = did_you_mean(str(key), options) or _nested_guess(str(key), nested)
        elif isinstance(obj, Mapping):
            keys = [str(k) for k in obj]
            guess = did_you_mean(str(key), keys)
            known = ", ".join(keys) or "none"
            which = "keys"
            if obj is context.get("row"):
                which = "columns of this row"
            elif obj is context.get("vars"):
                which = "vars"
            hint = f"{which}: {known}"
        else:
            guess = None
            message = f"{type(obj).__name__} value has no {key!r}"
        if guess:
            message += f" — {guess}"
        return self._located(name, message, error, hint)

    def _located(
        self,
        name: str,
        message: str,
        error: BaseException | None,
        hint: str | None = None,
    ) -> Failure:
        file, line = name, 0
        frames = traceback.extract_tb(error.__traceback__) if error else []
        for frame in reversed(frames):
            template_id = self.by_path.get(frame.filename)
            if template_id is not None:
                file, line = self.sources[template_id].name, frame.lineno or 0
                break
        return Failure(message, file, line, hint)


def _nested_guess(word: str, nested: Mapping[str, str]) -> str | None:
    for full, short in nested.items():
        if short == word:
            return f"did you mean {full!r}?"
    guess = did_you_mean(word, nested.values())
    if guess is None:
        return None
    short = guess.removeprefix("did you mean ").removesuffix("?").strip("'")
    full = next(f for f, s in nested.items() if s == short)
    return f"did you mean {full!r}?"


def _syntax_failure(error: TemplateSyntaxError, name: str) -> Failure:
    return Failure(
        f"template syntax error: {error.message}",
        error.name or name,
        error.lineno or 0,
        "check the {{ }}, {% %} and {# #} pairs on this line",
    )


def _not_found(error: TemplateNotFound) -> str:
    return error.message or f"template not found: {error.name}"


def _reads(tree: nodes.Template | None, top: str) -> dict[int, tuple[str, ...]]:
    """Template line → names read from the variable ``top`` on that line."""
    found: dict[int, dict[str, None]] = {}
    if tree is None:
        return {}
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        key = _read_key(node, top)
        if key is not None:
            found.setdefault(node.lineno, {})[key] = None
    return {line: tuple(names) for line, names in found.items()}


def _read_key(node: nodes.Node, top: str) -> str | None:
    target = getattr(node, "node", None)
    if not (isinstance(target, nodes.Name) and target.name == top):
        return None
    if isinstance(node, nodes.Getattr):
        return str(node.attr)
    argument = getattr(node, "arg", None)
    if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
        return argument.value
    return None


class _Missing(UndefinedError):
    """A missing name, with what it was looked up on (for did-you-mean)."""

    def __init__(self, message: str | None = None, *, name: Any, obj: Any) -> None:
        super().__init__(message)
        self.name = name
        self.obj = obj


class _Strict(StrictUndefined):
    """StrictUndefined whose error remembers the missing name."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = UndefinedError,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        if exc is UndefinedError and hint is None:
            self._undefined_exception = partial(_Missing, name=name, obj=obj)  # type: ignore[assignment]


def _strict(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that fails on undefined arguments instead of judging them."""

    @wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if isinstance(value, Undefined):
                value._fail_with_undefined_error()
        return function(*args, **kwargs)

    return call


class _Loader(BaseLoader):
    """Reads templates inside the project root only."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        root = self.templates.root
        if posixpath.isabs(template) or template.startswith("../") or template == "..":
            raise TemplateNotFound(
                template, f"{template} is outside the project directory {root}"
            )
        path = (root / template).resolve()
        if not path.is_relative_to(root):
            raise TemplateNotFound(
                template, f"{template} is outside the project directory {root}"
            )
        if not path.is_file():
            raise TemplateNotFound(template, f"template not found: {template}")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "not readable UTF-8 text"
            raise TemplateNotFound(
                template, f"cannot read template {template}: {reason}"
            ) from None
        text = blank_front_matter(text)
        self._register(template, path, text)
        return text, str(path), lambda: True

    def _register(self, name: str, path: Path, text: str) -> None:
        templates = self.templates
        if str(path) in templates.by_path:
            return
        templates.by_path[str(path)] = len(templates.sources)
        templates.sources.append(Source(name, path, text.split("\n")))


def _too_big(value: Any, limit: int) -> bool:
    return isinstance(value, int | float) and abs(value) > limit


def _repeats(left: Any, right: Any) -> int:
    """Length of ``left * right`` when one side is a sequence, else 0."""
    for items, times in ((left, right), (right, left)):
        if isinstance(items, str | list | tuple) and isinstance(times, int):
            return len(items) * times
    return 0


class _LineMarks(Extension):
    """Prefixes every line of literal template text with its origin marker."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        templates: Templates = self.environment.campaignctl_templates  # type: ignore[attr-defined]
        template_id = templates.by_path.get(stream.filename or "", -1)
        if template_id < 0:
            return stream
        return _marked(stream, template_id)


def _marked(stream: Iterable[Token], template_id: int) -> Iterator[Token]:
    depth = 0  # inside blocks whose text is captured as a value
    opener: str | None = None  # the statement the current {% %} tag opens
    previous: Token | None = None
    for token in stream:
        kind = token.type
        if kind == "name" and previous is not None and previous.type == "block_begin":
            opener = token.value
            if opener in _CAPTURING:
                depth += 1
            elif opener in _CAPTURE_ENDS:
                depth = max(depth - 1, 0)
        elif kind == "assign" and opener == "set":
            depth -= 1  # {% set x = ... %} assigns; it captures nothing
            opener = None
        elif kind == "block_end":
            opener = None
        elif kind == "data" and not depth:
            token = Token(token.lineno, "data", _marked_data(token, template_id))
        previous = token
        yield token


def _marked_data(token: Token, template_id: int) -> str:
    lines = token.value.split("\n")
    out = [linemap.mark(template_id, token.lineno) + lines[0]]
    for offset, line in enumerate(lines[1:], start=1):
        out.append(linemap.mark(template_id, token.lineno + offset) + line)
    return "\n".join(out)


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, YAML-friendly: block tags leave no blank lines behind.

    ``*`` and ``**`` are checked so a template (or a cell) cannot build a
    gigabyte string or a number with millions of digits.
    """

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, templates: Templates) -> None:
        super().__init__(
            loader=_Loader(templates),
            undefined=_Strict,
            extensions=[_LineMarks],
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,
            auto_reload=False,
            finalize=filters.finalize,
            cache_size=-1,
        )
        self.campaignctl_templates = templates
        self.filters.update({k: _strict(f) for k, f in filters.FILTERS.items()})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _too_big(right, MAX_EXPONENT):
            raise SecurityError(f"exponent {right!r} is larger than {MAX_EXPONENT}")
        if operator == "*" and _repeats(left, right) > MAX_REPEAT:
            raise SecurityError(f"the result would be larger than {MAX_REPEAT:,} items")
        return super().call_binop(context, operator, left, right)

    def join_path(self, template: str, parent: str) -> str:
        """Includes are relative to the including template."""
        if template.startswith("/"):
            return template
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(parent), template))
        return joined
