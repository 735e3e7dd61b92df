namespace Alexandria.Conformance.Splitter;

/// <summary>How a suite file's groups are named; the conformance tests compile this same file so both agree.</summary>
public static class SuiteNames
{
    /// <summary><c>optional/format/date-time.json</c> → <c>optional_format_date-time</c>.</summary>
    public static string Stem(string relativePath)
        => relativePath.Replace('\\', '/').Replace(".json", "").Replace('/', '_');
}
