using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Decides, before any type is built, what each <c>$defs</c> entry becomes and which C# name it claims.
    /// Unions are decided here, on the raw schemas, so a case record knows its base before it is built and a
    /// case claimed by an earlier union is never claimed by a later one.
    /// </summary>
    internal static class DefinitionClassifier
    {
        public const string DiscriminatorKeyword = "x-alexandria-discriminator";

        public static Dictionary<string, DefinitionInfo> Classify(SchemaFile file, List<DiagnosticInfo> diagnostics)
        {
            var infos = new Dictionary<string, DefinitionInfo>();
            var ordered = new List<DefinitionInfo>();
            foreach (var definition in file.Definitions)
            {
                var schema = definition.Value as JsonObject;
                var info = new DefinitionInfo(definition, SchemaNaming.TypeName(definition.Name, schema?.GetString(SchemaNaming.NameOverrideKeyword)));
                info.Shape = schema is null ? DefinitionShape.Alias
                    : SchemaShapes.IsStringEnum(schema) ? DefinitionShape.Enum
                    : SchemaShapes.IsRecord(file, schema) ? DefinitionShape.Record
                    : DefinitionShape.Alias;
                infos[definition.Name] = info;
                ordered.Add(info);
            }

            foreach (var info in ordered)
            {
                if (info.Shape == DefinitionShape.Alias && info.Schema is { } schema)
                {
                    ClassifyUnion(file, info, schema, infos);
                }
            }

            // Names are claimed in schema order: the second definition with a name is the one reported.
            // Names other generated classes take (a definition's validator, the file's support classes) are never a type's.
            var claimed = new Dictionary<string, DefinitionInfo>();
            var reserved = ReservedTypeNames.Of(file, ordered);
            foreach (var info in ordered)
            {
                if (!info.DeclaresType)
                {
                    continue;
                }

                if (claimed.TryGetValue(info.TypeName, out var first))
                {
                    info.Collided = true;
                    diagnostics.Add(file.Document.Diagnostic(DiagnosticDescriptors.NameCollision, info.Definition, "#/$defs/" + first.Key, "#/$defs/" + info.Key, info.TypeName));
                }
                else if (reserved.TryGetValue(info.TypeName, out var owner))
                {
                    info.Collided = true;
                    diagnostics.Add(file.Document.Diagnostic(DiagnosticDescriptors.NameCollision, info.Definition, owner, "#/$defs/" + info.Key, info.TypeName));
                }
                else if (info.Shape is DefinitionShape.Record or DefinitionShape.Union or DefinitionShape.Wrapper && ReservedTypeNames.IsOwnMemberName(info.TypeName, info.Shape))
                {
                    info.Collided = true;
                    diagnostics.Add(file.Document.Diagnostic(DiagnosticDescriptors.NameCollision, info.Definition, "#/$defs/" + info.Key + " (a member of its own generated type)", "#/$defs/" + info.Key, info.TypeName));
                }
                else
                {
                    claimed.Add(info.TypeName, info);
                }
            }

            return infos;
        }

        private static void ClassifyUnion(SchemaFile file, DefinitionInfo union, JsonObject schema, Dictionary<string, DefinitionInfo> infos)
        {
            var branches = SchemaShapes.Branches(schema, out _);
            if (branches is null || branches.Count < 2 || SchemaShapes.CommonScalarType(branches, file) is not null)
            {
                return;
            }

            // What cannot be a closed union (a base its cases derive from) wraps its cases instead.
            if (TryBuildUnion(file, union, schema, branches, infos) is not null)
            {
                union.Cases.Clear();
                union.Shape = DefinitionShape.Wrapper;
                return;
            }

            union.Shape = DefinitionShape.Union;
            foreach (var @case in union.Cases)
            {
                @case.Union = union;
            }
        }

        /// <summary>Fills the union's cases and discriminator; returns why it cannot be a closed union, or null.</summary>
        private static string? TryBuildUnion(SchemaFile file, DefinitionInfo union, JsonObject schema, List<JsonNode> branches, Dictionary<string, DefinitionInfo> infos)
        {
            var members = new List<ObjectMembers>();
            foreach (var branch in branches)
            {
                var target = branch is JsonObject b && SchemaShapes.IsPureReference(b) ? file.ResolveLocalRef(b) : null;
                var definition = target is null ? null : file.DefinitionAt(target);
                if (definition is null || !infos.TryGetValue(definition.Name, out var @case) || @case.Shape != DefinitionShape.Record)
                {
                    return "a closed union needs every branch to be a $ref to an object definition in the same file";
                }

                if (@case.Union is not null)
                {
                    return "'" + @case.Key + "' is already a case of '" + @case.Union.Key + "', and a record can derive from one union only";
                }

                if (union.Cases.Contains(@case))
                {
                    return "'" + @case.Key + "' appears twice";
                }

                union.Cases.Add(@case);
                members.Add(ObjectMembers.Collect(file, (JsonObject)target!));
            }

            var discriminator = schema.GetString(DiscriminatorKeyword) ?? InferDiscriminator(members);
            if (discriminator is null)
            {
                return "no member is required by every branch with a string const that tells the branches apart; add one, or name it with " + DiscriminatorKeyword;
            }

            var values = new HashSet<string>();
            foreach (var caseMembers in members)
            {
                var value = caseMembers[discriminator]?.StringConst;
                if (value is null || !caseMembers.Required.Contains(discriminator))
                {
                    return "discriminator '" + discriminator + "' must be required with a string const in every branch";
                }

                if (!values.Add(value))
                {
                    return "two branches share the discriminator value '" + value + "'";
                }
            }

            union.Discriminator = discriminator;
            return null;
        }

        /// <summary>The first member every case requires with a string constant of its own, which tells the cases apart.</summary>
        internal static string? InferDiscriminator(List<ObjectMembers> cases)
        {
            foreach (var candidate in cases[0].Members)
            {
                var values = new HashSet<string>();
                var distinguishes = true;
                foreach (var members in cases)
                {
                    var value = members[candidate.Name]?.StringConst;
                    if (value is null || !members.Required.Contains(candidate.Name) || !values.Add(value))
                    {
                        distinguishes = false;
                        break;
                    }
                }

                if (distinguishes)
                {
                    return candidate.Name;
                }
            }

            return null;
        }
    }
}
