"""Writing output files: all of a run's files are staged beside their targets, then renamed
into place, so a failure leaves no half-written file and nothing already there is lost."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from allrefs.errors import OutputError


def write_files_atomically(files: dict[Path, str]) -> None:
    """Write every file to a temporary name beside it, then rename them all into place:
    a failure leaves no half-written output and nothing already there is lost."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((Path(tmp_name), path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as error:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        where = error.filename or (str(next(iter(files))) if files else "output")
        raise OutputError(f"cannot write {where}: {error.strerror or error}") from error
