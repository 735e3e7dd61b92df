using System;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing.References
{
    /// <summary>
    /// Resolves a cross-file <c>$ref</c> such as <c>output_schema.json#/$defs/run</c> against the schema
    /// definitions other contracts export, so prompts and the server use the very types the schema area
    /// generates instead of copies. A miss explains itself, for ALX0101.
    /// </summary>
    internal sealed class ExportResolver
    {
        private readonly EquatableArray<SchemaExport> _exports;

        public ExportResolver(EquatableArray<SchemaExport> exports) => _exports = exports;

        public bool TryResolve(string reference, out SchemaExport export, out string reason)
        {
            export = null!;
            var hash = reference.IndexOf('#');
            var filePart = hash < 0 ? reference : reference.Substring(0, hash);
            var pointer = hash < 0 ? "" : Uri.UnescapeDataString(reference.Substring(hash + 1));
            if (filePart.Length == 0)
            {
                reason = "it names no schema file; write it as 'file.json#/$defs/name'";
                return false;
            }

            // Contracts reference each other by relative path; files are matched by name, as exports are.
            var fileName = FileNameOf(filePart);
            var fileKnown = false;
            foreach (var candidate in _exports)
            {
                if (!string.Equals(candidate.FileName, fileName, StringComparison.Ordinal))
                {
                    continue;
                }

                fileKnown = true;
                if (string.Equals(candidate.Pointer, pointer, StringComparison.Ordinal))
                {
                    export = candidate;
                    reason = "";
                    return true;
                }
            }

            reason = fileKnown
                ? $"'{fileName}' has no schema definition at '{pointer}'"
                : $"no schema contract named '{fileName}' exports a type for it (is the file among the contracts?)";
            return false;
        }

        private static string FileNameOf(string path)
        {
            var slash = path.LastIndexOfAny(new[] { '/', '\\' });
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
