"""Classify a model ID as pinned, floating or opaque, per provider (agent-ecosystem.md, A.2-A.3).

Pure string logic; no rule state. Returns None when the string is not recognisably a model ID,
because a rule that guesses is worse than a rule that stays silent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from readiness.pack import as_of, data, user_lifecycle

PINNED, FLOATING, OPAQUE, PREVIEW = "pinned", "floating", "opaque", "preview"
# PREVIEW: a dated experimental or preview release. It does not drift (the date fixes it), but the
# provider may change or withdraw it at short notice; RDY104 reports it, RDY101 does not.

LITELLM_PROVIDERS = {
    "openai", "azure", "azure_ai", "anthropic", "bedrock", "vertex_ai", "vertex_ai_beta", "gemini", "mistral", "cohere",
    "groq", "together_ai", "fireworks_ai", "ollama", "ollama_chat", "openrouter", "deepseek", "xai", "hosted_vllm",
    "litellm_proxy", "huggingface", "perplexity", "cerebras", "sagemaker", "watsonx", "nvidia_nim", "text-completion-openai",
}
COLON_PROVIDERS = {
    "openai", "openai-responses", "anthropic", "azure_openai", "azure", "google_genai", "google_vertexai", "google",
    "google-gla", "google-vertex", "google-cloud", "bedrock", "bedrock_converse", "groq", "mistralai", "mistral",
    "cohere", "ollama", "openrouter", "litellm", "deepseek", "xai", "fireworks", "together", "huggingface",
}
AZURE_PREFIXES = {"azure", "azure_ai", "azure_openai"}
# Speech, transcription, image and embedding models: not the agent's chat model.
NON_CHAT_PARTS = ("moderation", "embedding", "transcribe", "-tts", "whisper", "dall-e", "gpt-image", "imagen", "veo-")

OPENAI_FAMILY = re.compile(r"^(?:ft:)?(?:gpt-|o\d(?:-|$)|chatgpt-|codex-|computer-use-)")
OPENAI_PINNED = re.compile(
    r"^(?:ft:)?[a-z0-9][a-z0-9.\-]*?-(?:20\d{2}-\d{2}-\d{2}|(?:0[1-9]|1[0-2])\d{2})(?:-preview)?(?::.*)?$"
)
CLAUDE_DATED = re.compile(r"^claude-[a-z0-9.-]+-20\d{6}$")
CLAUDE_VERTEX = re.compile(r"^claude-[a-z0-9.-]+@20\d{6}$")
CLAUDE_DATELESS = re.compile(r"^claude-(?P<name>[a-z]+)-(?P<major>\d+)(?:-(?P<minor>\d{1,2}))?$")
CLAUDE_OLD_DATELESS = re.compile(r"^claude-(?P<major>\d)(?:-(?P<minor>\d))?-(?P<name>[a-z]+)$")
GEMINI = re.compile(r"^gemini-(?P<gen>\d+(?:\.\d+)?)-(?P<rest>[a-z0-9.-]+)$")
GEMINI_FLOATING = re.compile(r"-latest$|-exp(?:-\d{2}-\d{2}|-\d{4})?$|^gemini-exp-")
BEDROCK = re.compile(
    r"^(?:(?:us|eu|apac|us-gov|jp|au|sa|amer|ca|global)\.)?"
    r"(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|stability)\.[A-Za-z0-9._:-]+$"
)
MISTRAL_FAMILY = re.compile(r"^(?:mistral|codestral|ministral|magistral|pixtral|devstral|open-mistral|open-mixtral)")
MISTRAL_PINNED = re.compile(r"-2[3-9](?:0[1-9]|1[0-2])$")
COHERE_FAMILY = re.compile(r"^command(?:-|$)")
COHERE_PINNED = re.compile(r"-(?:0[1-9]|1[0-2])-20\d{2}$")


# Claude Code / Agent SDK model aliases (``model="sonnet"``): they move to each new release.
CLAUDE_CODE_ALIASES = frozenset({"sonnet", "opus", "haiku", "opusplan", "sonnet[1m]", "default"})
# Model families of providers without a branch below whose ``-latest`` aliases are still judged.
OTHER_FAMILIES = ("grok", "sonar", "jamba", "qwen", "deepseek", "llama", "phi-", "nova-", "titan-", "glm-", "kimi-", "moonshot")


@dataclass(frozen=True)
class ModelClass:
    status: str  # pinned | floating | opaque | preview
    provider: str
    model: str  # the ID with any router prefix removed
    reason: str
    suggestion: str = ""


@dataclass(frozen=True)
class Lifecycle:
    model: str
    provider: str
    shutdown: str  # YYYY-MM-DD
    replacement: str
    earliest: bool  # the provider publishes the earliest possible date, not the actual one
    user: str = ""  # the repository's lifecycle file that added or overrode this entry

    @property
    def table(self) -> str:
        """Where the fact comes from, for messages: the pack's table and its date, or the user's file."""
        return f"from {self.user}" if self.user else f"lifecycle table compiled {data('lifecycle')['compiled']}"

    def retired(self, today: str) -> bool:
        return not self.earliest and self.shutdown <= today


def _lifecycle() -> dict[str, Lifecycle]:
    """The confirmed entries of the rule pack's table, with the repository's own on top."""
    return _lifecycle_for(user_lifecycle())


@lru_cache(maxsize=4)
def _lifecycle_for(user: tuple[tuple, ...]) -> dict[str, Lifecycle]:
    table = {}
    for entry in [*data("lifecycle").get("models", []), *map(dict, user)]:
        if entry.get("confirmed"):
            table[entry["id"]] = Lifecycle(entry["id"], entry["provider"], str(entry["shutdown"]),
                                           entry.get("replacement", ""), bool(entry.get("earliest")),
                                           entry.get("user", ""))
    return table


def retired_now(model_id: str) -> Lifecycle | None:
    """The lifecycle entry of a model its provider has shut down by the scan's judging date
    (``pack.as_of()``: the rule pack's compiled date unless ``--as-of`` says otherwise), if any."""
    entry = lifecycle(model_id)
    return entry if entry is not None and entry.retired(as_of()) else None


def lifecycle(model_id: str) -> Lifecycle | None:
    """The confirmed retirement or deprecation of a model ID (router prefixes ignored), if any."""
    if not isinstance(model_id, str):
        return None
    return _lifecycle().get(strip_prefix(model_id)[1])


@lru_cache(maxsize=1)
def _snapshots() -> dict[str, str]:
    return dict(data("models").get("snapshots", {}))


@lru_cache(maxsize=1)
def _non_chat() -> frozenset[str]:
    return frozenset(data("models").get("non_chat", []))


def strip_prefix(model_id: str) -> tuple[str, str]:
    """Split a router prefix (``openai/``, ``anthropic:``, ``litellm/anthropic/``) off an ID."""
    mid = model_id.strip()
    prefix = ""
    for _ in range(3):
        if "/" in mid and mid.split("/", 1)[0] in LITELLM_PROVIDERS | {"litellm"}:
            head, mid = mid.split("/", 1)
            prefix = prefix or head
            continue
        if ":" in mid and mid.split(":", 1)[0] in COLON_PROVIDERS:
            head, mid = mid.split(":", 1)
            prefix = prefix or head
            continue
        break
    if mid.startswith("bedrock/converse/"):
        mid = mid[len("bedrock/converse/"):]
    if "models/" in mid:  # Gemini ``models/gemini-1.5-flash``, Vertex ``.../publishers/google/models/<id>``
        head, _, tail = mid.rpartition("models/")
        if head in ("", "publishers/google/", "publishers/anthropic/") or head.endswith(("/publishers/google/", "/publishers/anthropic/")):
            mid = tail
    return prefix, mid


def _suggest(model: str) -> str:
    """A pinned snapshot to suggest, unless its provider has announced that snapshot's end."""
    suggestion = _snapshots().get(model, "")
    return "" if suggestion in _lifecycle() else suggestion


def classify(model_id: str, sdk: str = "") -> ModelClass | None:
    """Pinned, floating or opaque; None when the string is not a model ID we can judge."""
    if not isinstance(model_id, str) or not model_id.strip() or any(c in model_id for c in "{}$<> "):
        return None
    prefix, model = strip_prefix(model_id)
    if not model or model in _non_chat() or any(part in model for part in NON_CHAT_PARTS):
        return None
    if prefix in AZURE_PREFIXES or sdk == "azure":
        return ModelClass(OPAQUE, "azure", model, "an Azure deployment name; the model version is set on the deployment")
    if model.startswith("arn:aws:bedrock:"):
        if "foundation-model/" in model:
            return classify(model.split("foundation-model/", 1)[1], "bedrock")
        return ModelClass(OPAQUE, "bedrock", model, "an inference-profile or provisioned-model ARN")
    if model == "openrouter/auto" or model.startswith("~"):
        return ModelClass(FLOATING, "openrouter", model, "a router that picks the model at run time")
    if model.endswith(":latest") and not sdk and not prefix:
        return None  # ``llama3:latest`` with no provider known: a local Ollama-style tag, not judged
    if model.endswith("-latest") and not (sdk or prefix) and _family(model) == "other" and not model.startswith(OTHER_FAMILIES):
        return None  # ``ubuntu-latest``, ``node-latest``: not a model of a provider we know
    if model.endswith("-latest") or model.endswith(":latest"):
        return ModelClass(FLOATING, _family(model), model, "a `-latest` alias that the provider repoints", _suggest(model))
    if BEDROCK.match(model):
        return ModelClass(PINNED, "bedrock", model, "a versioned Bedrock model ID")
    if model.startswith("claude-"):
        return _claude(model)
    if sdk == "anthropic" and model in CLAUDE_CODE_ALIASES:
        return ModelClass(FLOATING, "anthropic", model, "a Claude Code alias that follows the newest model of its tier")
    if model.startswith("gemini-"):
        return _gemini(model)
    if OPENAI_FAMILY.match(model) and not model.startswith("gpt-oss"):
        if OPENAI_PINNED.match(model) and "preview" in model:
            return ModelClass(PREVIEW, "openai", model, "a dated preview snapshot")
        if OPENAI_PINNED.match(model) or model.startswith("ft:"):
            return ModelClass(PINNED, "openai", model, "a dated snapshot")
        return ModelClass(FLOATING, "openai", model, "an undated alias that OpenAI moves to newer snapshots", _suggest(model))
    if MISTRAL_FAMILY.match(model):
        if MISTRAL_PINNED.search(model):
            return ModelClass(PINNED, "mistral", model, "a dated Mistral release")
        return None  # undated open-weight names are ambiguous
    if COHERE_FAMILY.match(model):
        if COHERE_PINNED.search(model):
            return ModelClass(PINNED, "cohere", model, "a dated Cohere release")
        if model.endswith("-nightly") or model in ("command", "command-light", "command-r", "command-r-plus"):
            return ModelClass(FLOATING, "cohere", model, "an undated Cohere alias", _suggest(model))
        return None
    if sdk == "ollama" or prefix in ("ollama", "ollama_chat"):
        if ":" not in model:
            return ModelClass(FLOATING, "ollama", model, "an Ollama name without a tag, which means `:latest`")
        return ModelClass(PINNED, "ollama", model, "an Ollama tag")
    return None


def _family(model: str) -> str:
    if model.startswith("claude"):
        return "anthropic"
    if model.startswith("gemini"):
        return "google"
    if MISTRAL_FAMILY.match(model):
        return "mistral"
    if OPENAI_FAMILY.match(model):
        return "openai"
    return "other"


def _claude(model: str) -> ModelClass:
    if CLAUDE_DATED.match(model) or CLAUDE_VERTEX.match(model):
        return ModelClass(PINNED, "anthropic", model, "a dated snapshot")
    m = CLAUDE_DATELESS.match(model)
    if m:
        version = (int(m.group("major")), int(m.group("minor") or 0))
        if version >= (4, 6):
            return ModelClass(PINNED, "anthropic", model, "from Claude 4.6 on, the dateless ID is the fixed snapshot")
        return ModelClass(FLOATING, "anthropic", model, "an undated alias of the newest snapshot of that version", _suggest(model))
    if CLAUDE_OLD_DATELESS.match(model) or re.match(r"^claude-\d", model):
        return ModelClass(FLOATING, "anthropic", model, "an undated alias", _suggest(model))
    return ModelClass(FLOATING, "anthropic", model, "an undated alias", _suggest(model))


GEMINI_DATED_PREVIEW = re.compile(r"-(?:exp|preview)-(?:\d{2}-\d{2}|\d{4})$")


def _gemini(model: str) -> ModelClass | None:
    if GEMINI_DATED_PREVIEW.search(model):
        return ModelClass(PREVIEW, "google", model, "a dated experimental or preview Gemini release")
    if GEMINI_FLOATING.search(model):
        return ModelClass(FLOATING, "google", model, "an experimental or `-latest` Gemini alias that may change or vanish")
    if model == "gemini-pro" or model == "gemini-pro-vision":
        return ModelClass(FLOATING, "google", model, "an auto-updated Gemini alias", _suggest(model))
    if "preview" in model:
        return ModelClass(FLOATING, "google", model, "an undated preview model, which Google may change or retire at short notice")
    m = GEMINI.match(model)
    if not m:
        return None
    if re.search(r"-\d{3}$", model):
        return ModelClass(PINNED, "google", model, "a numbered stable Gemini version")
    try:
        gen = float(m.group("gen"))
    except ValueError:
        return None
    if gen >= 2.5:
        return ModelClass(PINNED, "google", model, "a stable Gemini 2.5+ ID")
    return ModelClass(FLOATING, "google", model, "an auto-updated Gemini alias", _suggest(model))
