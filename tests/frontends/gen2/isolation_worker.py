"""Compile each file given on stdin (one path per line) in a process of its own, forked from one
that has imported the compiler and built its parser but compiled nothing; print one JSON result
per line."""

from __future__ import annotations

import json
import os
import sys

import translator
from translator.frontends.gen2.syntax.parser import parse_module


def result_of(path: str) -> object:
    """What compiling ``path`` gives: the JSON, or the rendered diagnostics."""
    try:
        return {"ok": translator.compile_path(path)}
    except translator.CompilationError as error:
        return {"errors": [d.render() for d in error.diagnostics]}
    except translator.SourceError as error:
        return {"source_error": error.diagnostic.render()}


def main() -> None:
    # Build the (immutable) parser tables once, so that each child does not build them again.
    parse_module("", "warm-up.ts")
    for line in sys.stdin.read().splitlines():
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            with os.fdopen(write, "w") as out:
                json.dump(result_of(line), out)
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            text = pipe.read()
        os.waitpid(pid, 0)
        print(text, flush=True)


if __name__ == "__main__":
    main()
