using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Drift;

namespace Alexandria.Cli.Commands.Contracts;

/// <summary>A drift finding with the line and column its offset falls on, in the file it names.</summary>
internal sealed record LocatedFinding(DriftFinding Finding, string File, int Line, int Column)
{
    /// <summary><c>error</c>, <c>warning</c> or <c>info</c>, as MSBuild spells them.</summary>
    public string Severity => Finding.Severity switch
    {
        DriftSeverity.Error => "error",
        DriftSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The MSBuild-style line, so CI logs and IDE terminals link to the contract line.</summary>
    public override string ToString() => File + "(" + Line + "," + Column + "): " + Severity + " " + Finding.Id + ": " + Finding.Message;
}

/// <summary>The outcome of <c>contracts diff</c> once the comparison ran, whatever it is printed as.</summary>
/// <param name="BaselineName">The lock file's name or <c>git ref '…'</c>.</param>
/// <param name="ContractCount">Contracts read from the folder.</param>
/// <param name="Problems">Contracts that could not be read (reported instead of as removed).</param>
internal sealed record DriftReport(string BaselineName, int ContractCount, IReadOnlyList<string> Problems, IReadOnlyList<LocatedFinding> Findings)
{
    public int Breaking => Findings.Count(f => f.Finding.Severity == DriftSeverity.Error);

    public int Warnings => Findings.Count(f => f.Finding.Severity == DriftSeverity.Warning);

    public int Accepted => Findings.Count(f => f.Finding.Id == DriftRules.AcceptedByVersionBump);

    public int Compatible => Findings.Count(f => f.Finding.Id == DriftRules.CompatibleChange);

    /// <summary>2 when a contract could not be read, 1 when a change is breaking, else 0.</summary>
    public int ExitCode => Problems.Count > 0 ? ContractDriftRunner.Failed : Breaking > 0 ? ContractDriftRunner.BreakingChanges : ContractDriftRunner.Success;

    /// <summary>The closing line of the plain report.</summary>
    public string Summary
        => "Compared " + ContractCount + " contract(s) with " + BaselineName + ": " + Breaking + " breaking, " + Accepted + " accepted by a version bump, "
           + Compatible + " compatible, " + Warnings + " warning(s).";
}
