"""Which files to scan, what kind each is, what role it plays, and which project it belongs to."""
from __future__ import annotations

import re

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pathspec

from readiness.model import Diagnostic

# Directories never worth reading: VCS data, environments, build output, caches, vendored deps.
DEFAULT_EXCLUDES = [
    ".git/", ".hg/", ".svn/",
    ".venv/", "venv/", ".env/", "virtualenv/", ".tox/", ".nox/", "__pypackages__/",
    "node_modules/", "site-packages/", "dist-packages/", "bower_components/",
    "build/", "dist/", ".eggs/", "*.egg-info/",
    "__pycache__/", ".mypy_cache/", ".pytest_cache/", ".ruff_cache/", ".readiness_cache/", ".cache/", ".ipynb_checkpoints/",
    ".next/", ".nuxt/", ".turbo/", "coverage/", "htmlcov/",
]

DEFAULT_TEST_PATHS = [
    "tests/", "test/", "__tests__/", "integration_tests/", "integration-tests/", "e2e/", "test_*.py", "*_test.py",
    "conftest.py", "*.test.ts", "*.test.js", "*.spec.ts", "*.spec.js", "*.test.tsx", "*.spec.tsx", "*.test.jsx",
    "*.spec.jsx", "*.test.mjs", "*.spec.mjs", "*.test.mts", "*.spec.mts",
]
DEFAULT_EVAL_PATHS = [
    "evals/", "eval/", "evaluation/", "evaluations/", "*_eval.py", "eval_*.py",
    "promptfooconfig.*", "*.evalset.json", "*.test.json",
]
DEFAULT_EXAMPLE_PATHS = ["examples/", "example/", "samples/", "docs/", "cookbook/"]

# Files whose directory is the root of a project; a monorepo has several.
PROJECT_MARKERS = {
    "pyproject.toml": "python",
    "setup.py": "python",
    "setup.cfg": "python",
    "requirements.txt": "python",
    "langgraph.json": "langgraph",
    "package.json": "node",
}

EXTENSION_KINDS = {
    ".py": "python", ".pyi": "python",
    ".ipynb": "notebook",
    ".yaml": "yaml", ".yml": "yaml",
    ".toml": "toml",
    ".json": "json",
    ".ts": "tsjs", ".tsx": "tsjs", ".mts": "tsjs", ".cts": "tsjs",
    ".js": "tsjs", ".jsx": "tsjs", ".mjs": "tsjs", ".cjs": "tsjs",
    ".md": "markdown", ".markdown": "markdown",
    ".sh": "shell", ".bash": "shell", ".zsh": "shell",
    ".env": "dotenv",
    ".cfg": "ini", ".ini": "ini",
    ".txt": "text",
}

# Never opened: no rule reads them, and reading a 40 MB PDF only to skip it costs time and noise.
BINARY_EXTENSIONS = frozenset({
    ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".tiff", ".svgz",
    ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".tar", ".whl", ".egg", ".jar",
    ".so", ".dylib", ".dll", ".exe", ".bin", ".o", ".a", ".pyc", ".pyo",
    ".mp3", ".mp4", ".wav", ".mov", ".avi", ".webm", ".ogg", ".flac",
    ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".parquet", ".feather", ".arrow", ".npy", ".npz", ".pkl", ".pickle", ".pt", ".pth",
    ".onnx", ".safetensors", ".h5", ".db", ".sqlite", ".sqlite3", ".xlsx", ".xls", ".docx", ".pptx",
})


# ``.env-example``, ``env.example``, ``.env_sample``, ``env.template``: dotenv templates by another name.
ENV_TEMPLATE = re.compile(r"^\.?env[._-](?:example|sample|template|dist|defaults?|local|dev|development|prod|production|test|staging)$")


TEMPLATE_NAME = re.compile(r"(?:[._-](?:example|sample|template|tmpl|dist|defaults)$)|^(?:example|sample|template)[._-]")


def is_template(path: str) -> bool:
    """A settings template committed for people to copy (``.env.example``, ``.env-sample``,
    ``example.env``, ``config.yaml.dist``): placeholders, not the values a deployment runs with."""
    return bool(TEMPLATE_NAME.search(path.rsplit("/", 1)[-1].lower()))


