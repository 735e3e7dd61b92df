using System;

namespace Alexandria.Runtime.Events;

/// <summary>
/// A clock that starts at a fixed instant and moves one tick each time it is read, so a scripted
/// run stamps the same <c>occurred_at</c> on the same event every time it is run.
/// </summary>
public sealed class ScriptedClock : TimeProvider
{
    private readonly TimeSpan _tick;
    private DateTimeOffset _next;

    /// <summary>Creates a clock whose first reading is <paramref name="start"/>.</summary>
    public ScriptedClock(DateTimeOffset start, TimeSpan tick)
    {
        if (tick <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), "The tick must be positive.");
        }

        _next = start.ToUniversalTime();
        _tick = tick;
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        var now = _next;
        _next += _tick;
        return now;
    }
}
