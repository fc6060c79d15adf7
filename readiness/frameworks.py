"""Framework profiles: what readiness knows about each agent framework and model SDK, as data.

Each ``rules/frameworks/<framework>.yaml`` declares the framework's imports, re-exports and its
sites by role (see that folder's README). This module loads them once and compiles the lookup
tables the analysis needs, so that covering a new framework costs one profile, not edits across
the rules. Validation is strict: a malformed profile is a bug in the rule pack and raises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from readiness.pack import pack_dir, pack_yaml

ROLES = ("model", "agent-run", "tool", "approval", "guardrail", "tracing", "entry")
CAP_POLICIES = {"optional", "required", "autofilled", "elsewhere"}


class ProfileError(ValueError):
    """A profile that does not follow rules/frameworks/README.md."""


@dataclass(frozen=True)
class Profile:
    name: str
    version: str
    source: str
    imports: tuple[str, ...]
    reexports: dict
    roles: dict  # role -> list of site dicts, or {"none": reason}
    language: str = "python"  # typescript profiles become semgrep rules (readiness/tsjs_rules.py)

    def sites(self, role: str) -> list[dict]:
        value = self.roles[role]
        return value if isinstance(value, list) else []


@dataclass
class Tables:
    """Lookups compiled from every profile (the shapes ``readiness/analysis/sdk.py`` reads)."""

    methods: list[dict] = field(default_factory=list)  # model sites matched by method-chain tail
    qualnames: dict[str, dict] = field(default_factory=dict)  # model sites by callee
    model_bases: dict[str, dict] = field(default_factory=dict)  # subclassable model classes
    turn_caps: dict[str, dict] = field(default_factory=dict)  # agent runs whose own call carries the cap
    run_methods: list[dict] = field(default_factory=list)  # agent runs called on a built object
    run_tails: list[dict] = field(default_factory=list)  # agent runs recognised by a method chain
    overrides: list[dict] = field(default_factory=list)  # run-level objects that set model / cap for all
    default_model_names: set[str] = field(default_factory=set)  # callee names that have a default model
    reexports: dict[str, str] = field(default_factory=dict)
    framework_of_import: dict[str, str] = field(default_factory=dict)
    tool_decorators: dict[str, str] = field(default_factory=dict)  # qualified name -> framework
    tool_wrappers: dict[str, str] = field(default_factory=dict)
    tool_bases: dict[str, str] = field(default_factory=dict)
    tracing_setups: dict[str, dict] = field(default_factory=dict)  # qualified name -> {label, kw}
    tracing_off_calls: dict[str, dict] = field(default_factory=dict)  # callee -> {kw, pos, values, framework}
    tracing_off_env: dict[str, dict] = field(default_factory=dict)  # variable -> {values, why, framework}
    approval_flags: list[dict] = field(default_factory=list)
    guardrail_switches: list[dict] = field(default_factory=list)  # {callee?, kw, values, contains, why, imports}
    code_executors: dict[str, dict] = field(default_factory=dict)  # callee -> {runs | kw, host, default, only_with}
    sql_tools: dict[str, dict] = field(default_factory=dict)  # callee -> {default: writes|reads, kw, reads, writes, given_by}
    file_tools: dict[str, dict] = field(default_factory=dict)  # callee -> {confined_by, what, selected_kw, writers}
    prebuilt_tools: dict[str, dict] = field(default_factory=dict)  # callee -> {does, what, only_if_true, unless_false, ...}


def profile_dir() -> Path:
    return pack_dir() / "frameworks"


def _check(cond: bool, name: str, message: str) -> None:
    if not cond:
        raise ProfileError(f"rules/frameworks/{name}.yaml: {message}")


def _load(path: Path) -> Profile:
    name = path.stem
    raw = pack_yaml(path)
    _check(isinstance(raw, dict), name, "not a mapping")
    _check(raw.get("framework") == name, name, "`framework` must equal the file name")
    for key in ("version", "source"):
        _check(isinstance(raw.get(key), str) and raw[key], name, f"`{key}` is required")
    imports = raw.get("imports")
    _check(isinstance(imports, list) and imports and all(isinstance(i, str) for i in imports), name,
           "`imports` must list module prefixes")
    for site in (s for role in ROLES if isinstance(raw.get(role), list) for s in raw[role]):
        _check(isinstance(site, dict) and all(isinstance(k, str) for k in site), name,
               f"site {site!r} has a non-string key (an unquoted `on:`/`off:` reads as a boolean)")
    roles = {}
    for role in ROLES:
        value = raw.get(role)
        if isinstance(value, dict):
            _check(set(value) == {"none"} and isinstance(value["none"], str) and value["none"].strip(), name,
                   f"`{role}` must be a list of sites or {{none: <reason>}}")
        else:
            _check(isinstance(value, list) and value and all(isinstance(s, dict) for s in value), name,
                   f"`{role}` must be a list of sites or {{none: <reason>}}")
        roles[role] = value
    unknown = set(raw) - {"framework", "language", "version", "source", "imports", "reexports", "notes", *ROLES}
    _check(not unknown, name, f"unknown keys {sorted(unknown)}")
    language = raw.get("language", "python")
    _check(language in ("python", "typescript"), name, "`language` is python or typescript")
    return Profile(name, raw["version"], raw["source"], tuple(imports), dict(raw.get("reexports") or {}), roles, language)


@lru_cache(maxsize=1)
def profiles() -> tuple[Profile, ...]:
    """Every profile of the rule pack, by name."""
    return tuple(_load(p) for p in sorted(profile_dir().glob("*.yaml")))


def as_list(value) -> list:
    """A profile value that may be one name or a list of names, as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _model_spec(site: dict, profile: Profile) -> dict:
    """A model site in the shape the analysis reads (``sdk``, ``model``, ``caps``, ``cap`` ...)."""
    name = profile.name
    model = site.get("model") or {}
    cap = site.get("cap") or {}
    policy = cap.get("policy", "optional")
    _check(policy in CAP_POLICIES, name, f"cap policy {policy!r} of {site.get('callee') or site.get('tail')}")
    _check(isinstance(site.get("provider"), str), name, f"model site {site} needs a provider")
    spec = {
        "sdk": site["provider"],
        "framework": name,
        "model": as_list(model.get("kw")),
        "caps": as_list(cap.get("keys")),
        "cap": policy,
    }
    for key, target in (("pos", "model_pos"),):
        if model.get(key) is not None:
            spec[target] = model[key]
    if cap.get("in"):
        spec["cap_in"] = cap["in"]
    if cap.get("in_dicts"):
        spec["cap_in_dicts"] = True
    if site.get("default_model"):
        spec["default_model"] = site["default_model"]
    if site.get("only_with"):
        spec["only_with"] = as_list(site["only_with"])
    if cap.get("autofilled_for"):
        spec["autofilled_for"] = as_list(cap["autofilled_for"])
    if site.get("overridden_by"):
        spec["overridden_by"] = site["overridden_by"]["callee"]
    return spec


