using System.Collections.Generic;

namespace Alexandria.Generators.Drift
{
    /// <summary>How much a finding matters; maps onto Roslyn's severities and the CLI's exit code.</summary>
    internal enum DriftSeverity { Info, Warning, Error }

    /// <summary>What acceptance a breaking change needs: a major bump, or any bump (a template edit).</summary>
    internal enum BumpNeeded { Major, Any }

    /// <summary>One difference between the baseline and the current contract, before versions are weighed.</summary>
    internal sealed class DriftChange
    {
        public DriftChange(string ruleId, bool breaking, string message, DriftAnchor at, string? promptId, BumpNeeded bump)
        {
            RuleId = ruleId;
            Breaking = breaking;
            Message = message;
            At = at;
            PromptId = promptId;
            Bump = bump;
        }

        public string RuleId { get; }

        public bool Breaking { get; }

        public string Message { get; }

        public DriftAnchor At { get; }

        /// <summary>The prompt whose own version can accept this change; null for a contract-level change.</summary>
        public string? PromptId { get; }

        public BumpNeeded Bump { get; }
    }

    /// <summary>A place in a file: offset and length (line and column are computed by whoever reports it).</summary>
    internal readonly struct DriftAnchor
    {
        public DriftAnchor(string filePath, int start, int length)
        {
            FilePath = filePath;
            Start = start < 0 ? 0 : start;
            Length = start < 0 ? 0 : length;
        }

        public string FilePath { get; }

        public int Start { get; }

        public int Length { get; }

        /// <summary>The closest known place for a member: its name if it has one, else its value.</summary>
        public static DriftAnchor Of(string filePath, CanonicalMember? member, DriftAnchor fallback)
        {
            if (member is null)
            {
                return fallback;
            }

            if (member.NameStart >= 0)
            {
                return new DriftAnchor(filePath, member.NameStart, member.NameLength);
            }

            return member.Value.Start >= 0 ? new DriftAnchor(filePath, member.Value.Start, member.Value.Length) : fallback;
        }

        public static DriftAnchor Of(string filePath, CanonicalNode? node, DriftAnchor fallback)
            => node is not null && node.Start >= 0 ? new DriftAnchor(filePath, node.Start, node.Length) : fallback;
    }

    /// <summary>A drift finding as reported: rule ID, severity, place and a message that says what to do.</summary>
    internal sealed class DriftFinding
    {
        public DriftFinding(string id, DriftSeverity severity, DriftAnchor at, string message)
        {
            Id = id;
            Severity = severity;
            At = at;
            Message = message;
        }

        public string Id { get; }

        public DriftSeverity Severity { get; }

        public DriftAnchor At { get; }

        public string Message { get; }

        public override string ToString() => Severity.ToString().ToLowerInvariant() + " " + Id + ": " + Message;
    }

    /// <summary>Collects changes for one contract file; the differs write into it.</summary>
    internal sealed class DriftChangeSink
    {
        private readonly List<DriftChange> _changes = new List<DriftChange>();

        public DriftChangeSink(string filePath) => FilePath = filePath;

        /// <summary>The current contract file, which every anchor points into.</summary>
        public string FilePath { get; }

        /// <summary>The prompt being compared, if any; changes inherit it.</summary>
        public string? PromptId { get; set; }

        public IReadOnlyList<DriftChange> Changes => _changes;

        public void Breaking(string ruleId, DriftAnchor at, string message, BumpNeeded bump = BumpNeeded.Major)
            => _changes.Add(new DriftChange(ruleId, true, message, at, PromptId, bump));

        public void Compatible(DriftAnchor at, string message)
            => _changes.Add(new DriftChange(DriftRules.CompatibleChange, false, message, at, PromptId, BumpNeeded.Any));

        public DriftAnchor Anchor(CanonicalMember? member, DriftAnchor fallback) => DriftAnchor.Of(FilePath, member, fallback);

        public DriftAnchor Anchor(CanonicalNode? node, DriftAnchor fallback) => DriftAnchor.Of(FilePath, node, fallback);
    }
}
