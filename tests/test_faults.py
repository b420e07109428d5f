"""Faults of the machine around `proceedings build`: two builds at once, a kill in the swap, a full disk, a
read-only project, withdrawn files, file modes. Each fault ends in a whole book (the previous one byte for
byte, or the new one complete), a located message and the exit code it says.

The full-disk and read-only cases mount a small tmpfs or a read-only bind mount, which needs root; run by
another user they are skipped (as root, a mount that fails fails the test).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sphinx_proceedings.cli import staging
from sphinx_proceedings.cli.buildlock import LOCK_FILE
from sphinx_proceedings.cli.swap import exchange
from sphinx_proceedings.data.files import new_file_mode, replace_atomically

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs or a read-only bind mount needs root")
CLI = [sys.executable, "-m", "sphinx_proceedings.cli.main"]


def proceedings(*args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, preexec_fn=preexec)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr and "Extension error" not in result.stderr, result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("proceedings: error: ")]


@pytest.fixture
def built(copy_root: Callable[[str], Path]) -> Path:
    """A copy of test-basic with its book built."""
    project = copy_root("basic")
    first = proceedings("build", str(project))
    assert first.returncode == 0, first.stderr
    return project


# --- two builds at once -----------------------------------------------------------


def _wait_until_locked(lock: Path, process: subprocess.Popen[str]) -> None:
    """Until ``process`` holds the build lock (a probe that gets it lets go at once)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(FileNotFoundError), lock.open("rb") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            fcntl.flock(handle, fcntl.LOCK_UN)
        time.sleep(0.02)
    raise AssertionError("the first build never took the lock")


def test_a_second_build_waits_for_the_lock_or_with_no_wait_fails(built: Path) -> None:
    build_dir = built / "_build"
    before = snapshot(build_dir / "html")
    with (build_dir / LOCK_FILE).open("r+") as lock:  # held here as a running build holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        refused = proceedings("build", str(built), "--force", "--no-wait")
        waiting = subprocess.Popen([*CLI, "build", str(built), "--force"], stderr=subprocess.PIPE, text=True)
        assert waiting.stderr is not None
        said = waiting.stderr.readline()
        time.sleep(0.5)
        assert waiting.poll() is None, "it waits for the lock"
        assert snapshot(build_dir / "html") == before, "neither build wrote anything yet"
    rest = waiting.communicate(timeout=300)[1]
    running = f"another build of {build_dir} is running (pid {os.getpid()})"
    assert refused.returncode == 1
    assert error_lines(refused) == [f"proceedings: error: {running}; not waiting (--no-wait)"]
    assert said == f"proceedings: {running}; waiting\n"
    assert waiting.returncode == 0, rest
    assert snapshot(build_dir / "html").keys() == before.keys()


def test_two_builds_at_once_publish_whole_books(built: Path) -> None:
    """The report's repro: two forced builds of one project at the same time."""
    whole = snapshot(built / "_build/html").keys()
    both = [subprocess.Popen([*CLI, "build", str(built), "--force"], stderr=subprocess.PIPE, text=True) for _ in "ab"]
    said = [build.communicate(timeout=300)[1] for build in both]
    assert [build.returncode for build in both] == [0, 0], said
    assert sum("is running (pid" in text and "waiting" in text for text in said) == 1, said
    assert snapshot(built / "_build/html").keys() == whole
    assert not (built / "_build/.staging").exists() and not (built / "_build/.retired").exists()


def test_the_lock_dies_with_a_killed_build(built: Path) -> None:
    first = subprocess.Popen([*CLI, "build", str(built), "--force"], stderr=subprocess.PIPE, text=True)
    _wait_until_locked(built / "_build" / LOCK_FILE, first)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=60)
    before = snapshot(built / "_build/html")
    again = proceedings("build", str(built), "--no-wait")
    assert again.returncode == 0, again.stderr
    assert "another build" not in again.stderr
    assert snapshot(built / "_build/html").keys() == before.keys()


# --- a kill inside the swap -------------------------------------------------------

