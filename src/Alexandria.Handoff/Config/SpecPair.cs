using System.Collections.Generic;

namespace Alexandria.Handoff.Config;

/// <summary>
/// CT-4: when a path matching <see cref="Implementation"/> changes, a path matching <see cref="Spec"/> must change
/// in the same diff (e.g. a contract and the document that specifies it).
/// </summary>
public sealed class SpecPair
{
    public string Implementation { get; set; } = "";

    public string Spec { get; set; } = "";
}

/// <summary>The configuration's lists, kept apart from the scalars for readability.</summary>
public static class ConfigDefaults
{
    /// <summary>CT-3: CI scripts, workflows and build files whose change is a gating change.</summary>
    public static List<string> GatingPaths() =>
    [
        ".ci/", ".github/workflows/", ".gitlab-ci.yml", "azure-pipelines.yml", "Jenkinsfile",
        "test.sh", "test.ps1", "Directory.Build.props", "Directory.Build.targets", ".editorconfig",
    ];

    /// <summary>CT-3: text in a changed line of any file that changes what gates a build (warning levels, test filters, skips).</summary>
    public static List<string> GatingMarkers() =>
    [
        "TreatWarningsAsErrors", "WarningsNotAsErrors", "WarningsAsErrors", "NoWarn", "WarningLevel", "AnalysisLevel",
        "--filter", "Skip =", "[Ignore", "pytest.mark.skip", "continue-on-error",
    ];

    /// <summary>Governance documents a closure bundle carries when the mission modified them.</summary>
    public static List<string> GovernanceDocs() => ["docs/**/*.md", "*.md", "handoff.yaml"];
}
