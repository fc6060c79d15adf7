"""Recognising credentials in text: provider key formats, secret-like names with generated-looking
values, placeholders, and how to show one without revealing it. Shared by RDY401 (committed
keys), RDY403 (keys in prompts), RDY411 (credential files) and the rule docs."""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from readiness.pack import data

SECRET_NAME = re.compile(r"(API_KEY|API_HASH|_TOKEN|_SECRET|SECRET_KEY|PASSWORD|ACCESS_KEY)$", re.I)


@lru_cache(maxsize=1)
def _formats() -> list[tuple[str, int, re.Pattern, tuple[str, ...]]]:
    return [(f["name"], int(f["prefix"]), re.compile(f["regex"]), tuple(f["anchors"]), int(f.get("before", 0)),
             int(f.get("body", 0))) for f in data("secrets")["formats"]]


# The body of a PEM block: base64 lines, written with real or escaped (``\n``) line breaks.
_PEM_BODY = re.compile(r"(?:\s|\\n|\\r)*((?:[A-Za-z0-9+/=]|\s|\\n|\\r)*)")


def _has_body(text: str, end: int, wanted: int) -> bool:
    body = _PEM_BODY.match(text, end, end + 4 * wanted + 200).group(1)
    return len(re.sub(r"\s|\\n|\\r", "", body)) >= wanted


def find_credentials(text: str):
    """(start, value, label, prefix) for every credential in known formats, in text order.

    Each format names the literal strings its matches start with; ``str.find`` locates those
    (fast, in C) and the format's regex runs only there. Formats are tried in pack order, most
    specific first, so an Anthropic key is never called an OpenAI key."""
    formats = _formats()
    candidates: dict[int, set[int]] = {}
    for index, (_, _, pattern, anchors, before, _) in enumerate(formats):
        for anchor in anchors:
            at = text.find(anchor)
            while at != -1:
                if before:  # the match starts before its anchor (``7012345678:AA...``)
                    m = pattern.search(text, max(0, at - before), at + len(anchor) + 200)
                    if m and m.start() <= at < m.end():
                        candidates.setdefault(m.start(), set()).add(index)
                else:
                    candidates.setdefault(at, set()).add(index)
                at = text.find(anchor, at + 1)
    end = -1
    for start in sorted(candidates):
        if start < end:
            continue
        for index in sorted(candidates[start]):
            label, prefix, pattern, _, _, body = formats[index]
            m = pattern.match(text, start)
            if m and body and not _has_body(text, m.end(), body):
                continue
            if m:
                end = m.end()
                yield start, m.group(0), label, prefix
                break


def _entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def is_placeholder(value: str) -> bool:
    """Documentation examples, masked values and low-entropy fixtures are not credentials."""
    if any(p in value for p in data("secrets")["placeholders"]):
        return True
    body = re.sub(r"^[a-z]+[-_](?:[a-z0-9]+[-_])?", "", value)
    return len(body) >= 8 and (_entropy(body) < 3.0 or len(set(body)) <= 4) or _SEQUENCE.search(value) is not None \
        or _WORDY.search(value) is not None


# A value that spells out what it is (``TempPassword2026``, ``MySecretToken1``) was typed by a person
# for a demo; generated credentials never contain these words.
_WORDY = re.compile(r"passw(?:or)?d|secret|token", re.I)


