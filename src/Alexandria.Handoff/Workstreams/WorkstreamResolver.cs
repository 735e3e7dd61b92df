using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Alexandria.Handoff.Workstreams;

/// <summary>
/// Resolves a loose human phrase to a workstream, never asking for an internal id: exact human name → alias →
/// fuzzy (<see cref="Similarity"/>) → a PROVISIONAL entry when ambiguous or new → BLOCK only when the phrase holds
/// nothing to resolve from. Deterministic: the same phrase and file always give the same result and the same
/// provisional entry (its ids are derived from the phrase).
/// </summary>
public sealed class WorkstreamResolver
{
    private readonly HandoffLayout _layout;

    public WorkstreamResolver(HandoffLayout layout) => _layout = layout;

    public Resolution Resolve(string phrase)
    {
        var key = Similarity.Normalize(phrase);
        if (key.Length == 0)
        {
            return new Resolution(ResolutionKind.Blocked, null, 0, [],
                "Cannot tell which work this is: the request has no words to go by. Describe the work in a few words of your own.");
        }

        var workstreams = WorkstreamCatalog.Load(_layout);
        var exact = workstreams.Where(w => Similarity.Normalize(w.HumanName) == key).ToList();
        if (exact.Count == 1)
        {
            return Found(ResolutionKind.Exact, exact[0], 1, "matched by name");
        }

        var alias = exact.Count > 1 ? exact : workstreams.Where(w => w.Aliases.Any(a => Similarity.Normalize(a) == key)).ToList();
        if (alias.Count == 1)
        {
            return Found(ResolutionKind.Alias, alias[0], 1, "matched by alias");
        }

        if (alias.Count > 1)
        {
            return Provisional(workstreams, phrase, alias.Select(w => w.HumanName).ToList(), 1);
        }

        var scored = workstreams
            .Select(w => (Workstream: w, Score: new[] { w.HumanName }.Concat(w.Aliases).Max(n => Similarity.Score(phrase, n))))
            .Where(s => s.Score >= Similarity.Threshold)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Workstream.HumanName, StringComparer.Ordinal)
            .ToList();
        if (scored.Count == 0)
        {
            return Provisional(workstreams, phrase, [], 0);
        }

        var tied = scored.Where(s => scored[0].Score - s.Score < Similarity.TieMargin).ToList();
        if (tied.Count > 1)
        {
            return Provisional(workstreams, phrase, tied.Select(s => s.Workstream.HumanName).ToList(), scored[0].Score);
        }

        return Found(ResolutionKind.Fuzzy, scored[0].Workstream, scored[0].Score,
            FormattableString.Invariant($"closest name, similarity {scored[0].Score:0.00}"));
    }

    private static Resolution Found(ResolutionKind kind, Workstream workstream, double score, string how)
    {
        var provisional = workstream.Status == "provisional" ? " (provisional)" : "";
        return new Resolution(kind, workstream, score, [], "Workstream: " + workstream.HumanName + provisional + " — " + how + ".");
    }

    /// <summary>Records (once) a provisional entry for the phrase and proceeds under it.</summary>
    private Resolution Provisional(List<Workstream> workstreams, string phrase, List<string> candidates, double score)
    {
        var name = phrase.Trim();
        var entry = workstreams.FirstOrDefault(w => Similarity.Normalize(w.HumanName) == Similarity.Normalize(name) && w.Status == "provisional");
        if (entry is null)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Similarity.Normalize(name))));
            var slug = WorkstreamCatalog.Slug(name);
            entry = new Workstream
            {
                Id = workstreams.Any(w => w.Id == slug) ? slug + "-" + hash[..6] : slug,
                HumanName = name,
                Status = "provisional",
                LineageId = "lin-" + hash[..16],
                Candidates = candidates,
            };
            workstreams.Add(entry);
            WorkstreamCatalog.Save(_layout, workstreams);
        }

        var why = candidates.Count == 0
            ? "no existing workstream is close, so a new one was started"
            : "it could be " + string.Join(" or ", candidates) + ", so it is kept apart until the two are told apart or merged";
        return new Resolution(ResolutionKind.Provisional, entry, score, candidates,
            "Workstream: " + entry.HumanName + " (PROVISIONAL) — " + why + ". Work goes on under it.");
    }
}
