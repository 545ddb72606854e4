"""Scores `newsflow discover` on the corpus in tests/fixtures/discover_corpus (recall, precision).

The corpus is newsflow's own (tests/fixtures/discover_corpus/build.py writes it): each file
lists the URLs a reader of it sees, as written, resolved against the file's URL. A URL we
print counts when it is exactly one of them; `key_*` also counts a spelling with the same
normalised key, which separates "wrong URL" from "URL rewritten".
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from newsflow.urls import normalize_url
from support.loopback_site import Reply, Site

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "discover_corpus"
# Named by entity declarations in the corpus: must never be requested.
NEVER_READ = "/never-read.txt"
TEXT = {"Content-Type": "text/plain"}


@dataclass
class FileScore:
    """One document: what it lists, what discover printed, its exit status and stderr."""

    name: str
    expected: list[str]
    printed: list[str]
    status: int
    stderr: str

    @property
    def perfect(self) -> bool:
        return self.status == 0 and sorted(set(self.printed)) == sorted(set(self.expected))


@dataclass
class CorpusScore:
    """Micro-averaged over every listed URL of every scored file."""

    files: list[FileScore] = field(default_factory=list)

    def _counts(self, key: Callable[[str], str]) -> tuple[int, int, int]:
        hits = expected = printed = 0
        for score in self.files:
            wanted = {key(u) for u in score.expected}
            got = {key(u) for u in score.printed}
            hits += len(wanted & got)
            expected += len(wanted)
            printed += len(got)
        return hits, expected, printed

    def recall(self, key: Callable[[str], str] = str) -> float:
        hits, expected, _ = self._counts(key)
        return hits / expected if expected else 1.0

    def precision(self, key: Callable[[str], str] = str) -> float:
        hits, _, printed = self._counts(key)
        return hits / printed if printed else 1.0

    @property
    def crashes(self) -> list[str]:
        return [s.name for s in self.files if s.status not in {0, 1}]

    def summary(self) -> str:
        perfect = sum(s.perfect for s in self.files)
        return (
            f"recall {self.recall():.3f} precision {self.precision():.3f} "
            f"(by key: {self.recall(_key):.3f} / {self.precision(_key):.3f}); "
            f"{perfect}/{len(self.files)} files perfect; crashes {self.crashes}"
        )


def _key(url: str) -> str:
    return normalize_url(url)


def serve_corpus(site: Site) -> list[dict[str, object]]:
    """Route every corpus file at /<file name> ({base} filled in); the manifest entries."""
    manifest: list[dict[str, object]] = json.loads((CORPUS / "manifest.json").read_text())
    for entry in manifest:
        name = str(entry["file"])
        data = (CORPUS / name).read_bytes()
        if name.endswith(".gz"):
            data = gzip.compress(_fill(gzip.decompress(data), site.base_url), mtime=0)
        else:
            data = _fill(data, site.base_url)
        site.routes["/" + name] = Reply(200, data, {"Content-Type": str(entry["content_type"])})
    site.routes["/robots.txt"] = Reply(
        200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"}
    )
    site.routes[NEVER_READ] = Reply(200, b"NEVER-READ-MARKER", {"Content-Type": "text/plain"})
    return manifest


def _fill(data: bytes, base: str) -> bytes:
    # {base} is ASCII in every encoding the corpus uses except UTF-16, handled apart.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        return text.replace("{base}", base).encode("utf-16")
    return data.replace(b"{base}", base.encode("ascii"))


def score_corpus(site: Site, main: Callable[[list[str]], int]) -> CorpusScore:
    """Run `main(["discover", URL, …])` on each scored corpus file and score what it prints."""
    score = CorpusScore()
    for entry in serve_corpus(site):
        if not entry["scored"]:
            continue
        name = str(entry["file"])
        out, err = io.StringIO(), io.StringIO()
        argv = ["discover", site.url("/" + name), "--allow-loopback", "--min-delay", "0"]
        with redirect_stderr(err):
            try:
                status = _run(main, argv, out)
            except Exception as exc:  # noqa: BLE001 - a crash is what this scores
                status, err = 99, io.StringIO(f"{type(exc).__name__}: {exc}")
        printed = [json.loads(line).get("url") for line in out.getvalue().splitlines()]
        expected = [str(u).replace("{base}", site.base_url) for u in entry["urls"]]  # type: ignore[attr-defined]
        score.files.append(
            FileScore(name, expected, [p for p in printed if p], status, err.getvalue())
        )
    return score


def _run(main: Callable[[list[str]], int], argv: list[str], out: io.StringIO) -> int:
    with redirect_stdout(out):
        return main(argv)
