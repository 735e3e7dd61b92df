using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi.Bundling;

/// <summary>
/// The single-document form of a description, for tools that cannot follow a reference into a JSON Schema
/// file (Kiota, NSwag, most linters' HTTP loaders): every value another file contributes moves into the
/// root's <c>components</c> (a <c>$defs</c> entry becomes <c>components.schemas.&lt;key&gt;</c>), and every
/// reference to it, in the root and inside the moved values themselves (their <c>#/$defs/…</c>), is rewritten.
/// Two facts the contracts imply are spelled out for OpenAPI tools, neither changing what validates: unions
/// marked <c>x-alexandria-discriminator</c> get the <c>discriminator</c> their cases' <c>const</c>s imply
/// (<see cref="DiscriminatorMappings"/>), and a <c>const</c> without a <c>type</c> gets its value's type
/// (<see cref="ConstTypes"/>). Nothing else changes: the root keeps its members in order, moved
/// components follow the root's own sorted by name, and the same files give the same bytes.
/// </summary>
public static class OpenApiBundler
{
    private static readonly string[] DefinitionMembers = ["$defs", "definitions"];

    /// <summary>The bundled description of <paramref name="description"/> as UTF-8 JSON (see <see cref="DescriptionJson"/>).</summary>
    /// <exception cref="DescriptionException">A reference cannot be resolved or bundled.</exception>
    public static byte[] BundleUtf8(DescriptionFileSet description) => DescriptionJson.Serialize(Bundle(description));

    /// <summary>The bundled description of <paramref name="description"/>: a new document, the inputs untouched.</summary>
    /// <exception cref="DescriptionException">A reference cannot be resolved or bundled.</exception>
    public static JsonObject Bundle(DescriptionFileSet description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var components = new Dictionary<(string Document, string Pointer), BundledComponent>();
        var pending = new Queue<BundledComponent>();

        var root = (JsonObject)description.Root.Root.DeepClone();
        var rootReferences = Plan(description, description.Root, DescriptionWalker.References(root), components, pending);
        var moved = new List<(BundledComponent Component, IReadOnlyList<(FoundReference, Target)> References)>();
        while (pending.TryDequeue(out var component))
        {
            component.Content = Extract(component);
            var references = DescriptionWalker.References(component.Content, component.Pointer);
            moved.Add((component, Plan(description, component.Document, references, components, pending)));
        }

        ComponentNames.Assign(components.Values, kind => ExistingNames(root, kind));
        Rewrite(rootReferences);
        foreach (var (_, references) in moved)
        {
            Rewrite(references);
        }

        if (components.Count > 0)
        {
            var target = Member(root, "components");
            foreach (var kind in components.Values.GroupBy(c => c.Kind, StringComparer.Ordinal).OrderBy(g => g.Key == "schemas" ? "" : g.Key, StringComparer.Ordinal))
            {
                var section = Member(target, kind.Key);
                foreach (var component in kind.OrderBy(c => c.Name, StringComparer.Ordinal))
                {
                    section[component.Name] = component.Content;
                }
            }
        }

        var origins = components.Values.Where(c => c.Kind == "schemas").ToDictionary(c => c.Name, c => (c.Document, c.Pointer), StringComparer.Ordinal);
        DiscriminatorMappings.Add(root, name => origins.TryGetValue(name, out var origin) ? origin : null);
        ConstTypes.Add(root);
        return root;
    }

    /// <summary>Where one reference goes in the bundle: into a moved component (plus a pointer inside it), or into the root.</summary>
    private readonly record struct Target(BundledComponent? Component, string Pointer)
    {
        public string Reference => Component is null
            ? "#" + JsonPointer.ToFragment(Pointer)
            : Component.Reference + JsonPointer.ToFragment(Pointer);
    }

    private static List<(FoundReference, Target)> Plan(DescriptionFileSet description, DescriptionFile file, IReadOnlyList<FoundReference> references,
        Dictionary<(string, string), BundledComponent> components, Queue<BundledComponent> pending)
    {
        var planned = new List<(FoundReference, Target)>(references.Count);
        foreach (var reference in references)
        {
            var resolved = description.Resolve(file, reference);
            if (resolved.Document == description.Root.Path)
            {
                planned.Add((reference, new Target(null, resolved.Pointer)));
                continue;
            }
            var document = description.Find(resolved.Document)!;
            var (pointer, kind, baseName, rest) = Split(document, resolved.Pointer, file, reference);
            if (!components.TryGetValue((document.Path, pointer), out var component))
            {
                component = new BundledComponent(document, pointer, kind, baseName);
                components.Add((document.Path, pointer), component);
                pending.Enqueue(component);
            }
            planned.Add((reference, new Target(component, rest)));
        }
        return planned;
    }

    /// <summary>Which value of <paramref name="document"/> moves for a reference to <paramref name="pointer"/>, and the rest of the pointer inside it.</summary>
    private static (string Pointer, string Kind, string BaseName, string Remainder) Split(DescriptionFile document, string pointer, DescriptionFile file, FoundReference reference)
    {
        var tokens = JsonPointer.Tokens(pointer);
        if (tokens.Count >= 2 && DefinitionMembers.Contains(tokens[0]))
        {
            return (JsonPointer.Join(tokens.Take(2)), "schemas", tokens[1], JsonPointer.Join(tokens.Skip(2)));
        }
        if (document.IsOpenApi)
        {
            if (tokens.Count >= 3 && tokens[0] == "components")
            {
                return (JsonPointer.Join(tokens.Take(3)), tokens[1], tokens[2], JsonPointer.Join(tokens.Skip(3)));
            }
            throw DescriptionFileSet.At(file, reference.Pointer,
                $"$ref \"{reference.Value}\" points into another OpenAPI document outside its components; only components can be bundled");
        }
        if (tokens.Count == 0)
        {
            var name = document.Path[(document.Path.LastIndexOf('/') + 1)..];
            return ("", "schemas", name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name, "");
        }
        return (pointer, "schemas", tokens[^1], "");
    }

    /// <summary>
    /// A copy of the moved value. A whole schema file loses what only a file root means (<c>$schema</c>,
    /// <c>$id</c>) and its <c>$defs</c>: references into those become components of their own.
    /// </summary>
    private static JsonNode? Extract(BundledComponent component)
    {
        JsonPointer.TryEvaluate(component.Document.Root, component.Pointer, out var value);
        var content = value?.DeepClone();
        if (component.Pointer.Length == 0 && content is JsonObject whole)
        {
            foreach (var member in (string[])["$schema", "$id", .. DefinitionMembers])
            {
                whole.Remove(member);
            }
        }
        if (DescriptionWalker.EmbeddedIds(content, component.Pointer) is [var id, ..])
        {
            throw DescriptionFileSet.At(component.Document, id.Pointer,
                $"an embedded schema resource ($id \"{id.Value}\") cannot be bundled: references inside it resolve against its own id");
        }
        return content;
    }

    private static void Rewrite(IReadOnlyList<(FoundReference Reference, Target Target)> planned)
    {
        foreach (var (reference, target) in planned)
        {
            reference.Holder[reference.Member] = target.Reference;
        }
    }

    private static IEnumerable<string> ExistingNames(JsonObject root, string kind)
        => root["components"] is JsonObject components && components[kind] is JsonObject section ? section.Select(p => p.Key) : [];

    private static JsonObject Member(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
