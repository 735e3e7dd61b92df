using System;
using System.Collections.Generic;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>A schema document the compiler reads: the contract itself, a registered document or a built-in meta-schema.</summary>
    internal sealed class LoadedDocument
    {
        public LoadedDocument(string uri, JsonNode root, bool isContract)
        {
            Uri = uri;
            Root = root;
            IsContract = isContract;
        }

        public string Uri { get; }

        public JsonNode Root { get; }

        public bool IsContract { get; }

        /// <summary>How errors name a place in this document: <c>#/…</c> in the contract, <c>uri#/…</c> elsewhere.</summary>
        public string Location(JsonNode node) => (IsContract ? "#" : Uri + "#") + node.Pointer;
    }

    /// <summary>A schema resource: a document root or a subschema with its own <c>$id</c>.</summary>
    internal sealed class SchemaResource
    {
        private NodeScope? _scope;

        /// <summary>The scope of this resource's nodes in its own document, made once.</summary>
        internal NodeScope OwnScope => _scope ??= new NodeScope(Document, this);

        public SchemaResource(string uri, JsonNode root, LoadedDocument document, SchemaDraft draft, Vocabularies vocabularies)
        {
            Uri = uri;
            Root = root;
            Document = document;
            Draft = draft;
            Vocabularies = vocabularies;
        }

        public string Uri { get; }

        public JsonNode Root { get; }

        public LoadedDocument Document { get; }

        /// <summary>The draft whose keyword semantics apply to this resource's subschemas.</summary>
        public SchemaDraft Draft { get; }

        public Vocabularies Vocabularies { get; }

        public Dictionary<string, JsonNode> DynamicAnchors { get; } = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
    }

    /// <summary>Where a node sits: its document, the resource that encloses it and its base URI.</summary>
    internal sealed class NodeScope
    {
        /// <summary>
        /// The scope of a node of <paramref name="resource"/> in <paramref name="document"/>: one shared per resource (every
        /// node is indexed, and nearly all sit in their resource's own document), a new one otherwise.
        /// </summary>
        public static NodeScope Of(LoadedDocument document, SchemaResource resource)
            => document == resource.Document ? resource.OwnScope : new NodeScope(document, resource);

        public NodeScope(LoadedDocument document, SchemaResource resource)
        {
            Document = document;
            Resource = resource;
        }

        public LoadedDocument Document { get; }

        public SchemaResource Resource { get; }
    }

    /// <summary>
    /// Every identifier in the documents a contract reaches: resources by <c>$id</c>, <c>$anchor</c> and
    /// <c>$dynamicAnchor</c> names, and the scope of every node. Documents other than the contract are
    /// loaded on first reference, from the registered documents or the built-in meta-schemas.
    /// </summary>
    internal sealed class SchemaIndex
    {
        /// <summary>
        /// The name under which a 2019-09 <c>$recursiveAnchor: true</c> is recorded among a resource's dynamic
        /// anchors: <c>$recursiveRef</c> compiles to a dynamic reference to it. No <c>$dynamicAnchor</c> can be
        /// spelled like this (they are plain names), so the two never meet.
        /// </summary>
        public const string RecursiveAnchor = "$recursiveAnchor";

        private readonly Dictionary<string, SchemaResource> _resources = new Dictionary<string, SchemaResource>(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonNode> _anchors = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        private readonly Dictionary<JsonNode, NodeScope> _scopes = new Dictionary<JsonNode, NodeScope>();
        private readonly Dictionary<string, Dialect> _metaschemas = new Dictionary<string, Dialect>(StringComparer.Ordinal);
        private readonly HashSet<string> _attempted = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<JsonProperty> _unknownMetaschemas = new List<JsonProperty>();
        private readonly Func<string, string?> _retrieve;
        private readonly SchemaDraft _defaultDraft;

        /// <param name="defaultDraft">The draft of a document that declares no <c>$schema</c> (registered documents included).</param>
        public SchemaIndex(Func<string, string?> retrieve, SchemaDraft defaultDraft = SchemaDrafts.Default)
        {
            _retrieve = retrieve;
            _defaultDraft = defaultDraft;
        }

        /// <summary>Every <c>$schema</c> in the contract that names neither a known draft nor a readable meta-schema.</summary>
        public IReadOnlyList<JsonProperty> UnknownMetaschemas => _unknownMetaschemas;

        public LoadedDocument Add(string uri, JsonNode root, bool isContract)
        {
            uri = SchemaUri.Canonical(uri);
            _attempted.Add(uri);
            var document = new LoadedDocument(uri, root, isContract);
            var dialect = root is JsonObject obj ? DialectOf(obj, uri, document, new Dialect(_defaultDraft, Vocabularies.Standard)) : new Dialect(_defaultDraft, Vocabularies.Standard);
            var resource = new SchemaResource(uri, root, document, dialect.Draft, dialect.Vocabularies);
            _resources[uri] = resource;
            VisitSchema(root, resource, document);
            return document;
        }

        public NodeScope ScopeOf(JsonNode node) => _scopes[node];

        public IEnumerable<SchemaResource> Resources => _resources.Values;

        /// <summary>Finds the schema an absolute URI (with an optional fragment) names.</summary>
        public JsonNode? Find(string uri, out string reason)
        {
            var absolute = SchemaUri.WithoutFragment(uri, out var fragment);
            if (!_resources.TryGetValue(absolute, out var resource) && !TryLoad(absolute, out resource))
            {
                reason = "no schema with $id '" + absolute + "' is known; add the document as an AdditionalFile with AlexandriaSchemaUri metadata";
                return null;
            }

            reason = "";
            fragment = SchemaUri.PercentDecode(fragment ?? "");
            if (fragment.Length == 0)
            {
                return resource!.Root;
            }

            if (fragment[0] == '/')
            {
                var node = Navigate(resource!.Root, fragment);
                if (node is null)
                {
                    reason = "the JSON pointer '" + fragment + "' matches nothing in '" + absolute + "'";
                }

                return node;
            }

            if (_anchors.TryGetValue(absolute + "#" + fragment, out var anchored))
            {
                return anchored;
            }

            reason = "no $anchor or $dynamicAnchor named '" + fragment + "' in '" + absolute + "'";
            return null;
        }

        /// <summary>The <c>$dynamicAnchor</c> named <paramref name="name"/> at the resource identified by <paramref name="resourceUri"/>, if any.</summary>
        public bool IsDynamicAnchor(string resourceUri, string name, JsonNode node)
            => _resources.TryGetValue(resourceUri, out var resource)
               && resource.DynamicAnchors.TryGetValue(name, out var anchored)
               && ReferenceEquals(anchored, node);

        private bool TryLoad(string uri, out SchemaResource? resource)
        {
            resource = null;
            if (!_attempted.Add(uri))
            {
                return false;
            }

            var text = _retrieve(uri);
            if (text is null)
            {
                return false;
            }

            JsonNode root;
            try
            {
                root = JsonDocumentParser.Parse(text, out _);
            }
            catch (JsonParseException)
            {
                return false;
            }

            Add(uri, root, isContract: false);
            return _resources.TryGetValue(uri, out resource);
        }

        /// <summary>The draft and vocabularies of a resource root: its <c>$schema</c>'s, else <paramref name="inherited"/>.</summary>
        private Dialect DialectOf(JsonObject obj, string baseUri, LoadedDocument document, Dialect inherited)
        {
            if (obj.GetProperty("$schema") is not { Value: JsonString meta } property)
            {
                return inherited;
            }

            if (MetaschemaDialect(SchemaUri.Resolve(baseUri, meta.Value)) is Dialect known)
            {
                return known;
            }

            if (document.IsContract)
            {
                _unknownMetaschemas.Add(property);
            }

            return inherited;
        }

        /// <summary>
        /// A meta-schema's dialect: one of the five drafts' own URIs, or a custom meta-schema (registered or
        /// built in) whose draft is its own <c>$schema</c>'s and whose vocabularies are its <c>$vocabulary</c>.
        /// </summary>
        private Dialect? MetaschemaDialect(string metaschemaUri)
        {
            if (SchemaDrafts.FromMetaschemaUri(metaschemaUri) is SchemaDraft draft)
            {
                return new Dialect(draft, Vocabularies.Standard);
            }

            var absolute = SchemaUri.WithoutFragment(metaschemaUri, out _);
            if (_metaschemas.TryGetValue(absolute, out var known))
            {
                return known;
            }

            // Guard against a meta-schema that is its own meta-schema while it loads.
            _metaschemas[absolute] = new Dialect(_defaultDraft, Vocabularies.Standard);
            if (!_resources.TryGetValue(absolute, out var meta) && !TryLoad(absolute, out meta))
            {
                _metaschemas.Remove(absolute);
                return null;
            }

            var result = new Dialect(meta!.Draft, Vocabularies.Standard);
            if (meta.Draft >= SchemaDraft.Draft201909 && meta.Root is JsonObject metaObject && metaObject["$vocabulary"] is JsonObject declared)
            {
                var vocabularies = Vocabularies.None;
                foreach (var vocabulary in declared.Properties)
                {
                    vocabularies |= VocabularyUris.Parse(vocabulary.Name);
                }

                result = new Dialect(meta.Draft, vocabularies);
            }

            _metaschemas[absolute] = result;
            return result;
        }

        private void VisitSchema(JsonNode node, SchemaResource resource, LoadedDocument document)
        {
            if (node is not JsonObject obj)
            {
                _scopes[node] = NodeScope.Of(document, resource);
                return;
            }

            var identity = Identity.Of(obj, resource.Draft);
            if (identity.Id is string id && !ReferenceEquals(node, resource.Root))
            {
                var uri = SchemaUri.WithoutFragment(SchemaUri.Resolve(resource.Uri, id), out _);
                var dialect = DialectOf(obj, uri, document, new Dialect(resource.Draft, resource.Vocabularies));
                resource = new SchemaResource(uri, node, document, dialect.Draft, dialect.Vocabularies);
                _resources[uri] = resource;
            }
            else if (ReferenceEquals(node, resource.Root) && identity.Id is string rootId)
            {
                // A document root's $id names the same resource as its retrieval URI.
                var uri = SchemaUri.WithoutFragment(SchemaUri.Resolve(resource.Uri, rootId), out _);
                if (uri != resource.Uri)
                {
                    var renamed = new SchemaResource(uri, node, document, resource.Draft, resource.Vocabularies);
                    _resources[uri] = renamed;
                    _resources[resource.Uri] = renamed;
                    resource = renamed;
                }
            }

            var draft = resource.Draft;
            _scopes[node] = NodeScope.Of(document, resource);
            if (identity.Anchor is string plainName)
            {
                _anchors[resource.Uri + "#" + plainName] = node;
            }

            if (DraftKeywords.Has(draft, "$anchor") && obj.GetString("$anchor") is string anchor)
            {
                _anchors[resource.Uri + "#" + anchor] = node;
            }

            if (DraftKeywords.Has(draft, "$dynamicAnchor") && obj.GetString("$dynamicAnchor") is string dynamicAnchor)
            {
                _anchors[resource.Uri + "#" + dynamicAnchor] = node;
                resource.DynamicAnchors[dynamicAnchor] = node;
            }

            if (DraftKeywords.Has(draft, "$recursiveAnchor") && obj["$recursiveAnchor"]?.Kind == JsonNodeKind.True && ReferenceEquals(node, resource.Root))
            {
                resource.DynamicAnchors[RecursiveAnchor] = node;
            }

            foreach (var property in obj.Properties)
            {
                var value = property.Value;
                if (SchemaKeywords.IsSchemaArray(draft, property.Name) && value is JsonArray array)
                {
                    _scopes[value] = NodeScope.Of(document, resource);
                    foreach (var item in array.Items)
                    {
                        VisitSchema(item, resource, document);
                    }
                }
                else if (SchemaKeywords.Single.Contains(property.Name))
                {
                    VisitSchema(value, resource, document);
                }
                else if (SchemaKeywords.IsSchemaMap(draft, property.Name) && value is JsonObject map)
                {
                    _scopes[value] = NodeScope.Of(document, resource);
                    foreach (var member in map.Properties)
                    {
                        VisitSchema(member.Value, resource, document);
                    }
                }
                else
                {
                    VisitData(value, resource, document);
                }
            }
        }

        private void VisitData(JsonNode node, SchemaResource resource, LoadedDocument document)
        {
            _scopes[node] = NodeScope.Of(document, resource);
            if (node is JsonObject obj)
            {
                foreach (var property in obj.Properties)
                {
                    VisitData(property.Value, resource, document);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array.Items)
                {
                    VisitData(item, resource, document);
                }
            }
        }

        private static JsonNode? Navigate(JsonNode root, string pointer)
        {
            var node = root;
            foreach (var raw in pointer.Substring(1).Split('/'))
            {
                var token = raw.Replace("~1", "/").Replace("~0", "~");
                if (node is JsonObject obj && obj.TryGet(token, out var member))
                {
                    node = member;
                }
                else if (node is JsonArray array && int.TryParse(token, out var index) && index >= 0 && index < array.Items.Count && (token == "0" || token[0] != '0'))
                {
                    node = array.Items[index];
                }
                else
                {
                    return null;
                }
            }

            return node;
        }
    }
}
