using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// The second step of the types area: once every schema file's exports are known, replaces each
    /// <c>other.json#/$defs/x</c> reference with the exported type, and reports ALX0101 at the <c>$ref</c> for
    /// any that does not resolve (typing it as JsonElement so the rest still compiles).
    /// </summary>
    internal static class CrossFileReferenceResolver
    {
        public static SchemaTypesModel Resolve(SchemaTypesModel model, EquatableArray<SchemaExport> exports)
        {
            if (!model.Types.Any(HasExternal))
            {
                return model;
            }

            var byAddress = new Dictionary<(string, string), SchemaExport>();
            foreach (var export in exports)
            {
                byAddress[(export.FileName, export.Pointer)] = export;
            }

            var diagnostics = new List<DiagnosticInfo>(model.Diagnostics);
            TypeReference Map(TypeReference type)
            {
                if (type.Kind == TypeReferenceKind.External)
                {
                    if (byAddress.TryGetValue((type.Name, type.Pointer), out var export))
                    {
                        var resolved = ExportedTypeNames.Parse(export.TypeName);
                        return resolved.AsNullable(resolved.IsNullable || type.IsNullable);
                    }

                    var known = exports.Any(e => e.FileName == type.Name);
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnresolvedReference,
                        type.Location,
                        type.Name + "#" + type.Pointer,
                        known ? "'" + type.Name + "' has no definition at '#" + type.Pointer + "'" : "no schema contract named '" + type.Name + "' is compiled"));
                    return TypeReference.Json;
                }

                return type.Element is null ? type : type with { Element = Map(type.Element) };
            }

            PropertyDeclaration MapProperty(PropertyDeclaration p) => p with { Type = Map(p.Type) };

            var types = model.Types.Select(declaration => declaration switch
            {
                RecordDeclaration record => record with { Properties = record.Properties.Select(MapProperty).ToEquatableArray() },
                UnionDeclaration union => union with { SharedProperties = union.SharedProperties.Select(MapProperty).ToEquatableArray() },
                WrapperUnionDeclaration wrapper => wrapper with { Cases = wrapper.Cases.Select(c => c with { Type = Map(c.Type).AsNullable(false) }).ToEquatableArray() },
                _ => declaration,
            }).ToEquatableArray();

            return model with { Types = types, Diagnostics = diagnostics.Distinct().ToEquatableArray() };
        }

        private static bool HasExternal(TypeDeclaration declaration) => declaration switch
        {
            RecordDeclaration record => record.Properties.Any(p => p.Type.HasExternal),
            UnionDeclaration union => union.SharedProperties.Any(p => p.Type.HasExternal),
            WrapperUnionDeclaration wrapper => wrapper.Cases.Any(c => c.Type.HasExternal),
            _ => false,
        };
    }
}