# Runs StagedBuild.commit and kills itself (SIGKILL) before its step number argv[2]: removing a folder,
# writing the journal, a rename or an exchange. argv[3] says whether exchange is available.
KILLER = """
import os, signal, sys
from pathlib import Path
from sphinx_proceedings.cli import staging

steps = 0
def step(original):
    def counted(*args, **kwargs):
        global steps
        steps += 1
        if steps == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    return counted

Path.rename = step(Path.rename)
staging._remove = step(staging._remove)
staging.replace_atomically = step(staging.replace_atomically)
staging.exchange = step(staging.exchange if sys.argv[3] == "exchange" else lambda first, second: False)
build_dir = Path(sys.argv[1])
staging.StagedBuild(build_dir, [], frozenset()).commit()
print(steps)
"""
OUTPUTS = {"html": {"index.html": "new", "new.html": "new"}, "doctrees": {"env": "new"}, "proceedings.pdf": "new"}
PREVIOUS = {"html": {"index.html": "old", "old.html": "old"}, "doctrees": {"env": "old"}, "proceedings.pdf": "old"}


def _lay_out(folder: Path, tree: dict[str, object]) -> None:
    for name, content in tree.items():
        if isinstance(content, dict):
            (folder / name).mkdir(parents=True)
            _lay_out(folder / name, content)
        else:
            (folder / name).write_text(str(content))


def _swap_killed_at(build_dir: Path, step: int, mode: str) -> subprocess.CompletedProcess[str]:
    _lay_out(build_dir, PREVIOUS)
    _lay_out(build_dir / staging.STAGING, {**OUTPUTS, "proceedings.epub": "new"})  # one output without predecessor
    command = [sys.executable, "-c", KILLER, str(build_dir), str(step), mode]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("mode", ["exchange", "rename"])
def test_a_swap_killed_at_any_step_is_finished_by_the_next_build(tmp_path: Path, mode: str) -> None:
    steps = int(_swap_killed_at(tmp_path / "whole", 0, mode).stdout)  # step 0: never killed
    new = snapshot(tmp_path / "whole")
    old = snapshot(_tree(tmp_path / "old", PREVIOUS))
    assert steps > 8 and snapshot(tmp_path / "whole") == new
    for kill in range(1, steps + 1):
        build_dir = tmp_path / f"killed-{kill}"
        killed = _swap_killed_at(build_dir, kill, mode)
        assert killed.returncode == -signal.SIGKILL, (kill, killed.stderr)
        if mode == "exchange":  # a reader of the folder never finds the book missing
            assert (build_dir / "html/index.html").is_file(), kill
        # Steps 1 and 2 clear .retired and write the journal: a stop before them keeps the previous book.
        journal_written = (build_dir / staging.STAGING / staging.JOURNAL).is_file()
        assert journal_written == (kill >= 3), kill
        staging.StagedBuild(build_dir, [], frozenset()).recover()
        assert snapshot(build_dir) == (new if journal_written else old), kill
        assert not (build_dir / staging.STAGING).exists() and not (build_dir / staging.RETIRED).exists()


def _tree(folder: Path, tree: dict[str, object]) -> Path:
    folder.mkdir(parents=True)
    _lay_out(folder, tree)
    return folder


def test_an_error_inside_the_swap_leaves_it_to_the_next_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = snapshot(_tree(tmp_path / "new", OUTPUTS))
    build_dir = _tree(tmp_path / "build", PREVIOUS)
    _lay_out(build_dir / staging.STAGING, OUTPUTS)

    def failing(first: Path, second: Path) -> bool:
        if first.name == "html":
            raise OSError(5, "Input/output error", str(first))
        return exchange(first, second)

    monkeypatch.setattr(staging, "exchange", failing)
    staged = staging.StagedBuild(build_dir, [], frozenset())
    staged.prepared = True
    with pytest.raises(OSError, match="Input/output error"):
        staged.commit()
    staged.discard()  # what the build does on an error
    assert (build_dir / staging.STAGING / staging.JOURNAL).is_file()
    monkeypatch.undo()
    assert staging.StagedBuild(build_dir, [], frozenset()).recover() is not None
    assert snapshot(build_dir) == new


