namespace Alexandria.Handoff.Bundles;

/// <summary>One file of a closure bundle: its path inside the zip (the repository-relative path) and its bytes.</summary>
public sealed record BundleEntry(string Name, byte[] Bytes);
