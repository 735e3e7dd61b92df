using System.Text.RegularExpressions;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>The version rule of the manifest format: SemVer core with an optional pre-release tag.</summary>
    internal static class SemanticVersion
    {
        private static readonly Regex Pattern = new Regex(
            @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$",
            RegexOptions.CultureInvariant);

        public static bool IsValid(string version) => Pattern.IsMatch(version);
    }
}