def test_a_build_killed_with_the_book_moved_aside_is_restored(built: Path) -> None:
    """The exact stop of the report: ``html`` renamed into ``.retired``, the new one not yet in place."""
    build_dir = built / "_build"
    contributions = built / "data/demo2024/contributions.yaml"
    contributions.write_text(contributions.read_text().replace("Learned Indexes", "Learned Indices"))
    kill_after_retiring = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from sphinx_proceedings.cli import main, staging\n"
        "rename = Path.rename\n"
        "def killing(self, target):\n"
        "    moved = rename(self, target)\n"
        "    if self.name == 'html' and Path(target).parent.name == staging.RETIRED:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return moved\n"
        "Path.rename = killing\n"
        "staging.exchange = lambda first, second: False\n"
        "main.main(sys.argv[1:])\n"
    )
    killed = subprocess.run([sys.executable, "-c", kill_after_retiring, "build", str(built)], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert not (build_dir / "html").exists()  # as the report found it
    staged = snapshot(build_dir / staging.STAGING / "html")
    assert "Learned Indices" in staged["_proceedings/demo2024/contributions/indexes-zhang.html"].decode()

    people = built / "data/demo2024/people.yaml"
    people.write_text(people.read_text().replace("- id: ada-lovelace", "- id: Ada Lovelace"))  # no new build
    after = proceedings("build", str(built))
    assert after.returncode == 1
    assert f"proceedings: finished replacing the book in {build_dir}, which a stopped build had begun" in after.stderr
    assert snapshot(build_dir / "html") == staged
    assert not (build_dir / staging.STAGING).exists() and not (build_dir / staging.RETIRED).exists()


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    first, second = _tree(tmp_path / "a", {"one": "1"}), _tree(tmp_path / "b", {"two": "2"})
    assert exchange(first, second), "renameat2(RENAME_EXCHANGE) works on Linux file systems"
    assert [p.name for p in first.iterdir()] == ["two"] and [p.name for p in second.iterdir()] == ["one"]
    with pytest.raises(FileNotFoundError):
        exchange(first, tmp_path / "missing")


# --- a full disk, a read-only project -----------------------------------------------


@contextlib.contextmanager
def mounted(target: Path, mount: list[str], remount: list[str] | None = None) -> Iterator[Path]:
    """``target`` with ``mount MOUNT TARGET`` (then ``mount REMOUNT TARGET``); unmounted at the end."""
    target.mkdir(exist_ok=True)
    subprocess.run(["mount", *mount, str(target)], check=True, capture_output=True)
    try:
        if remount:
            subprocess.run(["mount", *remount, str(target)], check=True, capture_output=True)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True, capture_output=True)


def tmpfs(target: Path, size: str) -> contextlib.AbstractContextManager[Path]:
    return mounted(target, ["-t", "tmpfs", "-o", f"size={size}", "tmpfs"])


def read_only(target: Path) -> contextlib.AbstractContextManager[Path]:
    """``target`` mounted over itself, read-only: even root cannot write there (chmod would not stop root)."""
    return mounted(target, ["--bind", str(target)], ["-o", "remount,bind,ro"])


@ROOT_ONLY
def test_a_full_disk_keeps_the_previous_book_and_leaves_no_staging(built: Path, tmp_path: Path) -> None:
    book = sum(len(content) for content in snapshot(built / "_build").values())
    with tmpfs(tmp_path / "disk", f"{book * 3 // 2 // 1024}k") as disk:  # room for one book, not for two
        out = disk / "out"
        first = proceedings("build", str(built), "--out", str(out))
        assert first.returncode == 0, first.stderr
        before, free = snapshot(out / "html"), shutil.disk_usage(disk).free
        full = proceedings("build", str(built), "--out", str(out), "--force")
        assert full.returncode == 1
        [line] = error_lines(full)
        assert line.startswith(f"proceedings: error: {out / '.staging'}/")
        assert line.endswith(
            ": No space left on device; free some space (a build needs room for a second copy of the book); "
            f"{out} keeps the previous book"
        )
        assert snapshot(out / "html") == before
        assert not (out / ".staging").exists() and shutil.disk_usage(disk).free == free


@ROOT_ONLY
def test_a_disk_that_fills_while_sphinx_writes_is_one_located_line(copy_root: Callable[[str], Path], tmp_path: Path):
    project = copy_root("basic")
    with tmpfs(tmp_path / "disk", "2m") as disk:
        full = proceedings("build", str(project), "--out", str(disk / "out"))
        assert full.returncode == 1
        [line] = error_lines(full)
        assert line.startswith(f"proceedings: error: {disk / 'out/.staging/html'}/")
        assert ": No space left on device; free some space" in line
        assert len(full.stderr.splitlines()) <= 3, full.stderr  # not one warning per file Sphinx could not copy
        assert sorted(p.name for p in (disk / "out").iterdir()) == [".proceedings-build", ".proceedings-lock"]


