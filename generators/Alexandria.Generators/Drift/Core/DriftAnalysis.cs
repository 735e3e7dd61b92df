using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Compares current contracts with a baseline (the lock file, or the contracts at a git ref) and
    /// weighs every change against the versions: a breaking change is an error unless the version that
    /// owns it was bumped (major for API changes, any bump for a template edit), in which case it is
    /// reported as accepted; a bumped version the baseline does not know yet is a stale lock.
    /// </summary>
    internal static class DriftAnalysis
    {
        /// <param name="baseline">What the lock (or the git ref) records.</param>
        /// <param name="current">The contracts as they are now.</param>
        /// <param name="baselineName">How messages name the baseline, e.g. <c>contracts.lock.json</c>.</param>
        /// <param name="baselineIsLock">Whether a version newer than the baseline means the lock needs refreshing.</param>
        public static IReadOnlyList<DriftFinding> Compare(IReadOnlyList<LockedContract> baseline, IReadOnlyList<LockedContract> current, string baselineName, bool baselineIsLock)
        {
            var findings = new List<DriftFinding>();
            foreach (var contract in current.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var here = new DriftAnchor(contract.FilePath, contract.Start, contract.Length);
                var locked = baseline.FirstOrDefault(b => b.Name == contract.Name);
                if (locked is null)
                {
                    findings.Add(new DriftFinding(DriftRules.CompatibleChange, DriftSeverity.Info, here,
                        "'" + contract.Name + "' is a new contract, not yet in " + baselineName + (baselineIsLock ? "; run '" + LockFile.Command + "' to add it" : "")));
                    continue;
                }

                if (locked.Kind != contract.Kind)
                {
                    findings.Add(new DriftFinding(DriftRules.ContractRemoved, DriftSeverity.Error, here,
                        "'" + contract.Name + "' was a " + LockedKinds.Name(locked.Kind) + " contract in " + baselineName + " and is now a " + LockedKinds.Name(contract.Kind) + " contract; every generated member of the old one is gone. If this is intended, run '" + LockFile.Command + "'"));
                    continue;
                }

                var sink = new DriftChangeSink(contract.FilePath);
                switch (contract.Kind)
                {
                    case LockedKind.OpenApi:
                        new OpenApiDiffer(sink).Diff(locked.Normalized, contract.Normalized, here);
                        break;
                    case LockedKind.PromptManifest:
                        new PromptManifestDiffer(sink).Diff(locked.Normalized, contract.Normalized, here);
                        break;
                    default:
                        new SchemaDiffer(sink).Diff(locked.Normalized, contract.Normalized, "#", here);
                        break;
                }

                foreach (var change in sink.Changes)
                {
                    findings.Add(Weigh(change, locked, contract));
                }

                if (baselineIsLock)
                {
                    AddStaleVersions(findings, locked, contract, baselineName, here);
                }
            }

            foreach (var gone in baseline.Where(b => current.All(c => c.Name != b.Name)).OrderBy(b => b.Name, StringComparer.Ordinal))
            {
                findings.Add(new DriftFinding(DriftRules.ContractRemoved, DriftSeverity.Error, new DriftAnchor(gone.FilePath, gone.Start, gone.Length),
                    "contract '" + gone.Name + "' is recorded in " + baselineName + " but no longer exists, so every type generated from it is gone. If it was removed on purpose, run '" + LockFile.Command + "'"));
            }

            return findings
                .OrderBy(f => f.At.FilePath, StringComparer.Ordinal)
                .ThenBy(f => f.At.Start)
                .ThenBy(f => f.Id, StringComparer.Ordinal)
                .ThenBy(f => f.Message, StringComparer.Ordinal)
                .ToList();
        }

        private static DriftFinding Weigh(DriftChange change, LockedContract locked, LockedContract contract)
        {
            if (!change.Breaking)
            {
                return new DriftFinding(change.RuleId, DriftSeverity.Info, change.At, change.Message);
            }

            var field = LockedKinds.VersionField(contract.Kind);
            var before = locked.Version;
            var after = contract.Version;
            if (ContractVersion.IsMajorBump(before, after))
            {
                return Accepted(change, field, before, after);
            }

            if (change.PromptId is string promptId)
            {
                var promptBefore = PromptVersion(locked, promptId);
                var promptAfter = PromptVersion(contract, promptId);
                var accepted = change.Bump == BumpNeeded.Any
                    ? ContractVersion.Changed(promptBefore, promptAfter)
                    : ContractVersion.IsMajorBump(promptBefore, promptAfter);
                if (accepted)
                {
                    return Accepted(change, "prompt '" + promptId + "' version", promptBefore, promptAfter);
                }

                var target = change.Bump == BumpNeeded.Any ? ContractVersion.NextPatch(promptBefore) : ContractVersion.NextMajor(promptBefore);
                var notEnough = ContractVersion.Changed(promptBefore, promptAfter) ? " (" + promptBefore + " → " + promptAfter + " is not a major bump)" : "";
                return new DriftFinding(change.RuleId, DriftSeverity.Error, change.At,
                    change.Message + ". If this is intended, bump prompt '" + promptId + "' version to " + target + notEnough + " and run '" + LockFile.Command + "'");
            }

            var minorOnly = ContractVersion.Changed(before, after) ? " (" + before + " → " + after + " is not a major bump)" : "";
            return new DriftFinding(change.RuleId, DriftSeverity.Error, change.At,
                change.Message + ". If this is intended, bump " + field + " to " + ContractVersion.NextMajor(before) + minorOnly + " and run '" + LockFile.Command + "'");
        }

        private static DriftFinding Accepted(DriftChange change, string field, string? before, string? after)
            => new DriftFinding(DriftRules.AcceptedByVersionBump, DriftSeverity.Info, change.At,
                change.RuleId + " accepted by version bump " + (before ?? "(none)") + " → " + (after ?? "(none)") + " of " + field + ": " + change.Message);

        private static void AddStaleVersions(List<DriftFinding> findings, LockedContract locked, LockedContract contract, string baselineName, DriftAnchor here)
        {
            var advice = "; run '" + LockFile.Command + "' to make the current contracts the new baseline";
            if (locked.Version != contract.Version)
            {
                findings.Add(new DriftFinding(DriftRules.StaleLock, DriftSeverity.Warning, here,
                    LockedKinds.VersionField(contract.Kind) + " of '" + contract.Name + "' is " + (contract.Version ?? "(none)") + " but " + baselineName + " records " + (locked.Version ?? "(none)") + advice));
            }

            if (contract.Kind != LockedKind.PromptManifest)
            {
                return;
            }

            foreach (var prompt in contract.Normalized["prompts"]?.Members ?? Array.Empty<CanonicalMember>())
            {
                var before = PromptVersion(locked, prompt.Name);
                var after = prompt.Value.GetString("version");
                if (locked.Normalized["prompts"]?.GetMember(prompt.Name) is not null && before != after)
                {
                    var at = DriftAnchor.Of(contract.FilePath, prompt.Value.GetMember("version"), here);
                    findings.Add(new DriftFinding(DriftRules.StaleLock, DriftSeverity.Warning, at,
                        "prompt '" + prompt.Name + "' version is " + (after ?? "(none)") + " but " + baselineName + " records " + (before ?? "(none)") + advice));
                }
            }
        }

        private static string? PromptVersion(LockedContract contract, string promptId)
            => contract.Normalized["prompts"]?[promptId]?.GetString("version");
    }
}
