namespace Alexandria.Conformance.Splitter;

/// <summary>How a suite file's groups are named; the conformance tests compile this same file so both agree.</summary>
public static class SuiteNames
{
    /// <summary>The suite's draft folders Alexandria runs, oldest first (draft 3 is not supported).</summary>
    public static readonly string[] Drafts = ["draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"];

    /// <summary><c>draft7</c>, <c>optional/format/date-time.json</c> → <c>draft7_optional_format_date-time</c>.</summary>
    public static string Stem(string draft, string relativePath)
        => draft + "_" + relativePath.Replace('\\', '/').Replace(".json", "").Replace('/', '_');
}
