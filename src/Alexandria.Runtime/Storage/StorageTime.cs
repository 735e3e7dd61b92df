using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Timestamps are stored in UTC with microsecond precision, the precision of PostgreSQL's
/// <c>timestamptz</c>, so both backends return exactly the same values.
/// </summary>
internal static class StorageTime
{
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        long utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % 10), TimeSpan.Zero);
    }

    public static DateTimeOffset FromUtcTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
