using System.IO;
using System.Reflection;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// The draft 2020-12 meta-schemas, embedded in the generator so <c>$ref</c>s to them and
    /// <c>$vocabulary</c> lookups resolve at build time without the network.
    /// </summary>
    internal static class BuiltInMetaschemas
    {
        private const string Root = "https://json-schema.org/draft/2020-12/";

        public static string? TryGet(string uri)
        {
            string name;
            if (uri == Root + "schema")
            {
                name = "schema";
            }
            else if (uri.StartsWith(Root + "meta/", System.StringComparison.Ordinal))
            {
                name = uri.Substring(Root.Length + 5);
            }
            else
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
    }
}
