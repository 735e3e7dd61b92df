namespace Alexandria.Runtime.Storage;

/// <summary>The inclusive range of sequence numbers a successful append was given.</summary>
/// <param name="FirstSeq">Sequence number of the first appended event.</param>
/// <param name="LastSeq">Sequence number of the last appended event; the run's new last seq.</param>
public readonly record struct AppendedRange(long FirstSeq, long LastSeq);
