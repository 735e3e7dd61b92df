using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.StrictSchemas;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// Derives the nullable→absent reply mapping from an exported OpenAI strict schema: which object members
    /// were made present-and-nullable, and how to reach them through <c>$ref</c>, arrays and unions. Only shapes
    /// that lead to such a member are kept; everything else is copied unchanged. A union whose branches that
    /// need the mapping cannot be told apart (no const discriminator, two object branches) is a fallback site.
    /// </summary>
    internal sealed class ReplyShapeBuilder
    {
        private readonly ExportObject _root;
        private readonly ExportObject? _definitions;
        private readonly Dictionary<ExportObject, int> _ids = new Dictionary<ExportObject, int>(ReferenceComparer.Instance);
        private readonly List<Draft> _drafts = new List<Draft>();

        private ReplyShapeBuilder(ExportObject root)
        {
            _root = root;
            _definitions = root["$defs"] as ExportObject;
        }

        public static (int Root, EquatableArray<ReplyShape> Shapes, IReadOnlyList<StrictFallbackSite> Fallbacks) Build(ExportObject schema)
        {
            var builder = new ReplyShapeBuilder(schema);
            var root = builder.Visit(schema);
            return builder.Finish(root);
        }

        private int Visit(ExportJson node)
        {
            if (node is not ExportObject schema || Resolve(schema) is not { } target)
            {
                return -1;
            }

            if (_ids.TryGetValue(target, out var known))
            {
                return known;
            }

            var draft = new Draft(_drafts.Count, target);
            _ids[target] = draft.Id;
            _drafts.Add(draft);
            if (target["anyOf"] is ExportArray branches)
            {
                VisitUnion(draft, Flatten(branches).Where(b => !IsNull(b)).ToList());
            }
            else if (target["properties"] is ExportObject properties)
            {
                draft.Kind = ReplyShapeKind.Object;
                foreach (var member in properties.Members)
                {
                    draft.Members.Add((member.Key, Visit(member.Value), target.ForcedNullable.Contains(member.Key)));
                }
            }
            else if (target["items"] is { } items)
            {
                draft.Kind = ReplyShapeKind.Array;
                draft.Items = Visit(items);
            }
            else
            {
                draft.Kind = null;
            }

            return draft.Id;
        }

        private void VisitUnion(Draft draft, List<ExportObject> branches)
        {
            var objects = branches.Where(b => Has(b, "object")).ToList();
            var arrays = branches.Where(b => Has(b, "array")).ToList();
            if (objects.Count > 1 && Discriminator(objects) is { } discriminator)
            {
                draft.Kind = ReplyShapeKind.Discriminated;
                draft.Discriminator = discriminator;
                foreach (var branch in objects)
                {
                    var value = ((ExportObject)((ExportObject)branch["properties"]!)[discriminator]!)["const"] is ExportRaw c ? c.Json : ConstOfEnum(branch, discriminator);
                    draft.Branches.Add((value ?? "", Visit(branch)));
                }

                return;
            }

            draft.Kind = ReplyShapeKind.ByKind;
            draft.Ambiguous = objects.Count > 1 || arrays.Count > 1;
            foreach (var branch in branches)
            {
                var shape = Visit(branch);
                if (objects.Contains(branch))
                {
                    draft.Branches.Add(("Object", shape));
                }
                else if (arrays.Contains(branch))
                {
                    draft.Branches.Add(("Array", shape));
                }
            }
        }

        private (int, EquatableArray<ReplyShape>, IReadOnlyList<StrictFallbackSite>) Finish(int root)
        {
            // A shape needs walking when it reaches a forced-nullable member; found as a fixed point, since shapes recurse.
            var needs = new bool[_drafts.Count];
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var draft in _drafts.Where(d => !needs[d.Id]))
                {
                    var need = draft.Members.Any(m => m.ForcedNullable || Needs(needs, m.Shape))
                               || Needs(needs, draft.Items)
                               || draft.Branches.Any(b => Needs(needs, b.Shape));
                    if (need)
                    {
                        needs[draft.Id] = changed = true;
                    }
                }
            }

            var fallbacks = _drafts
                .Where(d => d.Ambiguous && needs[d.Id])
                .Select(d => (d.Schema.UnionOrigin ?? new StrictFallbackSite("anyOf", "#", new SourceLocation("", 0, 0, 0, 0, 0, 0), "")) with
                {
                    Why = "the branches of this union that hold optional members cannot be told apart by a const discriminator, so a null in a reply could not be mapped back to an absent member",
                })
                .ToList();

            int Keep(int id) => Needs(needs, id) ? id : -1;
            var shapes = _drafts
                .Where(d => needs[d.Id] && d.Kind is not null)
                .Select(d => new ReplyShape(
                    d.Id,
                    d.Kind!.Value,
                    d.Members.Select(m => new ReplyMember(m.Name, Keep(m.Shape), m.ForcedNullable)).Where(m => m.ForcedNullable || m.Shape >= 0).ToEquatableArray(),
                    Keep(d.Items),
                    d.Discriminator,
                    d.Branches.Where(b => Needs(needs, b.Shape)).Select(b => new ReplyBranch(b.Match, b.Shape)).ToEquatableArray()))
                .ToEquatableArray();
            return (Keep(root), shapes, fallbacks);
        }

        private static bool Needs(bool[] needs, int id) => id >= 0 && needs[id];

        private ExportObject? Resolve(ExportObject schema)
        {
            for (var hops = 0; hops < 64 && schema.StringOf("$ref") is { } reference; hops++)
            {
                if (reference == "#")
                {
                    schema = _root;
                }
                else if (reference.StartsWith("#/$defs/", StringComparison.Ordinal) && _definitions?[reference.Substring("#/$defs/".Length)] is ExportObject target)
                {
                    schema = target;
                }
                else
                {
                    return null;
                }
            }

            return schema;
        }

        /// <summary>The branches of a union with references resolved and nested unions (a nullable-made union, a $ref to a union) spread out.</summary>
        private IEnumerable<ExportObject> Flatten(ExportArray branches, int depth = 0)
        {
            foreach (var branch in branches.Items.OfType<ExportObject>())
            {
                if (Resolve(branch) is not { } target)
                {
                    continue;
                }

                if (target["anyOf"] is ExportArray nested && target["type"] is null && depth < 16)
                {
                    foreach (var inner in Flatten(nested, depth + 1))
                    {
                        yield return inner;
                    }
                }
                else
                {
                    yield return target;
                }
            }
        }

        private static bool Has(ExportObject schema, string type) => ExportJson.TypeNames(schema["type"]).Contains(type);

        private static bool IsNull(ExportObject schema)
        {
            var types = ExportJson.TypeNames(schema["type"]);
            return types.Count == 1 && types[0] == "null";
        }

        /// <summary>A member every object branch declares with a distinct single value.</summary>
        private static string? Discriminator(List<ExportObject> objects)
        {
            if (objects[0]["properties"] is not ExportObject first)
            {
                return null;
            }

            foreach (var candidate in first.Members.Select(m => m.Key))
            {
                var values = objects.Select(o => (o["properties"] as ExportObject)?[candidate] is ExportObject member
                    ? (member["const"] as ExportRaw)?.Json ?? ConstOfEnum(o, candidate)
                    : null).ToList();
                if (values.All(v => v is not null) && values.Distinct(StringComparer.Ordinal).Count() == values.Count)
                {
                    return candidate;
                }
            }

            return null;
        }

        private static string? ConstOfEnum(ExportObject branch, string member)
        {
            var schema = (ExportObject)((ExportObject)branch["properties"]!)[member]!;
            if (schema["enum"] is ExportRaw raw && Json.JsonDocumentParser.Parse(raw.Json, out _) is Json.JsonArray { Items.Count: 1 } single)
            {
                return Validation.JsonText.Write(single.Items[0]);
            }

            return null;
        }

        private sealed class Draft
        {
            public Draft(int id, ExportObject schema)
            {
                Id = id;
                Schema = schema;
            }

            public int Id { get; }

            public ExportObject Schema { get; }

            public ReplyShapeKind? Kind { get; set; }

            public List<(string Name, int Shape, bool ForcedNullable)> Members { get; } = new List<(string, int, bool)>();

            public int Items { get; set; } = -1;

            public string Discriminator { get; set; } = "";

            public List<(string Match, int Shape)> Branches { get; } = new List<(string, int)>();

            public bool Ambiguous { get; set; }
        }

        private sealed class ReferenceComparer : IEqualityComparer<ExportObject>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(ExportObject? x, ExportObject? y) => ReferenceEquals(x, y);

            public int GetHashCode(ExportObject obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
