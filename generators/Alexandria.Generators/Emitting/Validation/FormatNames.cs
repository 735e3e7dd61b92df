using System.Collections.Generic;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>The <c>format</c> values generated validators can assert, and the check each calls. Others stay annotations.</summary>
    internal static class FormatNames
    {
        private static readonly Dictionary<string, string> Checks = new Dictionary<string, string>
        {
            ["date-time"] = "DateTime", ["date"] = "Date", ["time"] = "Time", ["duration"] = "Duration",
            ["email"] = "Email", ["idn-email"] = "IdnEmail", ["hostname"] = "Hostname", ["idn-hostname"] = "IdnHostname",
            ["ipv4"] = "Ipv4", ["ipv6"] = "Ipv6", ["uri"] = "Uri", ["uri-reference"] = "UriReference",
            ["iri"] = "Iri", ["iri-reference"] = "IriReference", ["uri-template"] = "UriTemplate", ["uuid"] = "Uuid",
            ["json-pointer"] = "JsonPointer", ["relative-json-pointer"] = "RelativeJsonPointer", ["regex"] = "Regex",
        };

        /// <summary>Checks that take a <c>ReadOnlySpan&lt;char&gt;</c>; the streaming path passes the others a string.</summary>
        private static readonly HashSet<string> SpanChecks = new HashSet<string> { "DateTime", "Date", "Time", "Duration", "Uuid", "Uri", "UriReference", "Iri", "IriReference" };

        public static string? CheckFor(string format) => Checks.TryGetValue(format, out var check) ? check : null;

        public static bool TakesSpan(string check) => SpanChecks.Contains(check);
    }
}
