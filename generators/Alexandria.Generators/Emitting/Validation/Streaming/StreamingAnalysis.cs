using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// Decides which validators can run as one forward <c>Utf8JsonReader</c> pass with exactly the document
    /// path's verdict. A validator streams when every subschema it reaches can; one that cannot (a dynamic
    /// <c>$dynamicRef</c>, <c>unevaluatedItems</c>, <c>unevaluatedProperties</c> whose evaluated names depend on
    /// which branch passed, more than 64 names to track in one object, text that is not well-formed UTF-16)
    /// keeps the document path for its <c>IsValid(ReadOnlySpan&lt;byte&gt;)</c>.
    /// </summary>
    internal sealed class StreamingAnalysis
    {
        /// <summary>Names tracked per object live in one <c>ulong</c>.</summary>
        public const int MaxTrackedNames = 64;

        private readonly ValidatorModel _model;
        private readonly Dictionary<int, EvaluatedNames?> _names = new Dictionary<int, EvaluatedNames?>();
        private readonly Dictionary<int, List<MergedMembers>> _merged = new Dictionary<int, List<MergedMembers>>();
        private HashSet<int>? _cannotStream;

        public StreamingAnalysis(ValidatorModel model)
        {
            _model = model;
        }

        /// <summary>Whether the subschema at <paramref name="method"/> and everything it reaches can stream.</summary>
        public bool Streams(int method) => !CannotStream().Contains(method);

        /// <summary>
        /// The subschemas that reach one that cannot stream, found once for the file by walking back from those: asking
        /// each validator's reachable set instead cost time and memory quadratic in the number of definitions when they
        /// reference each other (a file of 160 definitions in a <c>$ref</c> chain allocated ≈ 0.7 MB per definition).
        /// </summary>
        private HashSet<int> CannotStream()
        {
            if (_cannotStream is { } known)
            {
                return known;
            }

            var parents = new List<int>?[_model.Methods.Count];
            var pending = new Stack<int>();
            var blocked = new HashSet<int>();
            for (var i = 0; i < _model.Methods.Count; i++)
            {
                foreach (var child in Children(_model.Methods[i]))
                {
                    (parents[child] ??= new List<int>()).Add(i);
                }

                if (!StreamsLocally(i) && blocked.Add(i))
                {
                    pending.Push(i);
                }
            }

            while (pending.Count > 0)
            {
                if (parents[pending.Pop()] is { } above)
                {
                    foreach (var parent in above)
                    {
                        if (blocked.Add(parent))
                        {
                            pending.Push(parent);
                        }
                    }
                }
            }

            return _cannotStream = blocked;
        }

        /// <summary>Every subschema reachable from <paramref name="method"/>, itself included.</summary>
        public IEnumerable<int> Reachable(int method) => Reachable(new[] { method });

        /// <summary>Every subschema reachable from any of <paramref name="methods"/>, each once, the roots included.</summary>
        public IEnumerable<int> Reachable(IEnumerable<int> methods)
        {
            var seen = new HashSet<int>();
            var pending = new Stack<int>();
            foreach (var method in methods)
            {
                pending.Push(method);
            }

            while (pending.Count > 0)
            {
                var next = pending.Pop();
                if (!seen.Add(next))
                {
                    continue;
                }

                yield return next;
                foreach (var child in Children(_model.Methods[next]))
                {
                    pending.Push(child);
                }
            }
        }

        /// <summary>
        /// The names of one object's members that <paramref name="method"/> evaluates in place (its own
        /// <c>properties</c> and those of the subschemas that must pass with it), before its own
        /// <c>unevaluatedProperties</c>. Null when that depends on the instance.
        /// </summary>
        public EvaluatedNames? NamesBeforeUnevaluated(int method) => Names(method, new HashSet<int>(), includeOwnUnevaluated: false);

        /// <summary>The names tracked in the member loop of <paramref name="m"/>, in a stable order; their index is their bit.</summary>
        public List<string> TrackedNames(SchemaMethodModel m)
        {
            var names = new List<string>();
            void Add(string name)
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }

            foreach (var p in m.Properties) Add(p.Name);
            foreach (var r in m.Required) Add(r);
            foreach (var merged in MergedMembers(m))
            {
                foreach (var p in merged.Schema.Properties) Add(p.Name);
                foreach (var r in merged.Schema.Required) Add(r);
            }

            foreach (var d in m.DependentRequired)
            {
                Add(d.Name);
                foreach (var r in d.Required) Add(r);
            }

            foreach (var d in m.DependentSchemas) Add(d.Name);
            if (HasUnevaluatedProperties(m) && NamesBeforeUnevaluated(m.Index) is { All: false } evaluated)
            {
                foreach (var name in evaluated.Names) Add(name);
            }

            return names;
        }

        /// <summary>
        /// Subschemas applied in place that only constrain members (<c>properties</c>, <c>required</c>), reached
        /// through <c>$ref</c>/<c>allOf</c> from an object-only schema: their members join this schema's single
        /// pass instead of costing a pass of their own (the run events' shared envelope).
        /// </summary>
        public List<MergedMembers> MergedMembers(SchemaMethodModel m)
        {
            if (_merged.TryGetValue(m.Index, out var known))
            {
                return known;
            }

            var merged = _merged[m.Index] = new List<MergedMembers>();
            if (m.Types == JsonTypes.Object && m.Constant is null && m.UnresolvedReference is null)
            {
                foreach (var (child, references) in DirectInPlace(m))
                {
                    var subtree = new List<MergedMembers>();
                    if (CollectMembersOnly(child, references, new HashSet<int> { m.Index }, subtree))
                    {
                        merged.AddRange(subtree);
                    }
                }
            }

            return merged;
        }

        /// <summary>Whether a direct in-place child of <paramref name="m"/> is merged into its member pass.</summary>
        public bool IsMerged(SchemaMethodModel m, int child) => MergedMembers(m).Any(x => x.Schema.Index == child && x.Direct);

        /// <summary>The must-pass in-place children with how many <c>$ref</c>s each sits behind (the depth guard counts them).</summary>
        private static IEnumerable<(int Child, int References)> DirectInPlace(SchemaMethodModel m)
        {
            if (m.Ref is int target) yield return (target, 1);
            if (m.DynamicRef is { } dynamic) yield return (dynamic.Fallback, 1);
            foreach (var branch in m.AllOf) yield return (branch, 0);
        }

        private bool CollectMembersOnly(int method, int references, HashSet<int> visiting, List<MergedMembers> into)
        {
            var m = _model.Methods[method];
            var objectsAllowed = m.Types == JsonTypes.None || (m.Types & JsonTypes.Object) != 0;
            var membersOnly = m.Constant is null && m.UnresolvedReference is null && objectsAllowed && m.Const is null && !m.HasEnum
                && m.MinProperties is null && m.MaxProperties is null && m.DependentRequired.Count == 0 && m.DependentSchemas.Count == 0
                && m.PatternProperties.Count == 0 && m.AdditionalProperties is null && m.PropertyNames is null && m.UnevaluatedProperties is null
                && m.AnyOf.Count == 0 && m.OneOf.Count == 0 && m.Not is null && m.If is null
                && (m.DynamicRef is null || !m.DynamicRef.IsDynamic || !_model.DynamicAnchors.Any(d => d.Name == m.DynamicRef.Anchor));
            if (!membersOnly || !visiting.Add(method))
            {
                return false;
            }

            into.Add(new MergedMembers(m, references, into.Count == 0));
            foreach (var (child, more) in DirectInPlace(m))
            {
                if (!CollectMembersOnly(child, references + more, visiting, into))
                {
                    return false;
                }
            }

            return true;
        }

        public bool HasUnevaluatedProperties(SchemaMethodModel m)
            => m.UnevaluatedProperties is int target && _model.Methods[target].Constant != true;

        private bool StreamsLocally(int method)
        {
            var m = _model.Methods[method];
            if (m.Constant is not null || m.UnresolvedReference is not null)
            {
                return true;
            }

            if (m.DynamicRef is { } dynamic && dynamic.IsDynamic && _model.DynamicAnchors.Any(d => d.Name == dynamic.Anchor))
            {
                return false;
            }

            if (m.UnevaluatedItems is int items && _model.Methods[items].Constant != true)
            {
                return false;
            }

            if (HasUnevaluatedProperties(m) && NamesBeforeUnevaluated(method) is null)
            {
                return false;
            }

            var tracked = TrackedNames(m);
            return tracked.Count <= MaxTrackedNames
                && tracked.All(Utf8Literals.IsWellFormed)
                && ConstantsOf(m).All(c => c.StringValue is null || Utf8Literals.IsWellFormed(c.StringValue));
        }

        private IEnumerable<ConstantModel> ConstantsOf(SchemaMethodModel m)
        {
            if (m.Const is int constant)
            {
                yield return _model.Constants[constant];
            }

            foreach (var member in m.Enum)
            {
                yield return _model.Constants[member];
            }
        }

        private EvaluatedNames? Names(int method, HashSet<int> visiting, bool includeOwnUnevaluated)
        {
            if (includeOwnUnevaluated && _names.TryGetValue(method, out var known))
            {
                return known;
            }

            if (!visiting.Add(method))
            {
                return null; // an in-place cycle: give up rather than reason about it
            }

            var result = ComputeNames(_model.Methods[method], visiting, includeOwnUnevaluated);
            visiting.Remove(method);
            if (includeOwnUnevaluated)
            {
                _names[method] = result;
            }

            return result;
        }

        private EvaluatedNames? ComputeNames(SchemaMethodModel m, HashSet<int> visiting, bool includeOwnUnevaluated)
        {
            if (m.Constant is not null || m.UnresolvedReference is not null)
            {
                return EvaluatedNames.None;
            }

            if (m.AdditionalProperties is not null || (includeOwnUnevaluated && m.UnevaluatedProperties is not null))
            {
                return EvaluatedNames.Every;
            }

            if (m.PatternProperties.Count > 0 || (m.DynamicRef is { } dynamic && dynamic.IsDynamic && _model.DynamicAnchors.Any(d => d.Name == dynamic.Anchor)))
            {
                return null;
            }

            var names = new SortedSet<string>(m.Properties.Select(p => p.Name), System.StringComparer.Ordinal);
            var all = false;
            foreach (var child in InPlaceMustPass(m))
            {
                var evaluated = Names(child, visiting, includeOwnUnevaluated: true);
                if (evaluated is null)
                {
                    return null;
                }

                all |= evaluated.All;
                names.UnionWith(evaluated.Names);
            }

            // Branches that may fail annotate only when they pass: fine as long as they annotate nothing.
            foreach (var child in InPlaceConditional(m))
            {
                if (Names(child, visiting, includeOwnUnevaluated: true) is not { All: false, Names.Count: 0 })
                {
                    return null;
                }
            }

            return all ? EvaluatedNames.Every : new EvaluatedNames(false, names.ToList());
        }

        /// <summary>Subschemas applied to the same instance that must pass for the schema to pass.</summary>
        public static IEnumerable<int> InPlaceMustPass(SchemaMethodModel m)
        {
            if (m.Ref is int target) yield return target;
            if (m.DynamicRef is { } dynamic) yield return dynamic.Fallback;
            foreach (var branch in m.AllOf) yield return branch;
        }

        /// <summary>Subschemas applied to the same instance that may fail without failing the schema.</summary>
        public static IEnumerable<int> InPlaceConditional(SchemaMethodModel m)
        {
            foreach (var branch in m.AnyOf) yield return branch;
            foreach (var branch in m.OneOf) yield return branch;
            if (m.If is int condition) yield return condition;
            if (m.Then is int then) yield return then;
            if (m.Else is int otherwise) yield return otherwise;
            foreach (var dependency in m.DependentSchemas) yield return dependency.Method;
        }

        private static IEnumerable<int> Children(SchemaMethodModel m)
        {
            foreach (var child in InPlaceMustPass(m)) yield return child;
            foreach (var child in InPlaceConditional(m)) yield return child;
            if (m.Not is int not) yield return not;
            foreach (var p in m.Properties) yield return p.Method;
            foreach (var p in m.PatternProperties) yield return p.Method;
            if (m.AdditionalProperties is int additional) yield return additional;
            if (m.PropertyNames is int names) yield return names;
            if (m.UnevaluatedProperties is int unevaluated) yield return unevaluated;
            foreach (var item in m.PrefixItems) yield return item;
            if (m.Items is int items) yield return items;
            if (m.Contains is int contains) yield return contains;
            if (m.UnevaluatedItems is int unevaluatedItems) yield return unevaluatedItems;
        }
    }

    /// <summary>
    /// A subschema whose members are checked in another schema's pass; <see cref="References"/> is how many
    /// <c>$ref</c>s lead to it, <see cref="Direct"/> whether it is that schema's own child.
    /// </summary>
    internal sealed record MergedMembers(SchemaMethodModel Schema, int References, bool Direct);

    /// <summary>Member names a subschema evaluates in place: <see cref="All"/> of them, or exactly <see cref="Names"/>.</summary>
    internal sealed class EvaluatedNames
    {
        public static readonly EvaluatedNames None = new EvaluatedNames(false, new List<string>());

        public static readonly EvaluatedNames Every = new EvaluatedNames(true, new List<string>());

        public EvaluatedNames(bool all, List<string> names)
        {
            All = all;
            Names = names;
        }

        public bool All { get; }

        public List<string> Names { get; }
    }
}
