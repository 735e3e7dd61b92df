namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>Where one record of a <see cref="SegmentLog"/> is: segment number, offset of its header, payload length.</summary>
internal readonly record struct RecordLocation(int Segment, long Offset, int Length)
{
    /// <summary>Offset just past the record.</summary>
    public long End => Offset + SegmentLog.HeaderSize + Length;
}
