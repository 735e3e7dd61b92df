using System;
using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Wrapper unions: a <c>oneOf</c>/<c>anyOf</c> that cannot be a closed union (its cases deriving from it) becomes a
    /// class holding one of its cases. Each case is typed as any schema is; what the converter needs to pick a case
    /// (the JSON tokens each accepts, a discriminating member, the validators of branches it cannot tell apart
    /// otherwise) is decided here.
    /// </summary>
    internal sealed partial class SchemaTypeBuilder
    {
        private const JsonTypes AnyToken = JsonTypes.Object | JsonTypes.Array | JsonTypes.String | JsonTypes.Number | JsonTypes.Boolean | JsonTypes.Null;

        /// <summary>The preferred names of inline branch types (<c>{Union}{Suffix}</c>), made unique when a type claims one.</summary>
        private readonly Dictionary<string, string> _branchNames = new Dictionary<string, string>();

        /// <param name="register">Records the union's type before its cases are built, so a case that refers back to it (an array of itself) finds it.</param>
        private TypeReference WrapperUnion(string name, JsonObject schema, bool nullable, Action<TypeReference> register)
        {
            var branches = SchemaShapes.Branches(schema, out var nullBranch)!;

            // An object whose branches only add constraints (oneOf: [{required: [a]}, {required: [b]}]) is its record;
            // the validator checks the branches.
            if (SchemaShapes.IsRecord(_file, schema) && branches.TrueForAll(IsConstraintOnly))
            {
                var record = TypeReference.NamedType(FullName(name)).AsNullable(nullable);
                register(record);
                BuildRecord(name, schema);
                return record;
            }

            register(TypeReference.NamedType(FullName(name)));

            for (var i = 0; i < branches.Count; i++)
            {
                if (branches[i] is JsonObject branch && _file.DefinitionAt(branch) is null && !_branchNames.ContainsKey(branch.Pointer))
                {
                    _branchNames[branch.Pointer] = name + BranchSuffix(branch, i);
                }
            }

            var types = new List<TypeReference>();
            var typed = false;
            foreach (var branch in branches)
            {
                var type = TypeOf(branch);
                nullable |= type.IsNullable && type.Kind != TypeReferenceKind.Json;
                typed |= type.Kind != TypeReferenceKind.Json;
                types.Add(type.AsNullable(false));
            }

            if (!typed)
            {
                register(TypeReference.Json);
                return Untyped(schema, "no branch of the " + (schema["oneOf"] is not null ? "oneOf" : "anyOf") + " has a shape of its own");
            }

            var takenCases = new HashSet<string>(StringComparer.Ordinal) { "Case" };
            var drafts = new List<CaseDraft>();
            for (var i = 0; i < branches.Count; i++)
            {
                var tokens = Tokens(types[i], branches[i]);
                drafts.Add(new CaseDraft(CaseName(name, types[i], takenCases), types[i], tokens, branches[i]));
            }

            var discriminator = ObjectDiscriminator(drafts) ?? DeclaredDiscriminator(schema, drafts);
            var cases = new List<WrapperCase>();
            foreach (var draft in drafts)
            {
                cases.Add(new WrapperCase(draft.Name, draft.Type, draft.Tokens, draft.DiscriminatorValue, draft.Branch.Pointer, "", false));
            }

            var declaration = new WrapperUnionDeclaration(name, DescriptionOf(schema), schema.Pointer, schema["oneOf"] is not null, discriminator, cases.ToEquatableArray());
            declaration = declaration with { Cases = WithValidators(declaration, drafts) };
            Declarations.Add(declaration);

            var result = TypeReference.NamedType(FullName(name)).AsNullable(nullable || nullBranch);
            register(result);
            return result;
        }

        /// <summary>Gives each case the converter must test by validator its validator: a definition's, an inline type's, or its branch's own.</summary>
        private EquatableArray<WrapperCase> WithValidators(WrapperUnionDeclaration union, List<CaseDraft> drafts)
        {
            var needed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in WrapperUnionDeclaration.TokenGroups)
            {
                var candidates = union.CandidatesFor(group);
                if (union.NeedsValidators(group, candidates))
                {
                    candidates.ForEach(c => needed.Add(c.Name));
                }
            }

            var cases = new List<WrapperCase>();
            for (var i = 0; i < union.Cases.Count; i++)
            {
                var @case = union.Cases[i];
                if (needed.Contains(@case.Name))
                {
                    var stem = ExistingValidatorStem(drafts[i]);
                    @case = stem is not null
                        ? @case with { ValidatorStem = stem }
                        : @case with { ValidatorStem = CSharpNaming.Unique(union.Name + @case.Name + "Branch", _names), RegistersValidator = true };
                }

                cases.Add(@case);
            }

            return cases.ToEquatableArray();
        }

        /// <summary>A validator the branch already has: the definition's it refers to, or the inline type's made at its place.</summary>
        private string? ExistingValidatorStem(CaseDraft draft)
        {
            if (draft.Branch is JsonObject branch && SchemaShapes.IsPureReference(branch)
                && _file.ResolveLocalRef(branch) is { } target && _file.DefinitionAt(target) is { } definition
                && _definitions.TryGetValue(definition.Name, out var info) && !info.Collided)
            {
                return info.TypeName;
            }

            if (draft.Type.Kind == TypeReferenceKind.Named && _inlineTypes.TryGetValue(draft.Branch.Pointer, out var inline) && inline.Name == draft.Type.Name)
            {
                return inline.Name.Substring(inline.Name.LastIndexOf('.') + 1);
            }

            return null;
        }

        /// <summary>
        /// The member every object case requires with a string constant of its own, when each object case is a record:
        /// then that member picks the case without running any validator.
        /// </summary>
        private string? ObjectDiscriminator(List<CaseDraft> drafts)
        {
            var objects = drafts.FindAll(d => (d.Tokens & JsonTypes.Object) != 0);
            if (objects.Count < 2)
            {
                return null;
            }

            var members = new List<ObjectMembers>();
            foreach (var draft in objects)
            {
                var schema = draft.Branch;
                for (var hops = 0; hops < 16 && schema is JsonObject reference && SchemaShapes.IsPureReference(reference); hops++)
                {
                    schema = _file.ResolveLocalRef(reference);
                }

                if (schema is not JsonObject record || !SchemaShapes.IsRecord(_file, record))
                {
                    return null;
                }

                members.Add(ObjectMembers.Collect(_file, record));
            }

            var discriminator = DefinitionClassifier.InferDiscriminator(members);
            if (discriminator is not null)
            {
                for (var i = 0; i < objects.Count; i++)
                {
                    objects[i].DiscriminatorValue = members[i][discriminator]!.StringConst;
                }
            }

            return discriminator;
        }

        /// <summary>
        /// An OpenAPI <c>discriminator</c> naming the member that picks the object case when no member constant does:
        /// each object case (a <c>$ref</c> to a definition) is picked by its <c>mapping</c> key, else by its definition
        /// name, as OpenAPI reads a value the mapping does not list. Null when an object case is not a <c>$ref</c> or two
        /// cases would share a value: then the branches' validators decide, as without a discriminator.
        /// </summary>
        private static string? DeclaredDiscriminator(JsonObject union, List<CaseDraft> drafts)
        {
            if (union["discriminator"] is not JsonObject declared || declared.GetString("propertyName") is not { Length: > 0 } member)
            {
                return null;
            }

            var objects = drafts.FindAll(d => (d.Tokens & JsonTypes.Object) != 0);
            var values = new HashSet<string>(StringComparer.Ordinal);
            var chosen = new List<string>();
            foreach (var draft in objects)
            {
                if (draft.Branch is not JsonObject branch || !SchemaShapes.IsPureReference(branch) || branch.GetString("$ref") is not { } reference)
                {
                    return null;
                }

                var target = LastToken(reference);
                var value = target;
                foreach (var entry in (declared["mapping"] as JsonObject)?.Properties ?? new JsonProperty[0])
                {
                    if (entry.Value is JsonString mapped && LastToken(mapped.Value) == target)
                    {
                        value = entry.Name;
                        break;
                    }
                }

                if (!values.Add(value))
                {
                    return null;
                }

                chosen.Add(value);
            }

            if (objects.Count < 2)
            {
                return null;
            }

            for (var i = 0; i < objects.Count; i++)
            {
                objects[i].DiscriminatorValue = chosen[i];
            }

            return member;
        }

        /// <summary>The definition a reference names: <c>#/components/schemas/Cat</c>, <c>#/$defs/Cat</c> and <c>Cat</c> are all <c>Cat</c>.</summary>
        private static string LastToken(string reference)
            => Unescape(Uri.UnescapeDataString(reference.Substring(reference.LastIndexOf('/') + 1)));

        /// <summary>
        /// The name of an inline branch type after the union's: its discriminating constant (<c>ContentText</c>), else its
        /// <c>title</c>, else its position (<c>ContentOption2</c>), so it depends only on where it is written.
        /// </summary>
        private string BranchSuffix(JsonObject branch, int index)
        {
            if (SchemaShapes.IsRecord(_file, branch))
            {
                foreach (var member in ObjectMembers.Collect(_file, branch).Members)
                {
                    if (member.StringConst is { Length: > 0 } constant)
                    {
                        return CSharpNaming.ToPascalCase(constant);
                    }
                }
            }

            if (StringConstant(branch) is { Length: > 0 } value)
            {
                return CSharpNaming.ToPascalCase(value);
            }

            return branch.GetString("title") is { Length: > 0 } title
                ? CSharpNaming.ToPascalCase(title)
                : "Option" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static readonly string[] ShapeKeywords =
        {
            "type", "$ref", "properties", "items", "prefixItems", "enum", "const", "oneOf", "anyOf", "allOf", "additionalProperties", "patternProperties",
        };

        /// <summary>A branch that says nothing about the value's shape, only constrains it (<c>{required: [a]}</c>).</summary>
        private static bool IsConstraintOnly(JsonNode branch)
        {
            if (branch is not JsonObject schema)
            {
                return false;
            }

            foreach (var keyword in ShapeKeywords)
            {
                if (schema[keyword] is not null)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A branch that is one string (<c>const</c>, or an <c>enum</c> of one): that string.</summary>
        private static string? StringConstant(JsonObject branch)
            => branch["const"] is JsonString constant ? constant.Value
                : branch["enum"] is JsonArray { Items.Count: 1 } values && values.Items[0] is JsonString only ? only.Value
                : null;

        /// <summary>The case's C# name: the type's own for generated types, else what it holds (<c>String</c>, <c>ContentPartList</c>).</summary>
        private static string CaseName(string union, TypeReference type, HashSet<string> taken)
        {
            var name = CSharpNaming.Sanitize(CaseStem(union, type));
            if (union == "Is" + name || union == "As" + name || union == "TryGet" + name || union == "From" + name)
            {
                name += "Case";
            }

            return CSharpNaming.Unique(name, taken);
        }

        private static string CaseStem(string union, TypeReference type)
        {
            switch (type.Kind)
            {
                case TypeReferenceKind.Named:
                    var simple = type.Name.Substring(type.Name.LastIndexOf('.') + 1);
                    return simple.Length > union.Length && simple.StartsWith(union, StringComparison.Ordinal) && char.IsUpper(simple[union.Length])
                        ? simple.Substring(union.Length)
                        : simple;
                case TypeReferenceKind.List:
                    return CaseStem(union, type.Element!) + "List";
                case TypeReferenceKind.Dictionary:
                    return CaseStem(union, type.Element!) + "Map";
                case TypeReferenceKind.DateTimeOffset:
                    return "DateTime";
                case TypeReferenceKind.DateOnly:
                    return "Date";
                case TypeReferenceKind.UriReference:
                    return "Uri";
                case TypeReferenceKind.External:
                    return "Value";
                default:
                    return type.Kind.ToString();
            }
        }

        /// <summary>The JSON tokens a case accepts: from its C# type where that says, else from its schema.</summary>
        private JsonTypes Tokens(TypeReference type, JsonNode branch)
        {
            switch (type.Kind)
            {
                case TypeReferenceKind.String:
                case TypeReferenceKind.Guid:
                case TypeReferenceKind.DateTimeOffset:
                case TypeReferenceKind.DateOnly:
                case TypeReferenceKind.Uri:
                case TypeReferenceKind.UriReference:
                    return JsonTypes.String;
                case TypeReferenceKind.Integer:
                case TypeReferenceKind.Number:
                    return JsonTypes.Number;
                case TypeReferenceKind.Boolean:
                    return JsonTypes.Boolean;
                case TypeReferenceKind.List:
                    return JsonTypes.Array;
                case TypeReferenceKind.Dictionary:
                    return JsonTypes.Object;
                case TypeReferenceKind.Named:
                    // A generated type never holds null: null belongs to the union's own nullability.
                    return SchemaTokens(branch, 0) & ~JsonTypes.Null;
                case TypeReferenceKind.Json:
                    var tokens = SchemaTokens(branch, 0);
                    return tokens == JsonTypes.None ? AnyToken : tokens;
                default:
                    return AnyToken & ~JsonTypes.Null;
            }
        }

        private JsonTypes SchemaTokens(JsonNode node, int depth)
        {
            if (node is not JsonObject schema)
            {
                return node.Kind == JsonNodeKind.False ? JsonTypes.None : AnyToken;
            }

            if (depth > 32)
            {
                return AnyToken;
            }

            if (SchemaShapes.IsPureReference(schema))
            {
                return _file.ResolveLocalRef(schema) is { } target ? SchemaTokens(target, depth + 1) : AnyToken;
            }

            if (schema["const"] is { } constant)
            {
                return TokenOf(constant);
            }

            if (schema["enum"] is JsonArray values)
            {
                var tokens = JsonTypes.None;
                foreach (var value in values.Items)
                {
                    tokens |= TokenOf(value);
                }

                return tokens;
            }

            var types = SchemaShapes.ReadTypes(schema, out var nullable);
            if (types.Count > 0)
            {
                var tokens = nullable ? JsonTypes.Null : JsonTypes.None;
                types.ForEach(t => tokens |= t switch
                {
                    "string" => JsonTypes.String,
                    "integer" or "number" => JsonTypes.Number,
                    "boolean" => JsonTypes.Boolean,
                    "object" => JsonTypes.Object,
                    "array" => JsonTypes.Array,
                    _ => JsonTypes.None,
                });
                return tokens;
            }

            if (SchemaShapes.Branches(schema, out var nullBranch) is { } branches)
            {
                var tokens = nullBranch || nullable ? JsonTypes.Null : JsonTypes.None;
                branches.ForEach(b => tokens |= SchemaTokens(b, depth + 1));
                return tokens;
            }

            if (schema["allOf"] is JsonArray parts)
            {
                var tokens = AnyToken;
                foreach (var part in parts.Items)
                {
                    tokens &= SchemaTokens(part, depth + 1);
                }

                return tokens;
            }

            if (schema["properties"] is not null || schema["required"] is not null || schema["additionalProperties"] is not null || schema["patternProperties"] is not null)
            {
                return JsonTypes.Object;
            }

            return schema["items"] is not null || schema["prefixItems"] is not null ? JsonTypes.Array : AnyToken;
        }

        private static JsonTypes TokenOf(JsonNode value) => value.Kind switch
        {
            JsonNodeKind.String => JsonTypes.String,
            JsonNodeKind.Number => JsonTypes.Number,
            JsonNodeKind.True or JsonNodeKind.False => JsonTypes.Boolean,
            JsonNodeKind.Null => JsonTypes.Null,
            JsonNodeKind.Array => JsonTypes.Array,
            _ => JsonTypes.Object,
        };

        /// <summary>A case while the union is being decided.</summary>
        private sealed class CaseDraft
        {
            public CaseDraft(string name, TypeReference type, JsonTypes tokens, JsonNode branch)
            {
                Name = name;
                Type = type;
                Tokens = tokens;
                Branch = branch;
            }

            public string Name { get; }

            public TypeReference Type { get; }

            public JsonTypes Tokens { get; }

            public JsonNode Branch { get; }

            public string? DiscriminatorValue { get; set; }
        }
    }
}
