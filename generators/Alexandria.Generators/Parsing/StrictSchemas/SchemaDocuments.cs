using System;
using System.Collections.Generic;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// The schema contracts an output schema may reach, parsed once per export, with <c>$ref</c> resolution:
    /// <c>#/pointer</c> in the same file, <c>file.json#/pointer</c> in another contract (matched by file name,
    /// as every other area matches contracts).
    /// </summary>
    internal sealed class SchemaDocuments
    {
        private readonly Dictionary<string, ContractDocument?> _byName = new Dictionary<string, ContractDocument?>(StringComparer.Ordinal);
        private readonly Dictionary<string, ContractFile> _files = new Dictionary<string, ContractFile>(StringComparer.Ordinal);

        public SchemaDocuments(IEnumerable<ContractFile> schemaFiles)
        {
            foreach (var file in schemaFiles)
            {
                _files[file.FileName] = file;
            }
        }

        public bool TryResolve(ContractDocument? from, string reference, out ContractDocument document, out JsonNode node, out string reason)
        {
            document = null!;
            node = null!;
            var hash = reference.IndexOf('#');
            var filePart = hash < 0 ? reference : reference.Substring(0, hash);
            var pointer = hash < 0 ? "" : Uri.UnescapeDataString(reference.Substring(hash + 1));
            ContractDocument? target;
            if (filePart.Length == 0)
            {
                target = from;
            }
            else
            {
                var slash = filePart.LastIndexOfAny(new[] { '/', '\\' });
                target = Load(slash < 0 ? filePart : filePart.Substring(slash + 1));
            }

            if (target is null)
            {
                reason = "'" + reference + "' names no schema contract";
                return false;
            }

            var current = target.Root;
            if (pointer.Length > 0)
            {
                if (pointer[0] != '/')
                {
                    reason = "'" + reference + "' is not a JSON pointer (anchors are not exported)";
                    return false;
                }

                foreach (var raw in pointer.Substring(1).Split('/'))
                {
                    var token = raw.Replace("~1", "/").Replace("~0", "~");
                    JsonNode? next = current switch
                    {
                        JsonObject obj => obj[token],
                        JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Items.Count => array.Items[index],
                        _ => null,
                    };
                    if (next is null)
                    {
                        reason = "'" + reference + "' does not resolve";
                        return false;
                    }

                    current = next;
                }
            }

            document = target;
            node = current;
            reason = "";
            return true;
        }

        private ContractDocument? Load(string fileName)
        {
            if (_byName.TryGetValue(fileName, out var known))
            {
                return known;
            }

            ContractDocument? document = null;
            if (_files.TryGetValue(fileName, out var file))
            {
                // Syntax problems were reported when the file was classified; not again here.
                document = ContractDocument.Load(file, new List<DiagnosticInfo>());
            }

            _byName[fileName] = document;
            return document;
        }
    }
}
