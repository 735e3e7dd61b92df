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

        /// <summary>What a value of each format is, as a message names it: <c>"abc" is not a UUID</c>.</summary>
        private static readonly Dictionary<string, string> Descriptions = new Dictionary<string, string>
        {
            ["date-time"] = "an RFC 3339 date-time", ["date"] = "an RFC 3339 full-date", ["time"] = "an RFC 3339 full-time",
            ["duration"] = "an ISO 8601 duration", ["email"] = "an email address", ["idn-email"] = "an internationalized email address",
            ["hostname"] = "a hostname", ["idn-hostname"] = "an internationalized hostname", ["ipv4"] = "an IPv4 address",
            ["ipv6"] = "an IPv6 address", ["uri"] = "an absolute URI", ["uri-reference"] = "a URI reference", ["iri"] = "an absolute IRI",
            ["iri-reference"] = "an IRI reference", ["uri-template"] = "a URI template", ["uuid"] = "a UUID",
            ["json-pointer"] = "a JSON pointer", ["relative-json-pointer"] = "a relative JSON pointer", ["regex"] = "a regular expression",
        };

        /// <summary>Checks that take a <c>ReadOnlySpan&lt;char&gt;</c>; the streaming path passes the others a string.</summary>
        private static readonly HashSet<string> SpanChecks = new HashSet<string> { "DateTime", "Date", "Time", "Duration", "Uuid", "Uri", "UriReference", "Iri", "IriReference" };

        /// <summary>Checks that also take the unescaped UTF-8 bytes, so the streaming path need not decode the string.</summary>
        private static readonly HashSet<string> ByteChecks = new HashSet<string> { "Uuid", "DateTime", "Date", "Time" };

        public static string? CheckFor(string format) => Checks.TryGetValue(format, out var check) ? check : null;

        public static string Describe(string format) => Descriptions.TryGetValue(format, out var text) ? text : "a valid " + format;

        public static bool TakesSpan(string check) => SpanChecks.Contains(check);

        public static bool TakesBytes(string check) => ByteChecks.Contains(check);
    }
}
