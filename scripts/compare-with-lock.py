"""Print each installed distribution whose version differs from the lock given as argument (used by `make test-latest`)."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main(lock: Path) -> int:
    locked = {canonical(m[1]): m[2] for line in lock.read_text(encoding="utf-8").splitlines() if (m := PIN.match(line))}
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    changed = [
        f"  {name}: {locked.get(name, 'not locked')} -> {version}"
        for name, version in sorted(installed.items())
        if name in locked and locked[name] != version
    ]
    print("\n".join(changed) if changed else "  none")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
