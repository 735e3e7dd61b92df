using System;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Server;

/// <summary>
/// One writer per run inside this server (a <see cref="Alexandria.Runtime.Events.RunSession"/> is a run's single
/// writer): writes to one run wait for each other, writes to different runs rarely do. A fixed set of stripes
/// keeps memory bounded however many runs are served; writers in other processes are still caught by the
/// store's optimistic checks (409).
/// </summary>
internal sealed class RunWriteLocks
{
    private readonly SemaphoreSlim[] _stripes;

    public RunWriteLocks(int stripes = 64)
    {
        _stripes = new SemaphoreSlim[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>Waits for the run's stripe; disposing the result releases it.</summary>
    public async Task<IDisposable> EnterAsync(string runId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(runId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(stripe);
    }

    private sealed class Held(SemaphoreSlim stripe) : IDisposable
    {
        private SemaphoreSlim? _stripe = stripe;

        public void Dispose() => Interlocked.Exchange(ref _stripe, null)?.Release();
    }
}
