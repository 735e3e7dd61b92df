using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Storage;

namespace Alexandria.Agents.Loop;

/// <summary>Evidence pointers resolve against the run's recorded evidence chunks — the same check the compaction gate makes.</summary>
internal sealed class RunEvidenceCheck : IEvidenceCheck
{
    private readonly EvidenceResolver _resolver;
    private readonly string _runId;

    public RunEvidenceCheck(IRuntimeStore store, string runId)
    {
        _resolver = new EvidenceResolver(store.Artifacts, store.Objects);
        _runId = runId;
    }

    public Task<IReadOnlyList<string>> FindUnresolvedAsync(IReadOnlyList<EvidencePointer> pointers, CancellationToken cancellationToken)
        => _resolver.FindUnresolvedAsync(_runId, pointers.Select((p, i) => ($"/citations/{i}", p)), cancellationToken);
}
