using System.Globalization;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Semantic-version reasoning for accepting breaking changes: a breaking change needs a major bump
    /// (a minor bump while the major is 0); a version that is not semver accepts on any change.
    /// </summary>
    internal static class ContractVersion
    {
        public static bool Changed(string? before, string? after) => before != after;

        /// <summary>True when going from <paramref name="before"/> to <paramref name="after"/> may break consumers.</summary>
        public static bool IsMajorBump(string? before, string? after)
        {
            if (before == after || after is null)
            {
                return false;
            }

            if (!TryParse(before, out var b) || !TryParse(after, out var a))
            {
                return true;
            }

            return b.Major == 0 && a.Major == 0 ? a.Minor > b.Minor : a.Major > b.Major;
        }

        /// <summary>The smallest version that accepts a breaking change after <paramref name="before"/>.</summary>
        public static string NextMajor(string? before)
        {
            if (!TryParse(before, out var b))
            {
                return "a new version";
            }

            return b.Major == 0
                ? "0." + (b.Minor + 1).ToString(CultureInfo.InvariantCulture) + ".0"
                : (b.Major + 1).ToString(CultureInfo.InvariantCulture) + ".0.0";
        }

        /// <summary>The smallest version that accepts a template change after <paramref name="before"/>.</summary>
        public static string NextPatch(string? before)
        {
            if (!TryParse(before, out var b))
            {
                return "a new version";
            }

            return b.Major.ToString(CultureInfo.InvariantCulture) + "." + b.Minor.ToString(CultureInfo.InvariantCulture) + "." + (b.Patch + 1).ToString(CultureInfo.InvariantCulture);
        }

        private static bool TryParse(string? text, out (int Major, int Minor, int Patch) version)
        {
            version = default;
            if (text is null)
            {
                return false;
            }

            var core = text;
            var cut = core.IndexOfAny(new[] { '-', '+' });
            if (cut >= 0)
            {
                core = core.Substring(0, cut);
            }

            var parts = core.Split('.');
            if (parts.Length != 3
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
            {
                return false;
            }

            version = (major, minor, patch);
            return true;
        }
    }
}