# Eight letters in alphabet order (``abcdefgh``) or the whole digit row (``1234567890``): typed by a
# person writing a sample (``ghp_abcdefghijklmnopqrstuvwxyz1234567890``), never drawn at random.
_SEQUENCE = re.compile("|".join(
    [re.escape(seq[i:i + 8]) for seq in ("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
     for i in range(len(seq) - 7)] + ["0123456789", "1234567890"]))


# ``OPENAI_API_KEY = "..."``, ``api_key: ...``, ``"client_secret": "..."``, ``ENV DB_PASSWORD=...``,
# ``os.environ["OPENAI_API_KEY"] = "..."``, a fallback (``os.getenv("API_KEY", "...")``,
# ``setdefault``, TS ``process.env.API_KEY ?? "..."`` / ``||``): a secret-like name, then an
# assignment or a fallback, then a value. The name must END with the secret word,
# so ``max_tokens``, ``token_url`` and ``secret_name`` never match.
_SECRET_WORD = re.compile(
    r"""(?:api[_-]?key|apikey|api[_-]?hash|account[_-]?key|secret(?:[_-]?key)?|token|password|passwd|access[_-]?key|auth[_-]?key|"""
    r"""private[_-]?key|credentials?)['"]?\]?[ \t]*(?:=|:|=>|\?\?|\|\||,)[ \t]*['"]?""",
    re.I,
)
_NAME_TAIL = re.compile(r"[A-Za-z0-9_.-]{0,60}\Z")
_VALUE = re.compile(r"[A-Za-z0-9_\-+/=.~]{16,1200}(?![A-Za-z0-9_\-+/=.~(\[])")  # JWTs run to hundreds


# A Google account app password as Google shows it (``abcd efgh ijkl mnop`` with random letters):
# sixteen lowercase letters in groups of four, under a password-like name. No digits, so the
# generic test below would never call it generated.
_APP_PASSWORD = re.compile(r"[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}")
_APP_PASSWORD_VALUE = re.compile(r"[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}(?=['\"])")


def _alphabet_run(value: str) -> bool:
    """``abcd efgh ijkl mnop``: a documentation sample, not a password."""
    return any(all(ord(b) - ord(a) == 1 for a, b in zip(group, group[1:])) for group in value.split())


_ARN = re.compile(r"\barn:aws[\w-]*:[\w-]+:[\w-]*:\d*:$")


def named_values(text: str):
    """(name, value start, value) for each ``<secret-like name> = <token>`` in the text.

    The secret word is found first (a fast literal scan); the name is read backwards from it and
    must end with that word, so ``max_tokens`` or ``token_url`` never match."""
    for m in _SECRET_WORD.finditer(text):
        head = _NAME_TAIL.search(text, max(0, m.start() - 60), m.start())
        name = (head.group(0) if head else "") + text[m.start():m.end()].rstrip("'\" \t=:>],?|")
        if name[:1].isdigit() or not name:
            continue
        start = head.start() if head else m.start()
        if start and text[start - 1] == ":" and _ARN.search(text, max(0, start - 120), start):
            continue  # ``arn:aws:secretsmanager:...:secret:NAME``: where a secret is kept, not the secret
        value = _VALUE.match(text, m.end())
        if value:
            yield name, m.end(), value.group(0)
        elif "pass" in name.lower() and (value := _APP_PASSWORD_VALUE.match(text, m.end())):
            yield name, m.end(), value.group(0)


_HOST_LOCAL = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[A-Za-z0-9_-]+)(?::\d+)?$")


@lru_cache(maxsize=1)
def _url_pattern() -> re.Pattern:
    schemes = "|".join(re.escape(s) for s in sorted(data("secrets")["url_schemes"], key=len, reverse=True))
    return re.compile(
        rf"\b(?P<scheme>{schemes})(?:\+[a-z0-9]+)?://(?P<user>[^\s:/@'\"]+):(?P<password>[^\s@'\"/]+)@(?P<host>[^\s/'\"?#]+)",
        re.I,
    )


# A part no person types: a UUID, or a long run of hex with digits in it.
_RANDOM_PART = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=[a-f]*\d)[0-9a-f]{16,}")


def looks_generated(value: str) -> bool:
    """A credential-like token: letters and digits mixed, high entropy, not an identifier or a path;
    or a Google app password (four groups of four random lowercase letters)."""
    if _APP_PASSWORD.fullmatch(value):
        return not is_placeholder(value) and not _alphabet_run(value)
    if value.startswith(("$", "{", "<", "%")) or "${" in value or "{{" in value:
        return False
    if not re.search(r"\d", value) or not re.search(r"[A-Za-z]", value):
        return False
    if "." in value and re.fullmatch(r"[A-Za-z_][\w.]*", value) and max(map(len, value.split("."))) <= 32:
        return False  # settings.openai_api_key (a JWT's parts are longer: eyJhbGciOiJIUzI1NiIs...)
    if re.fullmatch(r"[a-z0-9_.-]+", value) and value.count("_") + value.count("-") >= 3 \
            and not _RANDOM_PART.search(value):  # slug-like names (``prod-agent-eu-west``), not ``fmu1-<uuid>-<hex>``
        return False
    if re.fullmatch(r"[0-9a-f]{24,}|[0-9A-F]{24,}", value):
        # Hex keys (NewsAPI, miIO device tokens, most "32 hex" API keys): sixteen symbols cap the
        # entropy at 4 bits, and a random 32-character sample lands near 3.4-3.6.
        return _entropy(value) >= 3.0 and not is_placeholder(value)
    return _entropy(value) >= (3.5 if len(value) >= 20 else 3.2) and not is_placeholder(value)


def redact(value: str, prefix: int) -> str:
    """Never the value: a short prefix and the length."""
    shown = value[:min(prefix, max(len(value) // 4, 1))]
    return f"{shown}… ({len(value)} chars)"
