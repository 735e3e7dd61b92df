using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// A discriminated union of plain objects (<see cref="UnionMembers"/>) as one member loop: the object is read once,
    /// shared members are checked as they come, the discriminator's value picks the branch (one length switch on its
    /// bytes), and the branch's own members are checked by a switch on it. When a member of the branch's own comes
    /// before the discriminator, the discriminator is read ahead on a reader copy, once.
    /// </summary>
    internal sealed partial class StreamingMethodEmitter
    {
        /// <summary>The union of <paramref name="m"/> validated by one member loop: its <c>oneOf</c> when that qualifies, else its <c>anyOf</c>; null when neither does.</summary>
        public static FusedUnion? Fused(ValidatorModel model, StreamingAnalysis analysis, SchemaMethodModel m)
        {
            foreach (var (branches, oneOf) in new[] { (m.OneOf, true), (m.AnyOf, false) })
            {
                if (Discriminator.Find(model, branches) is { } discriminator && UnionMembers.Find(model, analysis, discriminator, branches) is { } union)
                {
                    return new FusedUnion(union, oneOf);
                }
            }

            return null;
        }

        /// <summary>The member-name matcher <c>N{n}</c> and the discriminator-value matcher <c>D{n}</c> of a fused union.</summary>
        public static void EmitUnionMatchers(SourceWriter w, ValidatorModel model, StreamingAnalysis analysis, SchemaMethodModel m)
        {
            if (m.Constant is not null || m.UnresolvedReference is not null || Fused(model, analysis, m) is not { } fused)
            {
                return;
            }

            EmitNameMatcher(w, "N" + Int(m.Index), fused.Union.Names);
            w.Line();
            EmitNameMatcher(w, "D" + Int(m.Index), fused.Union.Discriminator.Values);
            w.Line();
        }

        private void EmitUnionLoop(UnionMembers union, string x)
        {
            _w.Line("if (t != " + Token + ".StartObject) return false;");
            _w.Line("var start = " + x + ".TokenStartIndex;");
            _w.Line("var seen = 0UL;");
            _w.Line("var branch = -1;");
            using (_w.OpenBlock("while (" + x + ".Read() && " + x + ".TokenType == " + Token + ".PropertyName)"))
            {
                _w.Line("var id = N" + Int(_m.Index) + "(ref " + x + ");");
                _w.Line(x + ".Read();");
                var anyBreaks = false;
                using (_w.OpenBlock("switch (id)"))
                {
                    for (var i = 0; i < union.Names.Count; i++)
                    {
                        _w.Line("case " + Int(i) + ": // " + SchemaMethodEmitter.Xml(union.Names[i]));
                        _w.Indentation++;
                        anyBreaks |= EmitUnionMember(union, i, x) == CaseEnd.Breaks;
                        _w.Indentation--;
                    }

                    _w.Line("default:");
                    _w.Indentation++;
                    _w.Line(union.RejectsOthers ? "return false;" : "break;");
                    anyBreaks |= !union.RejectsOthers;
                    _w.Indentation--;
                }

                if (anyBreaks)
                {
                    _w.Line(x + ".Skip();");
                }
            }

            _w.Line("if (branch < 0) return false;");
            var same = union.Required.All(r => r == union.Required[0]) && union.Depth.All(d => d == union.Depth[0]);
            if (same)
            {
                EmitBranchEnd(union, 0);
                return;
            }

            using (_w.OpenBlock("switch (branch)"))
            {
                for (var b = 0; b < union.Required.Length; b++)
                {
                    _w.Line("case " + Int(b) + ":");
                    _w.Indentation++;
                    EmitBranchEnd(union, b);
                    _w.Line("break;");
                    _w.Indentation--;
                }
            }
        }

        /// <summary>The branch's required members and the depth its references reach.</summary>
        private void EmitBranchEnd(UnionMembers union, int branch)
        {
            var required = "0x" + union.Required[branch].ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "UL";
            if (union.Required[branch] != 0)
            {
                _w.Line("if ((seen & " + required + ") != " + required + ") return false;");
            }

            if (union.Depth[branch] > 0)
            {
                _w.Line("if (!s.CanDescend(" + Int(union.Depth[branch]) + ")) return false;");
            }
        }

        private CaseEnd EmitUnionMember(UnionMembers union, int index, string x)
        {
            var name = union.Names[index];
            var plans = union.Plans[index];
            var mask = Bit(index);
            var reject = "return StreamingValues.RejectMember(ref s, start, " + Utf8Literals.For(name) + ");";

            // The document path judges only the last of repeated members; one pass cannot know which is last.
            if (index == union.DiscriminatorIndex || plans.Any(p => p.Schemas.Count > 0))
            {
                _w.Line("if ((seen & " + mask + ") != 0) return s.GiveUp();");
            }

            _w.Line("seen |= " + mask + ";");
            if (index == union.DiscriminatorIndex)
            {
                _w.Line("branch = " + x + ".TokenType == " + Token + ".String ? D" + Int(_m.Index) + "(ref " + x + ") : -1;");
                _w.Line("if (branch < 0) " + reject);
                if (union.DiscriminatorChecks.Any(c => c.Count > 0))
                {
                    using (_w.OpenBlock("switch (branch)"))
                    {
                        for (var b = 0; b < union.DiscriminatorChecks.Count; b++)
                        {
                            _w.Line("case " + Int(b) + ":");
                            _w.Indentation++;
                            foreach (var (method, offset) in union.DiscriminatorChecks[b])
                            {
                                EmitUnionCall(method, offset, x, reject); // a string: nothing to consume
                            }

                            _w.Line("break;");
                            _w.Indentation--;
                        }
                    }
                }

                _w.Line("continue;");
                return CaseEnd.Continues;
            }

            if (union.IsShared(index))
            {
                return EmitMemberPlan(plans[0], x, reject, "return false;");
            }

            // A check that depends on the branch is the wrong one when a later discriminator names another branch.
            var discriminator = Utf8Literals.For(union.Discriminator.Property);
            reject = "return StreamingValues.RejectBranchMember(ref s, start, " + Utf8Literals.For(name) + ", " + discriminator + ");";
            var refuse = "return StreamingValues.RejectMember(ref s, start, " + discriminator + ");";

            using (_w.OpenBlock("if (branch < 0)"))
            {
                var ahead = Fresh("d");
                _w.Line("var " + ahead + " = " + x + ";");
                _w.Line("if (!StreamingValues.NextMember(ref " + ahead + ", " + discriminator + ")) return false;");
                _w.Line("branch = " + ahead + ".TokenType == " + Token + ".String ? D" + Int(_m.Index) + "(ref " + ahead + ") : -1;");
                _w.Line("if (branch < 0) " + refuse);
            }

            var breaks = false;
            using (_w.OpenBlock("switch (branch)"))
            {
                for (var b = 0; b < plans.Length; b++)
                {
                    _w.Line("case " + Int(b) + ":");
                    _w.Indentation++;
                    breaks |= EmitMemberPlan(plans[b], x, reject, refuse) == CaseEnd.Breaks;
                    _w.Indentation--;
                }

                _w.Line("default:");
                _w.Indentation++;
                _w.Line("return false;");
                _w.Indentation--;
            }

            // A case that breaks leaves the inner switch only: the value is then skipped after the outer one.
            if (breaks)
            {
                _w.Line("break;");
                return CaseEnd.Breaks;
            }

            return CaseEnd.Continues;
        }

        /// <summary>One branch's checks of a member's value (<paramref name="reject"/> when one fails, <paramref name="refuse"/> when the branch refuses the member); the case ends as returned.</summary>
        private CaseEnd EmitMemberPlan(MemberPlan plan, string x, string reject, string refuse)
        {
            if (plan.Rejected)
            {
                _w.Line(refuse);
                return CaseEnd.Returns;
            }

            if (plan.Schemas.Count == 1)
            {
                EmitUnionCall(plan.Schemas[0].Method, plan.Schemas[0].Offset, x, reject);
                _w.Line("continue;");
                return CaseEnd.Continues;
            }

            foreach (var (method, offset) in plan.Schemas)
            {
                var copy = Fresh("v");
                _w.Line("var " + copy + " = " + x + ";");
                EmitUnionCall(method, offset, copy, reject);
            }

            _w.Line("break;");
            return CaseEnd.Breaks;
        }

        /// <summary>A member's schema, at the depth its references put it (as a merged subschema's are counted).</summary>
        private void EmitUnionCall(int method, int offset, string reader, string reject)
        {
            if (offset == 0 || !_analysis.Reachable(method).Skip(1).Any())
            {
                _w.Line("if (!" + Call(method, reader) + ") " + reject);
                return;
            }

            var result = Fresh("ok");
            _w.Line("s.Depth += " + Int(offset) + ";");
            _w.Line("var " + result + " = " + Call(method, reader) + ";");
            _w.Line("s.Depth -= " + Int(offset) + ";");
            _w.Line("if (!" + result + ") " + reject);
        }
    }

    /// <summary>A union validated by one member loop, and whether it is the schema's <c>oneOf</c> (else its <c>anyOf</c>).</summary>
    internal sealed record FusedUnion(UnionMembers Union, bool OneOf);
}