@ROOT_ONLY
def test_a_read_only_project_is_a_located_error(built: Path, copy_root: Callable[[str], Path], tmp_path: Path) -> None:
    before = snapshot(built / "_build/html")
    fresh = copy_root("basic")
    with read_only(built), read_only(fresh):
        in_place = proceedings("build", str(built), "--force")
        elsewhere = proceedings("build", str(fresh), "--out", str(tmp_path / "out"))
    assert in_place.returncode == 1
    assert error_lines(in_place) == [
        f"proceedings: error: {built / '_build' / LOCK_FILE}: Read-only file system; the build writes its "
        f"generated pages into the project and the book into --out; {built / '_build'} keeps the previous book"
    ]
    assert snapshot(built / "_build/html") == before
    assert elsewhere.returncode == 1
    [line] = error_lines(elsewhere)
    assert line.startswith(f"proceedings: error: {fresh / '_proceedings'}")
    assert ": Read-only file system; the build writes its generated pages into the project" in line
    assert not (tmp_path / "out/.staging").exists() and not (tmp_path / "out/html").exists()


# --- what is published ------------------------------------------------------------


def test_a_withdrawn_contribution_leaves_nothing_behind(built: Path, tmp_path: Path) -> None:
    """After a talk, its slides and a page are removed, the book holds the files a build from scratch writes."""
    (built / "about.md").write_text("# About\n\nA page that goes.\n")
    assert proceedings("build", str(built)).returncode == 0
    assert (built / "_build/html/about.html").is_file()
    (built / "about.md").unlink()
    data = built / "data/demo2024"
    contributions = (data / "contributions.yaml").read_text()
    start, end = contributions.index("- id: keynote-lovelace"), contributions.index("- id: tangent-van")
    (data / "contributions.yaml").write_text(contributions[:start] + contributions[end:])
    schedule = (data / "schedule.yaml").read_text()
    slot = '          - start: "09:00"\n            end: "09:45"\n            contributions: [keynote-lovelace]\n'
    (data / "schedule.yaml").write_text(schedule.replace(slot, ""))
    (data / "slides/keynote.pdf").unlink()
    assert any("keynote" in name for name in snapshot(built / "_build/html"))

    rebuilt = proceedings("build", str(built), "--force")
    scratch = proceedings("build", str(built), "--out", str(tmp_path / "scratch"))
    assert rebuilt.returncode == 0 and scratch.returncode == 0, rebuilt.stderr + scratch.stderr
    published = snapshot(built / "_build/html").keys()
    assert not [name for name in published if "keynote" in name]
    assert published == snapshot(tmp_path / "scratch/html").keys()


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_published_files_have_the_umask_mode(copy_root: Callable[[str], Path], umask: int) -> None:
    project = copy_root("basic")
    result = proceedings("build", str(project), umask=umask)
    assert result.returncode == 0, result.stderr
    html = project / "_build/html"
    files, folders = {}, {}
    for path in html.rglob("*"):
        (folders if path.is_dir() else files).setdefault(oct(stat.S_IMODE(path.stat().st_mode)), []).append(path)
    assert files.keys() == {oct(0o666 & ~umask)}, {mode: paths[:3] for mode, paths in files.items()}
    assert folders.keys() == {oct(0o777 & ~umask)}, {mode: paths[:3] for mode, paths in folders.items()}
    assert html / "_proceedings/proceedings.bib" in files[oct(0o666 & ~umask)]


def test_written_data_files_get_a_new_files_mode_or_keep_theirs(tmp_path: Path) -> None:
    fresh, kept = tmp_path / "people.yaml", tmp_path / "event.yaml"
    kept.write_text("old\n")
    kept.chmod(0o640)
    replace_atomically(fresh, b"new\n", durable=True)
    replace_atomically(kept, b"new\n", durable=True)
    assert stat.S_IMODE(fresh.stat().st_mode) == new_file_mode() == 0o666 & ~_umask()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_failed_pdf_keeps_latex_log_where_the_message_says(copy_root: Callable[[str], Path]) -> None:
    project = copy_root("basic")
    with (project / "conf.py").open("a") as conf:
        conf.write('\nlatex_elements = {"preamble": r"\\nosuchcommand"}\n')
    failed = proceedings("build", str(project), "--pdf")
    assert failed.returncode == 1
    [line] = error_lines(failed)
    log = project / "_build/proceedings.log"
    assert line.startswith("proceedings: error: latexmk failed: TeX: Undefined control sequence. (l.")
    assert line.endswith(f"; see {log}")
    assert "\\nosuchcommand" in log.read_text(encoding="utf-8", errors="replace")
    assert not (project / "_build/.staging").exists() and not (project / "_build/html").exists()
    (project / "conf.py").write_text((project / "conf.py").read_text().replace("\\nosuchcommand", ""))
    assert proceedings("build", str(project)).returncode == 0
    assert not log.exists(), "the next build removes the log of the failed one"
