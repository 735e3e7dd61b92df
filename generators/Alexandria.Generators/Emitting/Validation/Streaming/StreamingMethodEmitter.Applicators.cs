using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// Subschemas applied in place: not, if/then/else, anyOf, oneOf, $ref, allOf. A branch whose failure does not
    /// fail this schema must not hide <c>s.Undecided</c>, so every such call checks it before going on.
    /// </summary>
    internal sealed partial class StreamingMethodEmitter
    {
        /// <summary>Emits the in-place applicators; returns whether the last one consumed the reader.</summary>
        private bool EmitInPlace(bool mayConsume)
        {
            EmitNot();
            EmitCondition();
            var anyOf = Discriminator.Find(_model, _m.AnyOf);
            var oneOf = Discriminator.Find(_model, _m.OneOf);
            if (_m.AnyOf.Count > 0 && anyOf is null) EmitAnyOf();
            if (_m.OneOf.Count > 0 && oneOf is null) EmitOneOf();

            // Steps that must pass; the last may run on r itself when nothing after it reads the value.
            var steps = new List<Action<string>>();
            if (_m.Ref is int target && !_analysis.IsMerged(_m, target)) steps.Add(reader => EmitReference(target, reader));
            if (_m.DynamicRef is { } dynamic && !_analysis.IsMerged(_m, dynamic.Fallback)) steps.Add(reader => EmitReference(dynamic.Fallback, reader));
            foreach (var branch in _m.AllOf)
            {
                if (!IsTrue(branch) && !_analysis.IsMerged(_m, branch)) steps.Add(reader => _w.Line("if (!" + Call(branch, reader) + ") return false;"));
            }

            // Merged subschemas skip their own $ref calls; the depth those would have reached is checked here instead.
            var references = _analysis.MergedMembers(_m).Select(x => x.References).DefaultIfEmpty(0).Max();
            if (references > 0)
            {
                _w.Line("if (!s.CanDescend(" + Int(references) + ")) return false;");
            }

            var fused = anyOf is not null || oneOf is not null ? Fused(_model, _analysis, _m) : null;
            if (anyOf is not null) steps.Add(reader => EmitDispatch(anyOf, _m.AnyOf, reader, fused is { OneOf: false } ? fused.Union : null));
            if (oneOf is not null) steps.Add(reader => EmitDispatch(oneOf, _m.OneOf, reader, fused is { OneOf: true } ? fused.Union : null));
            for (var i = 0; i < steps.Count; i++)
            {
                using (Scope())
                {
                    if (mayConsume && i == steps.Count - 1)
                    {
                        steps[i]("r");
                        return true;
                    }

                    var copy = Fresh("v");
                    _w.Line("var " + copy + " = r;");
                    steps[i](copy);
                }
            }

            return false;
        }

        /// <summary>$ref counts its depth as the document path's Descend does, so a schema that only refers to itself fails both alike.</summary>
        private void EmitReference(int target, string reader)
        {
            var result = Fresh("ok");
            _w.Line("if (!s.Descend()) return false;");
            _w.Line("var " + result + " = " + Call(target, reader) + ";");
            _w.Line("s.Ascend();");
            _w.Line("if (!" + result + ") return false;");
        }

        private void EmitNot()
        {
            if (_m.Not is not int not)
            {
                return;
            }

            using (Scope())
            {
                var copy = Fresh("v");
                _w.Line("var " + copy + " = r;");
                _w.Line("if (" + Call(not, copy) + " || s.Undecided) return false;");
            }
        }

        private void EmitCondition()
        {
            if (_m.If is not int condition || (_m.Then is null && _m.Else is null))
            {
                return;
            }

            using (Scope())
            {
                var copy = Fresh("v");
                _w.Line("var " + copy + " = r;");
                _w.Line("var matches = " + Call(condition, copy) + ";");
                _w.Line("if (s.Undecided) return false;");
                if (_m.Then is int then)
                {
                    using (_w.OpenBlock("if (matches)"))
                    {
                        MustPassOnCopy(then);
                    }
                }

                if (_m.Else is int otherwise)
                {
                    using (_w.OpenBlock("if (!matches)"))
                    {
                        MustPassOnCopy(otherwise);
                    }
                }
            }
        }

        /// <summary>anyOf stops counting passed branches at one, oneOf at two; each branch runs on a copy.</summary>
        private void EmitAnyOf() => EmitCountedBranches(_m.AnyOf, enough: 1, "if (passed == 0) return false;");

        private void EmitOneOf() => EmitCountedBranches(_m.OneOf, enough: 2, "if (passed != 1) return false;");

        private void EmitCountedBranches(EquatableArray<int> branches, int enough, string verdict)
        {
            using (Scope())
            {
                _w.Line("var passed = 0;");
                foreach (var branch in branches)
                {
                    using (_w.OpenBlock("if (passed < " + Int(enough) + ")"))
                    {
                        var copy = Fresh("v");
                        _w.Line("var " + copy + " = r;");
                        _w.Line("if (" + Call(branch, copy) + ") passed++;");
                        _w.Line("else if (s.Undecided) return false;");
                    }
                }

                _w.Line(verdict);
            }
        }

        /// <summary>
        /// Validates only the branch the discriminator's value names: by one member loop for all branches when they are
        /// plain objects (<see cref="UnionMembers"/>), else as follows. That branch is first guessed from the raw bytes
        /// (<c>StreamingValues.GuessMember</c>, no tokens read) and validated on a copy of the reader: when it passes,
        /// the value is that branch's constant, so the guess was right and no other branch can pass. Otherwise the
        /// value is read ahead properly, and the branch it names is validated unless it is the one that just failed.
        /// The document path reads the last member of that name; when the branch fails and the object repeats the
        /// member, this pass cannot decide.
        /// </summary>
        private void EmitDispatch(Discriminator discriminator, EquatableArray<int> branches, string reader, UnionMembers? union)
        {
            if (union is not null)
            {
                EmitUnionLoop(union, reader);
                return;
            }

            var name = Utf8Literals.For(discriminator.Property);
            var copy = Fresh("g");
            _w.Line("if (t != " + Token + ".StartObject) return false;");
            _w.Line("var guess = StreamingValues.GuessMember(s.Document, r.TokenStartIndex, " + Utf8Literals.For("\"" + discriminator.Property + "\"") + ");");
            _w.Line("var guessed = -1;");
            EmitBranchOf(discriminator, "guessed", "global::System.MemoryExtensions.SequenceEqual(guess, {0})");
            _w.Line("var " + copy + " = " + reader + ";");
            _w.Line("bool passed;");
            EmitBranchCall(branches, "guessed", copy);
            using (_w.OpenBlock("if (passed)"))
            {
                _w.Line(reader + " = " + copy + ";");
            }

            using (_w.OpenBlock("else"))
            {
                _w.Line("if (s.Undecided) return false;");
                _w.Line("var d = r;");
                _w.Line("var found = StreamingValues.FirstMember(ref d, " + name + ");");
                _w.Line("var branch = -1;");
                using (_w.OpenBlock("if (found && d.TokenType == " + Token + ".String)"))
                {
                    EmitBranchOf(discriminator, "branch", "d.ValueTextEquals({0})");
                }

                using (_w.OpenBlock("if (branch != guessed)"))
                {
                    EmitBranchCall(branches, "branch", reader);
                }

                using (_w.OpenBlock("if (!passed)"))
                {
                    _w.Line("if (found && !s.Undecided && StreamingValues.NextMember(ref d, " + name + ")) return s.GiveUp();");
                    _w.Line("return false;");
                }
            }
        }

        /// <summary>Sets <paramref name="variable"/> to the branch whose constant <paramref name="test"/> (a format, {0} the constant) accepts, else -1.</summary>
        private void EmitBranchOf(Discriminator discriminator, string variable, string test)
        {
            for (var i = 0; i < discriminator.Values.Count; i++)
            {
                _w.Line((i == 0 ? "if" : "else if") + " (" + string.Format(test, Utf8Literals.For(discriminator.Values[i])) + ") " + variable + " = " + Int(i) + ";");
            }
        }

        /// <summary>Sets <c>passed</c> to whether the branch numbered <paramref name="branch"/> accepts the value under <paramref name="reader"/>.</summary>
        private void EmitBranchCall(EquatableArray<int> branches, string branch, string reader)
        {
            using (_w.OpenBlock("switch (" + branch + ")"))
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    _w.Line("case " + Int(i) + ": passed = " + Call(branches[i], reader) + "; break;");
                }

                _w.Line("default: passed = false; break;");
            }
        }

        /// <summary>A bare <c>{ … }</c> block, so locals of one keyword never clash with another's.</summary>
        private SourceWriter.Block Scope()
        {
            _w.Line("{");
            _w.Indentation++;
            return new SourceWriter.Block(_w, "}");
        }
    }
}