def _suffix(name: str) -> str:
    """``PurePosixPath(name).suffix`` without building a path: ".py" of "a.py", "" of ".env"."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def file_kind(name: str) -> str:
    """Classify by file name alone; cheap, so discovery never opens a file."""
    lower = name.lower()
    if lower == "dockerfile" or lower.startswith("dockerfile.") or lower.endswith(".dockerfile") or lower == "containerfile":
        return "dockerfile"
    if lower == ".env" or lower.startswith(".env.") or lower.endswith(".env") or ENV_TEMPLATE.match(lower):
        return "dotenv"
    suffix = _suffix(lower)
    if suffix in BINARY_EXTENSIONS:
        return "binary"
    return EXTENSION_KINDS.get(suffix, "other")


@dataclass(frozen=True)
class FileEntry:
    path: str  # POSIX, relative to the repository root (what every report, fingerprint and baseline uses)
    abspath: str
    kind: str
    role: str  # prod | test | eval | example
    project: str  # project root, relative to the repository root ("." for the root)
    base: str = ""  # the folder the scan started from, relative to the repository root ("" for the root)


@dataclass
class Project:
    path: str
    kind: str
    markers: list[str] = field(default_factory=list)


@dataclass
class Discovery:
    root: Path  # the repository root: git top level, else the config file's folder, else the scanned folder
    files: list[FileEntry]
    projects: list[Project]
    diagnostics: list[Diagnostic]
    explicit_files: bool  # paths named files (pre-commit mode)
    # where paths started before they started at the repository root (the scanned folder; the
    # config folder or the working directory for named files): how old baselines are read
    scanned_from: str = ""
    # the config file's folder relative to the repository root ("" for the root, or with no config,
    # or a --config from elsewhere): where exclude and per-path-ignores globs are read from
    config_prefix: str = ""


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


class _Globs:
    """gitignore-style patterns (pathspec). Without a negation (``!pattern``) a path matches when any
    pattern does, so the patterns are tried as one combined regular expression: a scan asks this
    for every file, and pathspec tries the patterns one by one."""

    def __init__(self, patterns: list[str]):
        self._spec = pathspec.GitIgnoreSpec.from_lines(patterns)
        active = [p for p in self._spec.patterns if p.include is not None]
        if all(p.include for p in active):
            joined = "|".join(f"(?:{_NAMED_GROUP.sub('(?:', p.regex.pattern)})" for p in active)
            self._regex = re.compile(joined) if active else None
            self.match_file = self._any
        else:
            self.match_file = self._spec.match_file

    def _any(self, path: str) -> bool:
        return self._regex is not None and self._regex.match(path) is not None


def _spec(patterns: list[str]) -> _Globs:
    return _Globs(patterns)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    """Run a read-only git command in ``root``; None when git is missing or fails to start.

    ``core.fsmonitor`` is forced off: a hostile repository's config could otherwise make git
    run a program of its choosing.
    """
    try:
        return subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", str(root), *args],
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def git_top_level(folder: Path) -> Path | None:
    """The work tree that holds ``folder``, or None outside git."""
    proc = _git(folder, "rev-parse", "--show-toplevel")
    if proc is None or proc.returncode != 0:
        return None
    top = proc.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(top).resolve() if top else None


def repository_root(folder: Path, config_dir: Path | None) -> Path:
    """Where report paths start, whatever was passed on the command line: the git top level,
    else the config file's folder when it holds ``folder``, else ``folder`` itself. One file
    therefore has one path, and one finding one fingerprint, whether the root, a subfolder or the
    file itself was scanned."""
    top = git_top_level(folder)
    if top is not None:
        return top
    if config_dir is not None:
        config_dir = config_dir.resolve()
        if folder == config_dir or config_dir in folder.parents:
            return config_dir
    return folder


def _git_files(root: Path, under: list[str] | None = None) -> list[str] | None:
    """Tracked plus untracked-but-not-ignored files (below the ``under`` folders when given), or
    None outside a git work tree."""
    pathspecs = ["--", *(f":(literal){u}" for u in under)] if under else []
    proc = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", *pathspecs)
    if proc is None or proc.returncode != 0:
        return None
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _link_problem(abspath: str, target: str) -> tuple[str, str] | None:
    """A symbolic link that cannot be followed: a loop or a dangling target (kind, message)."""
    if os.path.isdir(target):
        link_dir = os.path.dirname(abspath)
        if link_dir == target or link_dir.startswith(target.rstrip(os.sep) + os.sep):
            return "symlink-loop", "symbolic link to a directory that contains it; not followed"
        return None
    if not os.path.exists(target):
        return "unreadable", "broken symbolic link (its target is missing or the link points to itself); skipped"
    return None


def _walk_files(root: Path, diagnostics: list[Diagnostic], top: str = "") -> list[str]:
    """Walk folder ``top`` of ``root`` outside git, honouring .gitignore files along the way
    (pathspec); paths relative to ``root``."""
    out: list[str] = []
    ignore_specs: list[tuple[str, pathspec.PathSpec]] = []
    seen_dirs: set[tuple[int, int]] = set()
    if top:  # the .gitignore files of the folders above ``top`` apply to it too
        parts = top.split("/")
        for depth in range(len(parts)):
            folder = "/".join(parts[:depth])
            try:
                text = (root / folder / ".gitignore").read_text("utf-8", "replace")
            except OSError:
                continue
            ignore_specs.append((folder + "/" if folder else "", _spec(text.splitlines())))

    def onerror(err: OSError) -> None:
        rel = os.path.relpath(err.filename, root) if err.filename else "."
        diagnostics.append(Diagnostic("unreadable", f"cannot list directory: {err.strerror}", Path(rel).as_posix()))

    for dirpath, dirnames, filenames in os.walk(root / top if top else root, onerror=onerror):
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        if ".gitignore" in filenames:
            try:
                text = Path(dirpath, ".gitignore").read_text("utf-8", "replace")
                ignore_specs.append((rel_dir, _spec(text.splitlines())))
            except OSError:
                pass

        def ignored(rel: str, is_dir: bool) -> bool:
            probe = rel + "/" if is_dir else rel
            return any(probe.startswith(base) and spec.match_file(probe[len(base):]) for base, spec in ignore_specs)

        for d in dirnames:
            link = os.path.join(dirpath, d)
            if os.path.islink(link) and not ignored(rel_dir + d, True):
                problem = _link_problem(link, os.path.realpath(link))
                if problem:
                    diagnostics.append(Diagnostic(*problem, rel_dir + d))
        dirnames[:] = sorted(
            d for d in dirnames
            if d != ".git" and not os.path.islink(os.path.join(dirpath, d)) and not ignored(rel_dir + d, True)
        )
        out.extend(rel_dir + f for f in filenames if not ignored(rel_dir + f, False))
    return out


class PathClassifier:
    """Role of a path from configurable glob lists: test, eval, example or prod."""

    def __init__(self, test_paths: list[str], eval_paths: list[str], example_paths: list[str]):
        self._eval = _spec(eval_paths)
        self._test = _spec(test_paths)
        self._example = _spec(example_paths)

    def role(self, rel: str) -> str:
        if self._eval.match_file(rel):
            return "eval"
        if self._test.match_file(rel):
            return "test"
        if self._example.match_file(rel):
            return "example"
        return "prod"


_TEST_MARKERS = re.compile(rb"^\s*(?:async\s+)?def test|^\s*class Test|^\s*(?:import|from)\s+(?:pytest|unittest|hypothesis)\b", re.M)


def _environment_root(path: str) -> str | None:
    """``env/pyvenv.cfg`` -> ``env/``; ``envs/ml/conda-meta/history`` -> ``envs/ml/``."""
    if path.rsplit("/", 1)[-1] == "pyvenv.cfg":
        return path.rsplit("/", 1)[0] + "/" if "/" in path else None
    if "/conda-meta/" in "/" + path:
        head = ("/" + path).split("/conda-meta/", 1)[0].strip("/")
        return head + "/" if head else None
    return None


def _named_test_only(rel: str, abspath: str, classifier: PathClassifier) -> bool:
    """A ``test_bot2.py`` outside any test folder, with no test in it (no ``def test_...``, no
    ``class Test...``, no pytest/unittest import): a script named for trying something out, which
    runs as production code and is judged as such."""
    if classifier.role(str(PurePosixPath(rel).parent / "__probe__")) == "test":
        return False  # under a test folder
    try:
        with open(abspath, "rb") as handle:
            head = handle.read(262144)
    except OSError:
        return False
    return _TEST_MARKERS.search(head) is None


def _detect_projects(paths: list[str], default: str = ".") -> list[Project]:
    """Projects by their marker files; ``default`` (the scanned folder) owns everything else."""
    by_dir: dict[str, Project] = {}
    for rel in paths:
        kind = PROJECT_MARKERS.get(rel.rsplit("/", 1)[-1])
        if kind is None:
            continue
        p = PurePosixPath(rel)
        d = str(p.parent) if str(p.parent) != "" else "."
        proj = by_dir.setdefault(d, Project(d, kind))
        proj.markers.append(p.name)
        if kind != "python" and proj.kind == "python":
            continue
        if proj.kind == "node" and kind != "node":
            proj.kind = kind
    if default not in by_dir:
        by_dir[default] = Project(default, "directory")
    return [by_dir[k] for k in sorted(by_dir, key=lambda d: (d != default, d))]


def _owner(rel: str, project_dirs: list[str], default: str = ".") -> str:
    """The deepest project directory containing the path."""
    best = default
    for d in project_dirs:
        if d != "." and rel.startswith(d + "/") and (best == "." or len(d) > len(best)):
            best = d
    return best


def _named_folder(rel: str, prefixes: list[str]) -> str:
    """The folder named on the command line that holds ``rel`` (the deepest; "" for the root)."""
    return next((p for p in prefixes if not p or rel.startswith(p + "/")), "")


class Exclusions:
    """Which paths ``exclude`` and the built-in list leave out.

    Patterns are read where they were written: the built-in ones from the repository root, the
    user's from the config file's folder (``as_configured`` turns a repository path into that
    view, None outside it). As in ruff, a path named on the command line is scanned even when a
    pattern covers it, and a named folder's contents still honour every pattern that does not
    cover the folder itself, unless ``force`` (``--force-exclude``, which the pre-commit hook
    passes, since pre-commit names every changed file).
    """

    def __init__(self, builtin: list[str], user: list[str], as_configured, force: bool):
        self._builtin, self._user = list(builtin), list(user)
        self._as_configured = as_configured
        self._force = force
        self._specs: dict[str, tuple[pathspec.PathSpec, pathspec.PathSpec]] = {}

    def _for(self, named: str) -> tuple[pathspec.PathSpec, pathspec.PathSpec]:
        if named not in self._specs:
            builtin, user = self._builtin, self._user
            if named and not self._force:
                builtin = [p for p in builtin if not _spec([p]).match_file(named + "/")]
                seen = self._as_configured(named)
                if seen is not None:
                    user = [p for p in user if not _spec([p]).match_file(seen + "/")]
            self._specs[named] = (_spec(builtin), _spec(user))
        return self._specs[named]

    def excluded(self, rel: str, named: str) -> bool:
        """Is ``rel`` left out, when the command line named ``named`` (a folder holding it, or
        ``rel`` itself for a file; "" for the repository root)?"""
        if named == rel and not self._force:
            return False
        builtin, user = self._for("" if named == rel else named)
        if builtin.match_file(rel):
            return True
        seen = self._as_configured(rel)
        return seen is not None and user.match_file(seen)


def _relative_to(path: str, prefix: str) -> str | None:
    """``path`` seen from folder ``prefix`` (both relative to the same root), None when outside it."""
    if not prefix:
        return path
    return path[len(prefix) + 1:] if path.startswith(prefix + "/") else None


def _posix_relative(path: Path, root: Path) -> str:
    rel = path.relative_to(root).as_posix()
    return "" if rel == "." else rel


def discover(
    paths: list[str],
    *,
    exclude: list[str],
    test_paths: list[str],
    eval_paths: list[str],
    example_paths: list[str],
    root: Path | None = None,
    force_exclude: bool = False,
) -> Discovery:
    """List files under the given paths (default: the current directory).

    ``root`` is the config file's folder, when there is one. Every path in the result is relative
    to the repository root (:func:`repository_root`), whichever folder or files were passed;
    ``exclude`` and the role globs are read relative to the config file's folder, as written.
    When every path is a file (the pre-commit case) those files alone are scanned. A path named
    here is scanned even when ``exclude`` covers it, unless ``force_exclude`` (:class:`Exclusions`).
    """
    diagnostics: list[Diagnostic] = []
    targets = [Path(p) for p in (paths or ["."])]
    explicit = all(t.is_file() for t in targets if t.exists()) and any(t.exists() for t in targets)
    for t in targets:
        if not t.exists() and not t.is_symlink():
            diagnostics.append(Diagnostic("missing-path", "path does not exist", t.as_posix(), blocking=True))

    if explicit:
        files_given = [t.resolve() for t in targets if t.exists() and t.is_file()]
        cwd = Path.cwd().resolve()
        if all(cwd in f.parents for f in files_given):
            start = cwd
        else:
            start = Path(os.path.commonpath([f.parent for f in files_given]))
        scan_root = repository_root(start, root)
        candidates = [_posix_relative(f, scan_root) for f in files_given]
        base = ""
        all_for_projects = _git_files(scan_root) or candidates
        try:
            scanned_from = _posix_relative((root or cwd).resolve(), scan_root)
        except ValueError:
            scanned_from = ""
    else:
        dirs = [t.resolve() for t in targets if t.is_dir()] or [Path(".").resolve()]
        start = Path(os.path.commonpath(dirs))
        scan_root = repository_root(start, root)
        base = scanned_from = _posix_relative(start, scan_root)
        prefixes = sorted({_posix_relative(d, scan_root) for d in dirs}, key=lambda p: (-len(p), p))
        under = None if "" in prefixes else prefixes
        listed = _git_files(scan_root, under)
        if listed is None:
            listed = [p for top in under or [""] for p in _walk_files(scan_root, diagnostics, top)]
        elif under:
            listed = [p for p in listed if any(p.startswith(u + "/") for u in under)]
        candidates = listed
        all_for_projects = listed

    # Virtual environments whatever they are called (``env/``, ``py311/``): PEP 405's pyvenv.cfg
    # (conda's conda-meta/) marks their root. A source folder named ``env`` is scanned.
    environments = sorted({_environment_root(c) for c in all_for_projects} - {None, ""})
    config_prefix = ""
    if root is not None:
        try:
            config_prefix = _posix_relative(root.resolve(), scan_root)
        except ValueError:
            config_prefix = ""  # a --config from elsewhere: its globs read from the repository root

    def as_configured(rel: str) -> str | None:
        return _relative_to(rel, config_prefix)

    exclusions = Exclusions(DEFAULT_EXCLUDES + ["/" + e for e in environments], exclude, as_configured, force_exclude)
    if explicit:
        kept = sorted({c for c in candidates if not exclusions.excluded(c, c)})
    else:
        kept = sorted({c for c in candidates if not exclusions.excluded(c, _named_folder(c, prefixes))})
    classifier = PathClassifier(test_paths, eval_paths, example_paths)
    projects = _detect_projects([p for p in all_for_projects if not exclusions.excluded(p, "")], base or ".")
    project_dirs = [p.path for p in projects]

    files: list[FileEntry] = []
    for rel in kept:
        abspath = os.path.join(scan_root, rel)
        if os.path.islink(abspath):
            target = os.path.realpath(abspath)
            problem = _link_problem(abspath, target)
            if problem:
                diagnostics.append(Diagnostic(*problem, rel))
                continue
            if not os.path.isfile(target) or not Path(target).is_relative_to(scan_root):
                continue  # links out of the tree or to directories: not ours to read
        elif not os.path.isfile(abspath):
            continue
        seen = as_configured(rel)
        role = classifier.role(rel if seen is None else seen)
        if role == "test" and rel.endswith(".py") and _named_test_only(rel if seen is None else seen, abspath, classifier):
            role = "prod"
        files.append(FileEntry(rel, abspath, file_kind(rel.rsplit("/", 1)[-1]), role,
                               _owner(rel, project_dirs, base or "."), base))
    used = {f.project for f in files} | {base or "."}
    projects = [p for p in projects if p.path in used]
    return Discovery(scan_root, files, projects, diagnostics, explicit, scanned_from, config_prefix)
