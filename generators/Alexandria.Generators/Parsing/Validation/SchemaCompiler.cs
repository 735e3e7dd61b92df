using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// Turns the subschemas reachable from a contract's entry points into <see cref="SchemaMethodModel"/>s,
    /// one per distinct schema node, resolving <c>$ref</c> and <c>$dynamicRef</c> statically. Work is a
    /// queue, so recursive schemas terminate: a node already queued is referred to by its index.
    /// </summary>
    internal sealed class SchemaCompiler
    {
        private readonly SchemaIndex _index;
        private readonly ContractDocument _contract;
        private readonly bool _reportEveryReference;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly Dictionary<JsonNode, int> _methodOf = new Dictionary<JsonNode, int>();
        private readonly List<SchemaMethodModel?> _methods = new List<SchemaMethodModel?>();
        private readonly Queue<JsonNode> _pending = new Queue<JsonNode>();
        private readonly Dictionary<string, int> _resourceIds = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _patternIds = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _constantIds = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<ConstantModel> _constants = new List<ConstantModel>();
        private readonly HashSet<string> _dynamicNames = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, DynamicAnchorModel> _dynamicAnchors = new Dictionary<string, DynamicAnchorModel>(StringComparer.Ordinal);
        private readonly Dictionary<int, JsonNode> _referenceAt = new Dictionary<int, JsonNode>();

        public SchemaCompiler(SchemaIndex index, ContractDocument contract, bool reportEveryReference, List<DiagnosticInfo> diagnostics)
        {
            _index = index;
            _contract = contract;
            _reportEveryReference = reportEveryReference;
            _diagnostics = diagnostics;
        }

        public IReadOnlyList<string> Patterns => _patternIds.OrderBy(p => p.Value).Select(p => p.Key).ToList();

        public IReadOnlyList<ConstantModel> Constants => _constants;

        public IEnumerable<SchemaMethodModel> Methods => _methods.Select(m => m!);

        public IEnumerable<DynamicAnchorModel> DynamicAnchors
            => _dynamicAnchors.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Resource);

        /// <summary>The method index for <paramref name="node"/>, queueing it for compilation the first time.</summary>
        public int Require(JsonNode node)
        {
            if (_methodOf.TryGetValue(node, out var existing))
            {
                return existing;
            }

            var index = _methods.Count;
            _methodOf[node] = index;
            _methods.Add(null);
            _pending.Enqueue(node);
            return index;
        }

        public int ResourceId(SchemaResource resource)
        {
            if (!_resourceIds.TryGetValue(resource.Uri, out var id))
            {
                id = _resourceIds.Count;
                _resourceIds[resource.Uri] = id;
            }

            return id;
        }

        /// <summary>Compiles everything queued, then every <c>$dynamicAnchor</c> a <c>$dynamicRef</c> could land on.</summary>
        public void Run()
        {
            while (true)
            {
                while (_pending.Count > 0)
                {
                    var node = _pending.Dequeue();
                    _methods[_methodOf[node]] = Compile(node, _methodOf[node]);
                }

                // A resource enters the dynamic scope only through one of its compiled subschemas, so only those
                // resources' anchors can be targets.
                var added = false;
                foreach (var resource in _index.Resources.Distinct().ToList())
                {
                    if (!_resourceIds.ContainsKey(resource.Uri))
                    {
                        continue;
                    }

                    foreach (var name in _dynamicNames)
                    {
                        var key = resource.Uri + "#" + name;
                        if (resource.DynamicAnchors.TryGetValue(name, out var anchored) && !_dynamicAnchors.ContainsKey(key))
                        {
                            _dynamicAnchors[key] = new DynamicAnchorModel(name, ResourceId(resource), Require(anchored));
                            added = true;
                        }
                    }
                }

                if (!added && _pending.Count == 0)
                {
                    return;
                }
            }
        }

        /// <summary>Reports ALX0121 where a cycle of schemas applied in place (recursion with no base case) closes in the contract.</summary>
        public void ReportInPlaceCycles()
        {
            var closings = InPlaceCycles.Find(_methods);
            if (closings.Count == 0)
            {
                return;
            }

            var nodes = _methodOf.ToDictionary(p => p.Value, p => p.Key);
            var reported = new HashSet<JsonNode>();
            foreach (var closing in closings)
            {
                var at = closing.IsReference ? _referenceAt[closing.From] : nodes[closing.To];
                if (_index.ScopeOf(nodes[closing.From]).Document.IsContract && reported.Add(at))
                {
                    var cycle = string.Join(" → ", closing.Cycle.Concat(new[] { closing.To }).Select(m => "#" + nodes[m].Pointer));
                    var what = at is JsonString reference ? reference.Value : "#" + at.Pointer;
                    _diagnostics.Add(_contract.Diagnostic(DiagnosticDescriptors.ReferenceCycle, at, what, cycle));
                }
            }
        }

        private SchemaMethodModel Compile(JsonNode node, int index)
        {
            var scope = _index.ScopeOf(node);
            var location = scope.Document.Location(node);
            var resource = ResourceId(scope.Resource);
            if (node is not JsonObject json)
            {
                // Boolean schemas; anything else is not a schema and constrains nothing.
                return new SchemaMethodModel { Index = index, Location = location, Resource = resource, Constant = node.Kind != JsonNodeKind.False };
            }

            // Each model is made once, with everything in it: a copy is ≈ 400 bytes, and a copy per step (new, then
            // the references, then the keywords) was most of the validator model's allocations.
            var obj = new DraftObject(json, scope.Resource.Draft);
            var vocabularies = scope.Resource.Vocabularies;
            var references = CompileReferences(obj, scope, index);
            var validation = (vocabularies & Vocabularies.Validation) != 0;
            var applicator = (vocabularies & Vocabularies.Applicator) != 0;
            var unevaluated = (vocabularies & Vocabularies.Unevaluated) != 0;
            var format = (vocabularies & (Vocabularies.FormatAnnotation | Vocabularies.FormatAssertion)) != 0 ? obj.GetString("format") : null;
            var assertFormat = (vocabularies & Vocabularies.FormatAssertion) != 0;

            // Before 2019-09 the reference is the whole schema: every sibling keyword is ignored. A vocabulary the
            // meta-schema turned off reads as a schema without its keywords.
            if ((SchemaDrafts.RefIgnoresSiblings(obj.Draft) && obj["$ref"] is JsonString) || (!validation && !applicator && !unevaluated && format is null))
            {
                return new SchemaMethodModel
                {
                    Index = index,
                    Location = location,
                    Resource = resource,
                    Ref = references.Ref,
                    DynamicRef = references.DynamicRef,
                    UnresolvedReference = references.Unresolved,
                };
            }

            var none = obj.WithoutKeywords();
            return CompileKeywords(validation ? obj : none, applicator ? obj : none, unevaluated ? obj : none, scope, index, location, resource, references, format, assertFormat);
        }

        /// <summary>A schema's <c>$ref</c>, <c>$dynamicRef</c> and <c>$recursiveRef</c>, as the model keeps them.</summary>
        private struct References
        {
            public int? Ref;
            public DynamicReferenceModel? DynamicRef;
            public string? Unresolved;
        }

        private References CompileReferences(DraftObject obj, NodeScope scope, int index)
        {
            var references = default(References);
            if (obj.GetProperty("$ref") is { Value: JsonString reference } refProperty)
            {
                var target = _index.Find(SchemaUri.Resolve(scope.Resource.Uri, reference.Value), out var reason);
                if (target is null)
                {
                    ReportUnresolved(scope, refProperty, reference.Value, reason, dynamic: false);
                    references.Unresolved = "$ref '" + reference.Value + "' does not resolve: " + reason;
                }
                else
                {
                    _referenceAt[index] = reference;
                    references.Ref = Require(target);
                }
            }

            if (obj.GetProperty("$dynamicRef") is { Value: JsonString dynamicReference } dynamicProperty)
            {
                var uri = SchemaUri.Resolve(scope.Resource.Uri, dynamicReference.Value);
                var target = _index.Find(uri, out var reason);
                if (target is null)
                {
                    ReportUnresolved(scope, dynamicProperty, dynamicReference.Value, reason, dynamic: true);
                    references.Unresolved = "$dynamicRef '" + dynamicReference.Value + "' does not resolve: " + reason;
                }
                else
                {
                    // Only a reference whose fragment lands on a $dynamicAnchor is dynamic ("bookending"); any
                    // other $dynamicRef behaves exactly like $ref.
                    var absolute = SchemaUri.WithoutFragment(uri, out var fragment);
                    var name = SchemaUri.PercentDecode(fragment ?? "");
                    var isDynamic = name.Length > 0 && name[0] != '/' && _index.IsDynamicAnchor(absolute, name, target);
                    if (isDynamic)
                    {
                        _dynamicNames.Add(name);
                    }

                    _referenceAt[index] = dynamicReference;
                    references.DynamicRef = new DynamicReferenceModel(name, Require(target), isDynamic);
                }
            }

            if (obj.GetProperty("$recursiveRef") is { Value: JsonString recursiveReference } recursiveProperty)
            {
                CompileRecursiveReference(scope, index, ref references, recursiveProperty, recursiveReference.Value);
            }

            return references;
        }

        /// <summary>
        /// 2019-09's <c>$recursiveRef</c>: resolved statically, unless its target has <c>$recursiveAnchor: true</c>;
        /// then the outermost resource in the dynamic scope with <c>$recursiveAnchor: true</c> wins, which is a
        /// <c>$dynamicRef</c> to the reserved anchor <see cref="SchemaIndex.RecursiveAnchor"/>.
        /// </summary>
        private void CompileRecursiveReference(NodeScope scope, int index, ref References references, JsonProperty at, string reference)
        {
            var uri = SchemaUri.Resolve(scope.Resource.Uri, reference);
            var target = _index.Find(uri, out var reason);
            if (target is null)
            {
                ReportUnresolved(scope, at, reference, reason, dynamic: true);
                references.Unresolved = "$recursiveRef '" + reference + "' does not resolve: " + reason;
                return;
            }

            _referenceAt[index] = at.Value;
            var isDynamic = target is JsonObject anchored && anchored["$recursiveAnchor"]?.Kind == JsonNodeKind.True;
            if (isDynamic)
            {
                _dynamicNames.Add(SchemaIndex.RecursiveAnchor);
            }

            references.DynamicRef = new DynamicReferenceModel(SchemaIndex.RecursiveAnchor, Require(target), isDynamic, "$recursiveRef");
        }

        private void ReportUnresolved(NodeScope scope, JsonProperty at, string reference, string reason, bool dynamic)
        {
            // The types area reports unresolved $refs of $defs contracts; the validators report only what the types
            // area never looks at, so each problem is reported once.
            SchemaUri.WithoutFragment(reference, out var fragment);
            var isAnchorReference = !string.IsNullOrEmpty(fragment) && fragment![0] != '/';
            if (scope.Document.IsContract && (_reportEveryReference || dynamic || isAnchorReference))
            {
                _diagnostics.Add(_contract.Diagnostic(DiagnosticDescriptors.UnresolvedReference, at.Value, reference, reason));
            }
        }

        /// <summary>
        /// The keywords of the validation vocabulary (<paramref name="assertions"/>), then the applicators and
        /// <c>unevaluated*</c>, in that order: constants and patterns are numbered, and subschemas required, as they are read.
        /// </summary>
        private SchemaMethodModel CompileKeywords(
            DraftObject assertions, DraftObject applicators, DraftObject unevaluated, NodeScope scope, int index, string location, int resource, References references, string? format, bool assertFormat)
        {
            var obj = assertions;
            var constant = obj.TryGet("const", out var constantNode) ? Constant(constantNode) : (int?)null;
            var values = obj["enum"] as JsonArray;
            var enumValues = values is null ? EquatableArray<int>.Empty : values.Items.Select(Constant).ToEquatableArray();
            var pattern = obj["pattern"] as JsonString;
            var patternId = pattern is null ? null : Pattern(pattern, pattern.Value, scope);

            // Draft 7's "dependencies" is still common in contracts; its array members mean dependentRequired.
            var dependentRequired = Members(obj, "dependentRequired").Concat(Members(obj, "dependencies")).Where(p => p.Value is JsonArray).ToList();
            var a = applicators;
            return new SchemaMethodModel
            {
                Index = index,
                Location = location,
                Resource = resource,
                Ref = references.Ref,
                DynamicRef = references.DynamicRef,
                UnresolvedReference = references.Unresolved,
                Types = ReadTypes(obj["type"]),
                Minimum = IsExclusiveFlag(obj, "exclusiveMinimum") ? null : Limit(obj, "minimum"),
                ExclusiveMinimum = IsExclusiveFlag(obj, "exclusiveMinimum") ? Limit(obj, "minimum") : Limit(obj, "exclusiveMinimum"),
                Maximum = IsExclusiveFlag(obj, "exclusiveMaximum") ? null : Limit(obj, "maximum"),
                ExclusiveMaximum = IsExclusiveFlag(obj, "exclusiveMaximum") ? Limit(obj, "maximum") : Limit(obj, "exclusiveMaximum"),
                MultipleOf = Limit(obj, "multipleOf"),
                MinLength = Count(obj, "minLength"),
                MaxLength = Count(obj, "maxLength"),
                MinItems = Count(obj, "minItems"),
                MaxItems = Count(obj, "maxItems"),
                UniqueItems = obj["uniqueItems"]?.Kind == JsonNodeKind.True,
                MinContains = Count(obj, "minContains"),
                MaxContains = Count(obj, "maxContains"),
                MinProperties = Count(obj, "minProperties"),
                MaxProperties = Count(obj, "maxProperties"),
                Required = obj["required"] is JsonArray required
                    ? required.Items.OfType<JsonString>().Select(s => s.Value).Distinct().ToEquatableArray()
                    : EquatableArray<string>.Empty,
                Const = constant,
                HasEnum = values is not null,
                Enum = enumValues,
                Pattern = patternId,
                PatternSource = patternId is not null ? pattern!.Value : null,
                DependentRequired = dependentRequired.Count > 0
                    ? dependentRequired
                        .Select(p => new DependentRequiredModel(p.Name, ((JsonArray)p.Value).Items.OfType<JsonString>().Select(s => s.Value).ToEquatableArray()))
                        .ToEquatableArray()
                    : EquatableArray<DependentRequiredModel>.Empty,
                AllOf = List(a, "allOf"),
                AnyOf = List(a, "anyOf"),
                OneOf = List(a, "oneOf"),
                Not = Optional(a, "not"),
                If = Optional(a, "if"),
                Then = a.TryGet("if", out _) ? Optional(a, "then") : null,
                Else = a.TryGet("if", out _) ? Optional(a, "else") : null,
                PrefixItems = TupleItems(a) ?? List(a, "prefixItems"),
                Items = a["items"] is JsonArray ? (SchemaDrafts.HasArrayItems(a.Draft) ? Optional(a, "additionalItems") : null) : Optional(a, "items"),
                ItemsKeyword = a["items"] is JsonArray ? "additionalItems" : "items",
                Contains = Optional(a, "contains"),
                Properties = Named(a, "properties"),
                PatternProperties = a["patternProperties"] is JsonObject patterns
                    ? patterns.Properties
                        .Select(p => (Member: p, Id: Pattern(p, p.Name, scope)))
                        .Where(p => p.Id is not null)
                        .Select(p => new PatternSchemaModel(p.Id!.Value, p.Member.Name, Require(p.Member.Value)))
                        .ToEquatableArray()
                    : EquatableArray<PatternSchemaModel>.Empty,
                AdditionalProperties = Optional(a, "additionalProperties"),
                PropertyNames = Optional(a, "propertyNames"),
                DependentSchemas = Members(a, "dependentSchemas").Concat(Members(a, "dependencies").Where(p => p.Value is not JsonArray))
                    .Select(p => new NamedSchemaModel(p.Name, Require(p.Value)))
                    .ToEquatableArray(),
                UnevaluatedItems = Optional(unevaluated, "unevaluatedItems"),
                UnevaluatedProperties = Optional(unevaluated, "unevaluatedProperties"),
                Format = format,
                AlwaysAssertFormat = format is not null && assertFormat,
            };
        }

        /// <summary>Before 2020-12, <c>items</c> as an array is what <c>prefixItems</c> is now (and <c>additionalItems</c> its <c>items</c>).</summary>
        private EquatableArray<int>? TupleItems(DraftObject obj)
            => SchemaDrafts.HasArrayItems(obj.Draft) && obj["items"] is JsonArray ? List(obj, "items") : (EquatableArray<int>?)null;

        private int? Optional(DraftObject obj, string keyword) => obj.TryGet(keyword, out var node) ? Require(node) : (int?)null;

        private EquatableArray<int> List(DraftObject obj, string keyword)
            => obj[keyword] is JsonArray array ? array.Items.Select(Require).ToEquatableArray() : EquatableArray<int>.Empty;

        private EquatableArray<NamedSchemaModel> Named(DraftObject obj, string keyword)
            => obj[keyword] is JsonObject map
                ? map.Properties.Select(p => new NamedSchemaModel(p.Name, Require(p.Value))).ToEquatableArray()
                : EquatableArray<NamedSchemaModel>.Empty;

        private static IEnumerable<JsonProperty> Members(DraftObject obj, string keyword)
            => obj[keyword] is JsonObject map ? map.Properties : Enumerable.Empty<JsonProperty>();

        private int Constant(JsonNode node)
        {
            var json = JsonText.Write(node);
            if (!_constantIds.TryGetValue(json, out var id))
            {
                id = _constants.Count;
                _constantIds[json] = id;
                _constants.Add(new ConstantModel(json, node is JsonString s ? s.Value : null));
            }

            return id;
        }

        /// <summary>Translates an ECMA-262 pattern and checks it compiles in .NET now, so a bad one fails the build (ALX0105).</summary>
        private int? Pattern(object at, string source, NodeScope scope)
        {
            if (!CheckedPatterns.TryTranslate(source, out var translated, out var error))
            {
                if (scope.Document.IsContract)
                {
                    _diagnostics.Add(at is JsonProperty property
                        ? _contract.Diagnostic(DiagnosticDescriptors.InvalidPattern, property, source, error)
                        : _contract.Diagnostic(DiagnosticDescriptors.InvalidPattern, (JsonNode)at, source, error));
                }

                return null;
            }

            if (!_patternIds.TryGetValue(translated, out var id))
            {
                id = _patternIds.Count;
                _patternIds[translated] = id;
            }

            return id;
        }

        private static JsonTypes ReadTypes(JsonNode? node)
        {
            switch (node)
            {
                case JsonString single:
                    return TypeOf(single.Value);
                case JsonArray many:
                    var types = JsonTypes.None;
                    foreach (var item in many.Items.OfType<JsonString>())
                    {
                        types |= TypeOf(item.Value);
                    }

                    return types;
                default:
                    return JsonTypes.None;
            }
        }

        private static JsonTypes TypeOf(string name)
        {
            switch (name)
            {
                case "null": return JsonTypes.Null;
                case "boolean": return JsonTypes.Boolean;
                case "object": return JsonTypes.Object;
                case "array": return JsonTypes.Array;
                case "number": return JsonTypes.Number;
                case "string": return JsonTypes.String;
                case "integer": return JsonTypes.Integer;
                default: return JsonTypes.None;
            }
        }

        /// <summary>Draft 4's <c>exclusiveMinimum: true</c> / <c>exclusiveMaximum: true</c>: the bound of <c>minimum</c> / <c>maximum</c> is exclusive.</summary>
        private static bool IsExclusiveFlag(DraftObject obj, string keyword)
            => obj.Draft == SchemaDraft.Draft4 && obj[keyword]?.Kind == JsonNodeKind.True;

        private static NumberLimitModel? Limit(DraftObject obj, string keyword)
            => obj[keyword] is JsonNumber number ? new NumberLimitModel(number.Text) : null;

        /// <summary>
        /// A non-negative integer keyword; <c>2.0</c> counts as 2. Beyond <c>int.MaxValue</c> it is <c>int.MaxValue</c>: no
        /// .NET string, array or object is that long, so the verdict is the same, and the generated comparison against an
        /// <c>int</c> stays in range (CS0652 otherwise, an error with warnings as errors).
        /// </summary>
        private static long? Count(DraftObject obj, string keyword)
        {
            if (obj[keyword] is JsonNumber number
                && double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0
                && Math.Floor(value) == value)
            {
                return value > int.MaxValue ? int.MaxValue : (long)value;
            }

            return null;
        }
    }
}
