using System.IO;
using System.Reflection;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// The meta-schemas of every draft Alexandria compiles (draft-04, -06, -07, 2019-09, 2020-12), embedded in the generator so <c>$ref</c>s to them and
    /// <c>$vocabulary</c> lookups resolve at build time without the network.
    /// </summary>
    internal static class BuiltInMetaschemas
    {
        private const string Root = "https://json-schema.org/draft/2020-12/";
        private const string Root201909 = "https://json-schema.org/draft/2019-09/";

        public static string? TryGet(string uri)
        {
            var name = ResourceName(uri);
            if (name is null)
            {
                return null;
            }

            var stream = typeof(BuiltInMetaschemas).Assembly.GetManifestResourceStream("Alexandria.Generators.Metaschemas." + name + ".json");
            if (stream is null)
            {
                return null;
            }

            using (var reader = new StreamReader(stream))
            {
                return reader.ReadToEnd();
            }
        }

        /// <summary>The embedded file for a meta-schema URI: <c>schema</c>, <c>core</c>… (2020-12), <c>2019-09.meta.core</c>, <c>draft-07</c>.</summary>
        private static string? ResourceName(string uri)
        {
            if (uri == Root + "schema")
            {
                return "schema";
            }

            if (uri.StartsWith(Root + "meta/", System.StringComparison.Ordinal))
            {
                return uri.Substring(Root.Length + 5);
            }

            if (uri == Root201909 + "schema")
            {
                return "2019-09.schema";
            }

            if (uri.StartsWith(Root201909 + "meta/", System.StringComparison.Ordinal))
            {
                return "2019-09.meta." + uri.Substring(Root201909.Length + 5);
            }

            switch (SchemaDrafts.FromMetaschemaUri(uri))
            {
                case SchemaDraft.Draft4: return "draft-04";
                case SchemaDraft.Draft6: return "draft-06";
                case SchemaDraft.Draft7: return "draft-07";
                default: return null;
            }
        }
    }
}
