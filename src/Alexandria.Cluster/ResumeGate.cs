using System;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Cluster;

/// <summary>
/// Bounds how many agent loops one silo resumes at once (<see cref="ClusterSettings.ResumeConcurrency"/>). When a silo
/// dies, its runs land on the survivors all together; catching up (opening the session, reading the log back) is the
/// CPU-heavy part of a resume, and fifty at once on a busy silo slow every one of them down, the running loops too. A loop
/// holds its place only until its first new event (or its end); the others wait first come, first served (the sweep wakes
/// the oldest orders first).
/// </summary>
public sealed class ResumeGate(ClusterSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _places = new(settings.ResumeConcurrency, settings.ResumeConcurrency);

    /// <summary>Waits for a place; dispose (or <see cref="Place.Leave"/>) the result to give it back. Leaving twice is harmless.</summary>
    public async Task<Place> EnterAsync(CancellationToken cancellationToken)
    {
        await _places.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Place(_places);
    }

    /// <inheritdoc/>
    public void Dispose() => _places.Dispose();

    /// <summary>One loop's place in the gate.</summary>
    public sealed class Place : IDisposable
    {
        private SemaphoreSlim? _places;

        internal Place(SemaphoreSlim places) => _places = places;

        /// <summary>Gives the place back (the loop has caught up); only the first call counts, and returns true.</summary>
        public bool Leave()
        {
            if (Interlocked.Exchange(ref _places, null) is not { } places)
            {
                return false;
            }
            places.Release();
            return true;
        }

        /// <inheritdoc/>
        public void Dispose() => Leave();
    }
}
