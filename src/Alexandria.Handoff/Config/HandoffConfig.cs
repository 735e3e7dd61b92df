using System.Collections.Generic;

namespace Alexandria.Handoff.Config;

/// <summary>
/// The settings of <c>handoff.yaml</c> at the repository root (every key optional; docs/handoff.md lists them).
/// Keys are snake_case in the file.
/// </summary>
public sealed class HandoffConfig
{
    /// <summary>Default time to live of a new packet; the seed's 72 h.</summary>
    public int TtlHours { get; set; } = 72;

    /// <summary>CT-2 globs.</summary>
    public List<string> ProtectedPaths { get; set; } = [];

    /// <summary>CT-3 globs.</summary>
    public List<string> GatingPaths { get; set; } = ConfigDefaults.GatingPaths();

    /// <summary>CT-3 markers looked for in the changed lines of every file.</summary>
    public List<string> GatingMarkers { get; set; } = ConfigDefaults.GatingMarkers();

    /// <summary>CT-1: folders of contract files (JSON Schema, OpenAPI, prompt manifests) compared with the drift engine.</summary>
    public List<string> ContractDirs { get; set; } = ["contracts"];

    /// <summary>CT-1: source files whose public declarations are the libraries' public API surface.</summary>
    public List<string> PublicApiPaths { get; set; } = ["src/**/*.cs"];

    /// <summary>CT-4 pairs.</summary>
    public List<SpecPair> SpecPairs { get; set; } = [];

    /// <summary>Preflight step 1 (the seed's path); run when it exists.</summary>
    public string ReadinessScript { get; set; } = "docs/scripts/check_readiness.py";

    /// <summary>Preflight step 2 when there is no readiness script; null = the repository's own test command (test.sh, …).</summary>
    public string? TestCommand { get; set; }

    /// <summary>Preflight step 3: the state file whose Blockers section must be empty.</summary>
    public string StateFile { get; set; } = "LIFEOS_STATE.md";

    /// <summary>Closure bundle: governance documents included when modified.</summary>
    public List<string> GovernanceDocs { get; set; } = ConfigDefaults.GovernanceDocs();
}
