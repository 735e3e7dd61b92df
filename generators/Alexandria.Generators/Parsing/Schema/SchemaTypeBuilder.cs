using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Maps schemas to <see cref="TypeReference"/>s, declaring records and enums as it meets them. Definitions are
    /// memoized by key and inline schemas by JSON pointer, so a schema reached twice (an envelope member flattened
    /// into every event case) is one type, named after where it is written, not where it was reached from.
    /// </summary>
    internal sealed partial class SchemaTypeBuilder
    {
        private readonly SchemaFile _file;
        private readonly string _namespace;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly Dictionary<string, DefinitionInfo> _definitions;
        private readonly Dictionary<string, TypeReference> _definitionTypes = new Dictionary<string, TypeReference>();
        private readonly Dictionary<string, TypeReference> _inlineTypes = new Dictionary<string, TypeReference>();
        private readonly HashSet<string> _resolving = new HashSet<string>();
        private readonly HashSet<string> _names = new HashSet<string>();
        private readonly Dictionary<string, RecordDraft> _records = new Dictionary<string, RecordDraft>();

        public SchemaTypeBuilder(SchemaFile file, string ns, Dictionary<string, DefinitionInfo> definitions, List<DiagnosticInfo> diagnostics)
        {
            _file = file;
            _namespace = ns;
            _definitions = definitions;
            _diagnostics = diagnostics;
            _names.UnionWith(ReservedTypeNames.Of(file, definitions.Values).Keys);
            foreach (var definition in definitions.Values)
            {
                if (definition.DeclaresType)
                {
                    _names.Add(definition.TypeName);
                }
            }
        }

        /// <summary>
        /// An object with no declared properties becomes a map (<c>IReadOnlyDictionary&lt;string, JsonElement&gt;</c>), not
        /// JsonElement: set for OpenAPI documents, whose users expect every object typed (Kiota and NSwag make a class
        /// of it). A JSON Schema contract keeps such an object JsonElement (listed by ALX0120): code built on it, like
        /// the runtime's tool arguments, passes the raw object through unparsed.
        /// </summary>
        public bool OpenObjectsAsMaps { get; set; }

        /// <summary>Declarations in the order they were met: records and enums as drafts, unions once their cases are built.</summary>
        public List<object> Declarations { get; } = new List<object>();

        public string FullName(string typeName) => "global::" + _namespace + "." + typeName;

        public TypeReference DefinitionType(DefinitionInfo info)
        {
            if (_definitionTypes.TryGetValue(info.Key, out var known))
            {
                return known;
            }

            var schema = info.Schema;
            if (schema is null || info.Collided)
            {
                return _definitionTypes[info.Key] = TypeReference.Json;
            }

            SchemaShapes.ReadTypes(schema, out var nullable);
            switch (info.Shape)
            {
                case DefinitionShape.Record:
                    _definitionTypes[info.Key] = TypeReference.NamedType(FullName(info.TypeName)).AsNullable(nullable);
                    var draft = BuildRecord(info.TypeName, schema);
                    if (info.Union is not null)
                    {
                        draft.BaseName = FullName(info.Union.TypeName);
                    }

                    break;
                case DefinitionShape.Enum:
                    _definitionTypes[info.Key] = TypeReference.NamedType(FullName(info.TypeName)).AsNullable(nullable || SchemaShapes.EnumAllowsNull(schema));
                    BuildEnum(info.TypeName, schema);
                    break;
                case DefinitionShape.Union:
                    SchemaShapes.Branches(schema, out var nullBranch);
                    _definitionTypes[info.Key] = TypeReference.NamedType(FullName(info.TypeName)).AsNullable(nullable || nullBranch);
                    var cases = new List<RecordDraft>();
                    foreach (var @case in info.Cases)
                    {
                        DefinitionType(@case);
                        cases.Add(_records[@case.TypeName]);
                    }

                    Declarations.Add(UnionAssembler.Assemble(info.TypeName, DescriptionOf(schema), schema.Pointer, info.Discriminator, FullName(info.TypeName), cases));
                    break;
                case DefinitionShape.Wrapper:
                    _definitionTypes[info.Key] = WrapperUnion(info.TypeName, schema, nullable, type => _definitionTypes[info.Key] = type);
                    break;
                default:
                    _definitionTypes[info.Key] = Structural(schema);
                    break;
            }

            return _definitionTypes[info.Key];
        }

        public TypeReference TypeOf(JsonNode node)
        {
            if (node is not JsonObject schema)
            {
                return Untyped(node, "the schema 'true' allows any value");
            }

            var definition = _file.DefinitionAt(node);
            return definition is not null ? DefinitionType(_definitions[definition.Name]) : Structural(schema);
        }

        private TypeReference Structural(JsonObject schema)
        {
            if (_inlineTypes.TryGetValue(schema.Pointer, out var known))
            {
                return known;
            }

            // Alias cycles (a: $ref b, b: $ref a) have no C# type; JsonElement keeps the value.
            if (!_resolving.Add(schema.Pointer))
            {
                return TypeReference.Json;
            }

            try
            {
                return Normalize(StructuralCore(schema));
            }
            finally
            {
                _resolving.Remove(schema.Pointer);
            }
        }

        private TypeReference StructuralCore(JsonObject schema)
        {
            var types = SchemaShapes.ReadTypes(schema, out var nullable);
            if (schema["$ref"] is JsonString reference && SchemaShapes.IsPureReference(schema))
            {
                return Reference(reference).OrNull(nullable);
            }

            if (SchemaShapes.IsStringEnum(schema))
            {
                var name = InlineName(schema.Pointer);
                var type = _inlineTypes[schema.Pointer] = TypeReference.NamedType(FullName(name)).AsNullable(nullable || SchemaShapes.EnumAllowsNull(schema));
                BuildEnum(name, schema);
                return type;
            }

            if (schema["const"] is { } constant)
            {
                return ConstantType(constant);
            }

            if (SchemaShapes.Branches(schema, out var nullBranch) is { } branches)
            {
                if (branches.Count == 1)
                {
                    return TypeOf(branches[0]).OrNull(nullable || nullBranch);
                }

                if (SchemaShapes.CommonScalarType(branches, _file) is { } scalar)
                {
                    return ScalarType(scalar.Type, scalar.Format).AsNullable(nullable || nullBranch);
                }

                if (branches.Count > 1 && _file.DefinitionAt(schema) is null)
                {
                    return WrapperUnion(InlineName(schema.Pointer), schema, nullable, type => _inlineTypes[schema.Pointer] = type);
                }

                return TypeReference.Json;
            }

            if (SchemaShapes.IsRecord(_file, schema))
            {
                var name = InlineName(schema.Pointer);
                var type = _inlineTypes[schema.Pointer] = TypeReference.NamedType(FullName(name)).AsNullable(nullable);
                BuildRecord(name, schema);
                return type;
            }

            if (types.Count == 0)
            {
                if (schema["allOf"] is JsonArray { Items.Count: 1 } single)
                {
                    return TypeOf(single.Items[0]).OrNull(nullable);
                }

                types.Add(schema["items"] is not null ? "array" : schema["additionalProperties"] is not null ? "object" : "");
            }

            if (types.Count > 1)
            {
                return Untyped(schema, "a value of several types (" + string.Join(", ", types) + ") has no single C# type");
            }

            switch (types[0])
            {
                case "string":
                case "integer":
                case "number":
                case "boolean":
                    return ScalarType(types[0], schema.GetString("format")).AsNullable(nullable);
                case "array":
                    var items = schema["items"];
                    return TypeReference.ListOf(items is null ? Untyped(schema, "its items have no schema, so any value is accepted") : TypeOf(items)).AsNullable(nullable);
                case "object":
                    if (schema["additionalProperties"] is JsonObject values && (!OpenObjectsAsMaps || schema["patternProperties"] is null && !SchemaShapes.AllowsAnyValue(values)))
                    {
                        return TypeReference.DictionaryOf(TypeOf(values)).AsNullable(nullable);
                    }

                    // An object with no declared properties is still an object: a map of whatever its members hold.
                    return OpenObjectsAsMaps
                        ? TypeReference.DictionaryOf(TypeReference.Json).AsNullable(nullable)
                        : Untyped(schema, "an object with no declared properties allows any members");
                case "":
                    return Untyped(schema, "the schema declares no type, properties or composition, so any value is accepted");
                default:
                    return Untyped(schema, "'" + types[0] + "' is not a JSON Schema type");
            }
        }

        private TypeReference Reference(JsonString value)
        {
            var reference = _file.ParseReference(value.Value);
            if (!reference.IsLocal)
            {
                return new TypeReference(TypeReferenceKind.External, reference.ExternalFile!, Pointer: reference.Fragment, Location: _file.Document.Locate(value));
            }

            var target = _file.ResolveLocal(reference);
            if (target is null)
            {
                _diagnostics.Add(_file.Document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, value, value.Value,
                    "'" + _file.FileName + "' has no schema at '#" + reference.Fragment + "'"));
                return TypeReference.Json;
            }

            return TypeOf(target);
        }

        private RecordDraft BuildRecord(string name, JsonObject schema)
        {
            var draft = new RecordDraft(name, DescriptionOf(schema), schema.Pointer);
            _records[name] = draft;
            Declarations.Add(draft);

            var taken = MemberNames.ReservedFor(name);
            foreach (var keyword in schema.Properties)
            {
                if (keyword.Name.StartsWith(FlagPrefix, System.StringComparison.Ordinal) && keyword.Value.Kind is JsonNodeKind.True or JsonNodeKind.False)
                {
                    var flag = "Is" + CSharpNaming.ToPascalCase(keyword.Name.Substring(FlagPrefix.Length));
                    draft.Flags.Add(new FlagDeclaration(CSharpNaming.Unique(flag, taken), keyword.Value.Kind == JsonNodeKind.True, false));
                }
            }

            var members = ObjectMembers.Collect(_file, schema);
            foreach (var member in members.Members)
            {
                var constant = member.StringConst;
                var type = constant is not null ? TypeReference.Of(TypeReferenceKind.String) : TypeOf(member.Schema);
                draft.Properties.Add(new PropertyDeclaration(
                    member.Name,
                    MemberNames.Pick(member.Name, taken),
                    type,
                    members.Required.Contains(member.Name),
                    constant,
                    member.Description,
                    false));
            }

            return draft;
        }

        private const string FlagPrefix = "x-alexandria-";

        private void BuildEnum(string name, JsonObject schema)
        {
            var taken = new HashSet<string>();
            var values = new HashSet<string>(System.StringComparer.Ordinal);
            var members = new List<EnumMember>();
            foreach (var value in ((JsonArray)schema["enum"]!).Items)
            {
                // A repeated value (ALX0122) is one member: two would be two equal case labels in the converter.
                if (value is JsonString s && values.Add(s.Value))
                {
                    members.Add(new EnumMember(s.Value, CSharpNaming.Unique(CSharpNaming.ToPascalCase(s.Value), taken)));
                }
            }

            Declarations.Add(new EnumDeclaration(name, DescriptionOf(schema), schema.Pointer, members.ToEquatableArray()));
        }

        /// <summary>
        /// Names an inline schema after where it is written: <c>/$defs/evidence_pointer/properties/span</c> is
        /// <c>EvidencePointerSpan</c>, array items add <c>Item</c>, map values add <c>Value</c>.
        /// </summary>
        private string InlineName(string pointer)
        {
            if (_branchNames.TryGetValue(pointer, out var branchName))
            {
                return CSharpNaming.Unique(branchName, _names);
            }

            var tokens = pointer.Split('/');
            var name = "";
            var i = 1;
            if (tokens.Length > 2 && tokens[1] == "$defs" && _definitions.TryGetValue(Unescape(tokens[2]), out var definition))
            {
                name = definition.TypeName;
                i = 3;
            }

            while (i < tokens.Length)
            {
                var token = tokens[i];
                switch (token)
                {
                    case "properties":
                    case "$defs":
                    case "dependentSchemas":
                        name += i + 1 < tokens.Length ? CSharpNaming.ToPascalCase(Unescape(tokens[i + 1])) : "";
                        i += 2;
                        break;
                    case "patternProperties":
                        name += "Value";
                        i += 2;
                        break;
                    case "prefixItems":
                        name += "Item" + (i + 1 < tokens.Length ? tokens[i + 1] : "");
                        i += 2;
                        break;
                    case "allOf":
                    case "anyOf":
                    case "oneOf":
                        i += 2;
                        break;
                    case "items":
                    case "contains":
                    case "unevaluatedItems":
                        name += "Item";
                        i++;
                        break;
                    case "additionalProperties":
                    case "unevaluatedProperties":
                        name += "Value";
                        i++;
                        break;
                    default:
                        i++;
                        break;
                }
            }

            return CSharpNaming.Unique(name.Length == 0 ? "Value" : CSharpNaming.Sanitize(name), _names);
        }

        private static string Unescape(string token) => token.Replace("~1", "/").Replace("~0", "~");

        private static TypeReference ConstantType(JsonNode constant) => constant.Kind switch
        {
            JsonNodeKind.String => TypeReference.Of(TypeReferenceKind.String),
            JsonNodeKind.True or JsonNodeKind.False => TypeReference.Of(TypeReferenceKind.Boolean),
            JsonNodeKind.Number => TypeReference.Of(((JsonNumber)constant).IsInteger ? TypeReferenceKind.Integer : TypeReferenceKind.Number),
            _ => TypeReference.Json,
        };

        private static TypeReference ScalarType(string type, string? format) => type switch
        {
            "string" => FormatType(format),
            "integer" => TypeReference.Of(TypeReferenceKind.Integer),
            "number" => TypeReference.Of(TypeReferenceKind.Number),
            _ => TypeReference.Of(TypeReferenceKind.Boolean),
        };

        private static TypeReference FormatType(string? format) => TypeReference.Of(format switch
        {
            "date-time" => TypeReferenceKind.DateTimeOffset,
            "date" => TypeReferenceKind.DateOnly,
            "uuid" => TypeReferenceKind.Guid,
            "uri" => TypeReferenceKind.Uri,
            "uri-reference" => TypeReferenceKind.UriReference,
            _ => TypeReferenceKind.String,
        });

        /// <summary>A place typed JsonElement, listed (ALX0120) so a user sees every one and why.</summary>
        private TypeReference Untyped(JsonNode schema, string why)
        {
            _diagnostics.Add(_file.Document.Diagnostic(DiagnosticDescriptors.TypedAsJsonElement, schema, "#" + schema.Pointer, why));
            return TypeReference.Json;
        }

        /// <summary>JsonElement already represents JSON null, so it is never made nullable for that reason.</summary>
        private static TypeReference Normalize(TypeReference type) => type.Kind == TypeReferenceKind.Json ? type.AsNullable(false) : type;

        private static string DescriptionOf(JsonObject schema) => schema.GetString("description") ?? schema.GetString("title") ?? "";
    }
}