def _run_spec(site: dict, profile: Profile) -> dict:
    cap = site.get("cap") or {}
    _check("default" in cap, profile.name, f"agent-run site {site} needs cap.default")
    _check(bool(as_list(cap.get("keys"))) or cap["default"] == "infinite", profile.name,
           f"agent-run site {site} needs cap.keys (only a loop with no limit may offer none)")
    default = cap["default"]
    value = cap.get("value", default if isinstance(default, int) and not isinstance(default, bool) else None)
    _check(value is None or isinstance(value, int) and not isinstance(value, bool) and value > 0, profile.name,
           f"agent-run site {site}: cap.value is the number the default amounts to (for `readiness fix`)")
    return {
        "framework": profile.name,
        "caps": as_list(cap["keys"]),
        "in": cap.get("in"),
        "pos": cap.get("pos"),
        "default": default,
        "value": value,  # the default as a number to write out (readiness fix), when there is one
        "infinite": default == "infinite",
        "only_with": as_list(site.get("only_with")),
        # keyword -> the callee names that make it a real bound (a termination on a message count is;
        # one on a word the model may never say is not)
        "bounded_only_by": dict(cap.get("bounded_only_by") or {}),
    }


@lru_cache(maxsize=1)
def tables() -> Tables:
    """Compile every profile into lookup tables (once per process)."""
    out = Tables()
    for profile in profiles():
        if profile.language != "python":
            continue  # TypeScript sites are semgrep rules (readiness/tsjs_rules.py)
        out.reexports.update(profile.reexports)
        for prefix in profile.imports:
            out.framework_of_import[prefix] = profile.name
        for compile_role in (_add_models, _add_runs, _add_tools, _add_tracing, _add_guardrails):
            compile_role(profile, out)
        out.approval_flags.extend({**s["flag"], "framework": profile.name} for s in profile.sites("approval") if "flag" in s)
    return out


