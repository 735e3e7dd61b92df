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
        public SchemaResource(string uri, JsonNode root, LoadedDocument document, Vocabularies vocabularies)
        {
            Uri = uri;
            Root = root;
            Document = document;
            Vocabularies = vocabularies;
        }

        public string Uri { get; }

        public JsonNode Root { get; }

        public LoadedDocument Document { get; }

        public Vocabularies Vocabularies { get; }

        public Dictionary<string, JsonNode> DynamicAnchors { get; } = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
    }

    /// <summary>Where a node sits: its document, the resource that encloses it and its base URI.</summary>
    internal sealed class NodeScope
    {
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
        private readonly Dictionary<string, SchemaResource> _resources = new Dictionary<string, SchemaResource>(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonNode> _anchors = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        private readonly Dictionary<JsonNode, NodeScope> _scopes = new Dictionary<JsonNode, NodeScope>();
        private readonly Dictionary<string, Vocabularies> _vocabularies = new Dictionary<string, Vocabularies>(StringComparer.Ordinal);
        private readonly HashSet<string> _attempted = new HashSet<string>(StringComparer.Ordinal);
        private readonly Func<string, string?> _retrieve;

        public SchemaIndex(Func<string, string?> retrieve) => _retrieve = retrieve;

        public LoadedDocument Add(string uri, JsonNode root, bool isContract)
        {
            uri = SchemaUri.Canonical(uri);
            _attempted.Add(uri);
            var document = new LoadedDocument(uri, root, isContract);
            var vocabularies = root is JsonObject obj && obj.GetString("$schema") is string meta
                ? VocabulariesOf(SchemaUri.Resolve(uri, meta))
                : Vocabularies.Standard;
            var resource = new SchemaResource(uri, root, document, vocabularies);
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

        private Vocabularies VocabulariesOf(string metaschemaUri)
        {
            var absolute = SchemaUri.WithoutFragment(metaschemaUri, out _);
            if (absolute == VocabularyUris.StandardMetaschema)
            {
                return Vocabularies.Standard;
            }

            if (_vocabularies.TryGetValue(absolute, out var known))
            {
                return known;
            }

            // Guard against a meta-schema that is its own meta-schema while it loads.
            _vocabularies[absolute] = Vocabularies.Standard;
            var result = Vocabularies.Standard;
            if ((_resources.TryGetValue(absolute, out var meta) || TryLoad(absolute, out meta))
                && meta!.Root is JsonObject metaObject
                && metaObject["$vocabulary"] is JsonObject declared)
            {
                result = Vocabularies.None;
                foreach (var vocabulary in declared.Properties)
                {
                    result |= VocabularyUris.Parse(vocabulary.Name);
                }
            }

            _vocabularies[absolute] = result;
            return result;
        }

        private void VisitSchema(JsonNode node, SchemaResource resource, LoadedDocument document)
        {
            if (node is not JsonObject obj)
            {
                _scopes[node] = new NodeScope(document, resource);
                return;
            }

            if (obj.GetString("$id") is string id && !id.StartsWith("#", StringComparison.Ordinal) && !ReferenceEquals(node, resource.Root))
            {
                var uri = SchemaUri.WithoutFragment(SchemaUri.Resolve(resource.Uri, id), out _);
                var vocabularies = obj.GetString("$schema") is string meta ? VocabulariesOf(SchemaUri.Resolve(uri, meta)) : resource.Vocabularies;
                resource = new SchemaResource(uri, node, document, vocabularies);
                _resources[uri] = resource;
            }
            else if (ReferenceEquals(node, resource.Root) && obj.GetString("$id") is string rootId)
            {
                // A document root's $id names the same resource as its retrieval URI.
                var uri = SchemaUri.WithoutFragment(SchemaUri.Resolve(resource.Uri, rootId), out _);
                if (uri != resource.Uri)
                {
                    var renamed = new SchemaResource(uri, node, document, resource.Vocabularies);
                    _resources[uri] = renamed;
                    _resources[resource.Uri] = renamed;
                    resource = renamed;
                }
            }

            _scopes[node] = new NodeScope(document, resource);
            if (obj.GetString("$anchor") is string anchor)
            {
                _anchors[resource.Uri + "#" + anchor] = node;
            }

            if (obj.GetString("$dynamicAnchor") is string dynamicAnchor)
            {
                _anchors[resource.Uri + "#" + dynamicAnchor] = node;
                resource.DynamicAnchors[dynamicAnchor] = node;
            }

            foreach (var property in obj.Properties)
            {
                var value = property.Value;
                if (SchemaKeywords.Single.Contains(property.Name))
                {
                    VisitSchema(value, resource, document);
                }
                else if (SchemaKeywords.Arrays.Contains(property.Name) && value is JsonArray array)
                {
                    _scopes[value] = new NodeScope(document, resource);
                    foreach (var item in array.Items)
                    {
                        VisitSchema(item, resource, document);
                    }
                }
                else if (SchemaKeywords.Maps.Contains(property.Name) && value is JsonObject map)
                {
                    _scopes[value] = new NodeScope(document, resource);
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
            _scopes[node] = new NodeScope(document, resource);
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
