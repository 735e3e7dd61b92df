using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Agents.Research;

/// <summary>The one ranking every index applies, so the same query pages the same hits whichever index answers.</summary>
internal static class SearchRanking
{
    /// <summary>Ranks <paramref name="hits"/> (given in document and chunk order) by score and takes one page.</summary>
    public static SearchPage Page(IEnumerable<SearchHit> hits, int offset, int limit)
    {
        // Stable sort: equal scores keep document and chunk order.
        var ranked = hits.OrderByDescending(h => h.Score).ToList();
        return new SearchPage(ranked.Skip(Math.Max(0, offset)).Take(Math.Max(0, limit)).ToList(), ranked.Count);
    }
}