def _add_models(profile: Profile, out: Tables) -> None:
    for site in profile.sites("model"):
        spec = _model_spec(site, profile)
        if site.get("default_model"):
            out.default_model_names.add((site.get("callee") or ".".join(site.get("tail", [])[-1:])).split(".")[-1])
        if site.get("overridden_by"):
            out.overrides.append({**site["overridden_by"], "framework": profile.name})
        if "tail" in site:
            out.methods.append({**spec, "tail": list(site["tail"]), "imports": list(site.get("imports") or [])})
            continue
        _check(isinstance(site.get("callee"), str), profile.name, f"model site {site} needs callee or tail")
        if site.get("subclassable"):
            out.model_bases[site["callee"]] = spec
        if not site.get("base_only"):
            out.qualnames[site["callee"]] = spec


def _add_runs(profile: Profile, out: Tables) -> None:
    for site in profile.sites("agent-run"):
        spec = _run_spec(site, profile)
        if "callee" in site:
            out.turn_caps[site["callee"]] = spec
        elif "tail" in site:
            out.run_tails.append({**spec, "tail": list(site["tail"]), "imports": list(site.get("imports") or [])})
        else:
            _check(bool(site.get("on")) and bool(site.get("methods")), profile.name,
                   f"agent-run site {site} needs callee, tail, or on + methods")
            out.run_methods.append({**spec, "on": as_list(site["on"]), "methods": set(site["methods"]),
                                    "compiled": bool(site.get("compiled")), "served_by": site.get("served_by"),
                                    "cycle_check": site.get("cycle_check")})


def _add_tools(profile: Profile, out: Tables) -> None:
    for site in profile.sites("tool"):
        if "executor" in site:
            _check(site.get("runs") in ("host", "sandbox") or (site.get("kw") and site.get("default") in ("host", "sandbox"))
                   or (site.get("kw") and site.get("listed")),
                   profile.name, f"executor site {site} needs runs: host|sandbox, kw + host + default, or kw + listed")
            out.code_executors[site["executor"]] = {
                "runs": site.get("runs"), "kw": site.get("kw"), "host": [str(v) for v in as_list(site.get("host"))],
                "default": site.get("default"), "framework": profile.name, "only_with": as_list(site.get("only_with")),
                "listed": [str(v) for v in as_list(site.get("listed"))],
                "unless_false": as_list(site.get("unless_false")), "all_kw": site.get("all_kw")}
        if "sql_tool" in site:
            _check(site.get("default") in ("writes", "reads"), profile.name, f"sql_tool site {site} needs default: writes|reads")
            out.sql_tools[site["sql_tool"]] = {
                "default": site["default"], "kw": site.get("kw"), "framework": profile.name,
                "reads": [str(v) for v in as_list(site.get("reads"))], "writes": [str(v) for v in as_list(site.get("writes"))],
                "given_by": site.get("given_by"), "language": site.get("language", "SQL")}
        if "file_tool" in site:
            _check(bool(site.get("confined_by")) != bool(site.get("unconfined")), profile.name,
                   f"file_tool site {site} needs confined_by: <keyword> or unconfined: true")
            out.file_tools[site["file_tool"]] = {
                "confined_by": site.get("confined_by", ""), "framework": profile.name, "what": site.get("what", ""),
                "selected_kw": site.get("selected_tools_kw"), "writers": [str(t) for t in as_list(site.get("writers"))]}
        if "prebuilt" in site:
            _check(site.get("does") in ("message", "delete", "payment", "change"), profile.name,
                   f"prebuilt site {site} needs does: message|delete|payment|change")
            out.prebuilt_tools[site["prebuilt"]] = {
                "does": site["does"], "what": site.get("what", ""), "framework": profile.name,
                "only_if_true": as_list(site.get("only_if_true")), "unless_false": as_list(site.get("unless_false")),
                "selected_kw": site.get("selected_tools_kw"), "action_tools": [str(t) for t in as_list(site.get("action_tools"))],
                "actions_kw": site.get("actions_kw")}
        for key, table in (("decorator", out.tool_decorators), ("wrapper", out.tool_wrappers),
                           ("base_class", out.tool_bases), ("registration", out.tool_wrappers)):
            if key in site:
                table[site[key]] = profile.name


