using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;

namespace Alexandria.Agents.Tools;

/// <summary>Whether evidence pointers resolve in the run (its recorded evidence chunks, span inside the text).</summary>
public interface IEvidenceCheck
{
    /// <summary>Every way the <paramref name="pointers"/> fail to resolve; empty when all do.</summary>
    Task<IReadOnlyList<string>> FindUnresolvedAsync(IReadOnlyList<EvidencePointer> pointers, CancellationToken cancellationToken);
}
