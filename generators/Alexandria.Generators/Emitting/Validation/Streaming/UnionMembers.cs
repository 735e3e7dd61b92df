using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// A discriminated union whose branches are plain objects (each, behind <c>$ref</c>s, only <c>properties</c>,
    /// <c>required</c>, subschemas merged into its member pass and a closed or open rest: the run events), validated
    /// by one member loop over the object for every branch at once. Members every branch checks alike (the shared
    /// envelope) are checked as they come; the discriminator's value picks the branch; members whose checks differ by
    /// branch (the payload) are checked with the branch's schema, the discriminator being read ahead in the rare
    /// object where such a member comes first. The object is read once, with no guess and no reader copy, and the
    /// verdict is the branch's: every other branch fails its constant.
    /// </summary>
    internal sealed class UnionMembers
    {
        private static readonly SchemaMethodModel Empty = new SchemaMethodModel();

        private UnionMembers(Discriminator discriminator, List<string> names, List<MemberPlan[]> plans, List<List<(int Method, int Offset)>> discriminatorChecks, ulong[] required, int[] depth, bool rejectsOthers)
        {
            Discriminator = discriminator;
            Names = names;
            Plans = plans;
            DiscriminatorChecks = discriminatorChecks;
            Required = required;
            Depth = depth;
            RejectsOthers = rejectsOthers;
        }

        public Discriminator Discriminator { get; }

        /// <summary>Every name some branch reads, in a stable order; the index is the name's bit.</summary>
        public List<string> Names { get; }

        /// <summary>Per name, per branch: what the branch does with a member of that name.</summary>
        public List<MemberPlan[]> Plans { get; }

        /// <summary>Per branch, the schemas on the discriminator's value beyond its constant (none when the constant decides them).</summary>
        public List<List<(int Method, int Offset)>> DiscriminatorChecks { get; }

        /// <summary>Per branch, the bits of its required names.</summary>
        public ulong[] Required { get; }

        /// <summary>Per branch, how many nested references its path reaches (its <c>$ref</c>s, then its merged subschemas').</summary>
        public int[] Depth { get; }

        /// <summary>Whether a member no branch names is refused (every branch closes the object) rather than skipped (none does).</summary>
        public bool RejectsOthers { get; }

        public int DiscriminatorIndex => Names.IndexOf(Discriminator.Property);

        /// <summary>Whether every branch does the same with members of the name at <paramref name="index"/>.</summary>
        public bool IsShared(int index) => Plans[index].All(p => p.Key == Plans[index][0].Key);

        public static UnionMembers? Find(ValidatorModel model, StreamingAnalysis analysis, Discriminator discriminator, EquatableArray<int> branches)
        {
            var objects = new SchemaMethodModel[branches.Count];
            var hops = new int[branches.Count];
            for (var i = 0; i < branches.Count; i++)
            {
                var m = model.Methods[branches[i]];
                while (IsOnlyReference(m) && hops[i] < 16)
                {
                    m = model.Methods[m.Ref!.Value];
                    hops[i]++;
                }

                if (!IsPlainObject(model, analysis, m))
                {
                    return null;
                }

                objects[i] = m;
            }

            bool? rejects = null;
            foreach (var o in objects)
            {
                var closes = ClosesObject(model, analysis, o);
                if (closes is null || (rejects is bool known && known != closes))
                {
                    return null;
                }

                rejects = closes;
            }

            var names = new List<string>();
            foreach (var name in objects.SelectMany(analysis.TrackedNames))
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }

            if (names.Count > StreamingAnalysis.MaxTrackedNames || !names.Contains(discriminator.Property))
            {
                return null;
            }

            var plans = new List<MemberPlan[]>();
            var checks = new List<List<(int Method, int Offset)>>();
            foreach (var name in names)
            {
                var plan = new MemberPlan[objects.Length];
                for (var i = 0; i < objects.Length; i++)
                {
                    plan[i] = PlanFor(model, analysis, objects[i], hops[i], name, rejects!.Value);
                }

                if (name == discriminator.Property)
                {
                    for (var i = 0; i < objects.Length; i++)
                    {
                        if (plan[i].Rejected)
                        {
                            return null;
                        }

                        // The value is the branch's constant once the branch is picked: schemas fixing it to that string hold.
                        checks.Add(plan[i].Schemas.Where(x => FixedTo(model, model.Methods[x.Method]) != discriminator.Values[i]).ToList());
                    }
                }

                plans.Add(plan);
            }

            var required = new ulong[objects.Length];
            var depth = new int[objects.Length];
            for (var i = 0; i < objects.Length; i++)
            {
                var merged = analysis.MergedMembers(objects[i]);
                foreach (var name in objects[i].Required.Concat(merged.SelectMany(x => x.Schema.Required)))
                {
                    required[i] |= 1UL << names.IndexOf(name);
                }

                depth[i] = hops[i] + merged.Select(x => x.References).DefaultIfEmpty(0).Max();
            }

            return new UnionMembers(discriminator, names, plans, checks, required, depth, rejects!.Value);
        }

        /// <summary>A branch's schemas for members named <paramref name="name"/>, with the depth each is reached at, or its refusal.</summary>
        private static MemberPlan PlanFor(ValidatorModel model, StreamingAnalysis analysis, SchemaMethodModel o, int hops, string name, bool rejectsOthers)
        {
            var schemas = o.Properties.Where(p => p.Name == name).Select(p => (p.Method, hops)).ToList();
            foreach (var merged in analysis.MergedMembers(o))
            {
                schemas.AddRange(merged.Schema.Properties.Where(p => p.Name == name).Select(p => (p.Method, hops + merged.References)));
            }

            var own = o.Properties.Any(p => p.Name == name);
            var evaluated = o.AdditionalProperties is null && analysis.NamesBeforeUnevaluated(o.Index) is { All: false } names && names.Names.Contains(name);
            var rejected = rejectsOthers && !own && !evaluated;
            var kept = ConstantCover.Drop(model, schemas).Where(x => model.Methods[x.Method].Constant != true).ToList();
            return new MemberPlan(kept, rejected);
        }

        /// <summary>Whether the object's members outside its names are refused (true), accepted (false), or checked by a schema (null: not fused).</summary>
        private static bool? ClosesObject(ValidatorModel model, StreamingAnalysis analysis, SchemaMethodModel o)
        {
            if (o.AdditionalProperties is int additional)
            {
                return model.Methods[additional].Constant is bool always ? !always : null;
            }

            if (o.UnevaluatedProperties is int unevaluated)
            {
                return model.Methods[unevaluated].Constant switch
                {
                    true => false,
                    false when analysis.NamesBeforeUnevaluated(o.Index) is { All: false } => true,
                    _ => null,
                };
            }

            return false;
        }

        /// <summary>A schema that is only a <c>$ref</c> (a union's <c>{"$ref": "#/$defs/plan_event"}</c> branch).</summary>
        private static bool IsOnlyReference(SchemaMethodModel m)
            => m.Ref is not null && m.Constant is null && m.UnresolvedReference is null
               && Bare(m) with { Ref = null } == Empty;

        /// <summary>An object schema of <c>properties</c>, <c>required</c>, merged subschemas and <c>additionalProperties</c>/<c>unevaluatedProperties</c> alone.</summary>
        private static bool IsPlainObject(ValidatorModel model, StreamingAnalysis analysis, SchemaMethodModel m)
            => m.Types == JsonTypes.Object && m.Constant is null && m.UnresolvedReference is null
               && Bare(m) with
               {
                   Types = JsonTypes.None, Properties = EquatableArray<NamedSchemaModel>.Empty, Required = EquatableArray<string>.Empty,
                   AllOf = EquatableArray<int>.Empty, Ref = null, AdditionalProperties = null, UnevaluatedProperties = null,
               } == Empty
               && (m.Ref is not int target || analysis.IsMerged(m, target))
               && m.AllOf.All(b => model.Methods[b].Constant == true || analysis.IsMerged(m, b));

        /// <summary>The schema without what names or places it (what remains are its keywords).</summary>
        private static SchemaMethodModel Bare(SchemaMethodModel m)
            => m with { Index = 0, Location = "", Resource = 0, AlwaysAssertFormat = false, PatternSource = null, ItemsKeyword = "items" };

        /// <summary>The string a schema that is only a <c>const</c> (or a one-string <c>enum</c>) allows, else null.</summary>
        private static string? FixedTo(ValidatorModel model, SchemaMethodModel m)
        {
            if (m.Constant is not null || m.UnresolvedReference is not null)
            {
                return null;
            }

            var bare = Bare(m) with { Const = null, Enum = EquatableArray<int>.Empty, HasEnum = false, Types = JsonTypes.None };
            if (bare != Empty || (m.Types != JsonTypes.None && m.Types != JsonTypes.String))
            {
                return null;
            }

            if (m.Const is int constant && !m.HasEnum)
            {
                return model.Constants[constant].StringValue;
            }

            return m.Const is null && m.HasEnum && m.Enum.Count == 1 ? model.Constants[m.Enum[0]].StringValue : null;
        }
    }

    /// <summary>What one branch does with a member: check it with <see cref="Schemas"/> (each at its depth offset), or refuse it.</summary>
    internal sealed class MemberPlan
    {
        public MemberPlan(List<(int Method, int Offset)> schemas, bool rejected)
        {
            Schemas = schemas;
            Rejected = rejected;
            Key = rejected ? "x" : string.Join(",", schemas.Select(x => x.Method + "@" + x.Offset));
        }

        public List<(int Method, int Offset)> Schemas { get; }

        public bool Rejected { get; }

        /// <summary>Equal for two plans that check a member alike.</summary>
        public string Key { get; }
    }
}
