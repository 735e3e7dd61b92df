using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Git;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Council;

/// <summary>An agent's CT-5 recommendation: accepted only linked to a CT-1…CT-4 trigger that fired on the same diff.</summary>
public sealed record Recommendation(string Reason, CouncilTriggerId LinkedTo);

/// <summary>The triggers that fired between two commits (empty: no council needed).</summary>
public sealed record CouncilResult(string Base, string Head, IReadOnlyList<CouncilTrigger> Triggers)
{
    public bool Required => Triggers.Count > 0;
}

/// <summary>Council triggers computed from a real git diff, not declared.</summary>
public static class CouncilCheck
{
    public static CouncilResult Run(HandoffLayout layout, HandoffConfig config, string baseRef, string headRef, Recommendation? recommendation)
    {
        var git = new GitCli(layout.Root);
        var baseCommit = git.ResolveCommit(baseRef) ?? throw new HandoffException("--base '" + baseRef + "' is not a commit of the repository at " + layout.Root);
        var headCommit = git.ResolveCommit(headRef) ?? throw new HandoffException("--head '" + headRef + "' is not a commit of the repository at " + layout.Root);
        var diff = new DiffContext(git, config, baseCommit, headCommit, GitDiff.Files(git, baseCommit, headCommit), GitDiff.Lines(git, baseCommit, headCommit));

        var fired = new[] { InterfaceTrigger.Check(diff), PathTriggers.Protected(diff), PathTriggers.Gating(diff), SpecTrigger.Check(diff) }
            .Where(f => f.Fired)
            .ToList();
        var triggers = fired.Select(f => f.ToTrigger()).ToList();
        if (recommendation is not null)
        {
            if (recommendation.LinkedTo == CouncilTriggerId.Ct5)
            {
                throw new HandoffException("a CT-5 recommendation must link to one of CT-1, CT-2, CT-3, CT-4, not to CT-5");
            }

            var linked = fired.FirstOrDefault(f => f.Id == recommendation.LinkedTo)
                ?? throw new HandoffException("CT-5 refused: it is linked to " + Name(recommendation.LinkedTo) + ", which did not fire on this diff "
                    + "(fired: " + (fired.Count == 0 ? "none" : string.Join(", ", fired.Select(f => Name(f.Id)))) + ")");
            var ct5 = new TriggerFinding(CouncilTriggerId.Ct5);
            ct5.Reasons.Add(recommendation.Reason);
            foreach (var path in linked.Paths)
            {
                ct5.Paths.Add(path);
            }

            triggers.Add(ct5.ToTrigger(recommendation.LinkedTo));
        }

        return new CouncilResult(baseCommit, headCommit, triggers);
    }

    public static string Name(CouncilTriggerId id) => CouncilTriggerIdJsonConverter.ToJsonValue(id);

    /// <summary>Parses "CT-1"… as the contract spells them.</summary>
    public static CouncilTriggerId Parse(string text)
        => CouncilTriggerIdJsonConverter.TryParse(text.Trim().ToUpperInvariant(), out var id)
            ? id
            : throw new HandoffException("'" + text + "' is not a council trigger; use one of CT-1, CT-2, CT-3, CT-4");
}
