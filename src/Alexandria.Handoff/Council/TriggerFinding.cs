using System.Collections.Generic;
using System.Linq;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Council;

/// <summary>What one trigger rule found in a diff; empty when it did not fire.</summary>
public sealed class TriggerFinding
{
    public TriggerFinding(CouncilTriggerId id) => Id = id;

    public CouncilTriggerId Id { get; }

    public List<string> Reasons { get; } = [];

    public SortedSet<string> Paths { get; } = new(System.StringComparer.Ordinal);

    public SortedSet<string> RuleIds { get; } = new(System.StringComparer.Ordinal);

    public bool Fired => Reasons.Count > 0;

    public CouncilTrigger ToTrigger(CouncilTriggerId? linkedTo = null) => new()
    {
        Id = Id,
        Reasons = Reasons.ToList(),
        Paths = Paths.ToList(),
        RuleIds = RuleIds.ToList(),
        LinkedTo = linkedTo,
    };
}