def _add_tracing(profile: Profile, out: Tables) -> None:
    for site in profile.sites("tracing"):
        if "setup" in site and "how" not in site and "." in site["setup"]:
            # ``kw``: the setup traces only when one of these keywords is passed a true value
            out.tracing_setups[site["setup"]] = {"label": f"{profile.name} tracing", "kw": as_list(site.get("kw"))}
        off = site.get("disabled_by")
        if isinstance(off, dict):
            _tracing_switch(off, site, profile, out)


def _add_guardrails(profile: Profile, out: Tables) -> None:
    for site in profile.sites("guardrail"):
        off = site.get("disabled_by")
        if isinstance(off, dict):
            _check(bool(off.get("kw")) and bool(off.get("values") or off.get("contains")), profile.name,
                   f"guardrail switch {off} needs kw and values or contains")
            out.guardrail_switches.append({
                "callee": off.get("callee"), "kw": off["kw"], "values": list(off.get("values") or []),
                "contains": [str(c) for c in off.get("contains") or []], "why": site.get("why", "switches a guardrail off"),
                "framework": profile.name,
                "imports": {i.split(".")[0] for i in as_list(off.get("imports")) or profile.imports}})


def _tracing_switch(off: dict, site: dict, profile: Profile, out: Tables) -> None:
    """``disabled_by: {env: NAME, values: [...]}`` or ``{callee, kw | pos, value | values}`` (the
    call itself switches tracing off when it names neither); ``callee`` defaults to the site's setup."""
    values = [v for v in as_list(off.get("values")) or ([off["value"]] if "value" in off else []) if v != ""]
    if "env" in off:
        _check(bool(values), profile.name, f"tracing switch {off} needs values")
        out.tracing_off_env.setdefault(off["env"], {
            "values": [str(v).lower() for v in values], "why": f"switches {profile.name} tracing off",
            "framework": profile.name})
        return
    callee = off.get("callee") or site.get("setup")
    _check(isinstance(callee, str), profile.name, f"tracing switch {off} needs a callee or env")
    out.tracing_off_calls[callee] = {"kw": off.get("kw"), "pos": off.get("pos"), "values": values,
                                     "framework": profile.name}


def canonical(qualname: str) -> str:
    """A public re-export path resolved to where its site is declared (nearest dotted prefix)."""
    reexports = tables().reexports
    head, rest = qualname, ""
    while head:
        if head in reexports:
            return reexports[head] + rest
        head, dot, tail = head.rpartition(".")
        rest = f".{tail}{rest}" if dot else rest
    return qualname


def nearest_prefix(qn: str, table: dict):
    """The table entry for ``qn`` or its nearest dotted prefix (``a.b.c`` -> ``a.b`` -> ``a``)."""
    while qn:
        if qn in table:
            return table[qn]
        qn = qn.rpartition(".")[0]
    return None


def framework_of(module: str) -> str | None:
    """The profile whose imports cover ``module`` (nearest dotted prefix), if any."""
    return nearest_prefix(module, tables().framework_of_import)
