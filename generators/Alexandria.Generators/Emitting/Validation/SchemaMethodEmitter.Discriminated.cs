using System.Linq;
using Alexandria.Generators.Emitting.Validation.Streaming;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// anyOf/oneOf whose branches a const member tells apart (<see cref="Discriminator"/>, as the streaming path
    /// dispatches). Only the branch the member's value names can pass, so only that branch runs: its errors are the
    /// ones reported, not every other branch's const mismatch. A value that names no branch, a missing member or a
    /// value that is not an object is one error saying what was found and which values are allowed. The verdict and
    /// the annotations are those of evaluating every branch, since every other branch fails.
    /// </summary>
    internal sealed partial class SchemaMethodEmitter
    {
        private void EmitDispatch(string keyword, EquatableArray<int> branches, Discriminator discriminator)
        {
            var location = Lit(_m.Location + "/" + keyword);
            var member = MessageText.Quote(discriminator.Property);
            var allowed = MessageText.Names(discriminator.Values);
            using (Scope())
            {
                using (_w.OpenBlock("if (k != " + Kind + ".Object)"))
                {
                    // A schema that is itself "type": "object" has already reported this.
                    if (_m.Types != JsonTypes.Object)
                    {
                        var message = Shown + " + " + Lit(" is not an object (expected an object whose " + member + " is one of " + allowed + ")");
                        _w.Line("if (!c.Fail(\"type\", " + message + ", " + location + ")) return false;");
                    }

                    _w.Line("ok = false;");
                }

                using (_w.OpenBlock("else if (!e.TryGetProperty(" + Lit(discriminator.Property) + ", out var d))"))
                {
                    if (!_m.Required.Contains(discriminator.Property))
                    {
                        var message = Lit("missing required member " + member + " (one of " + allowed + ")");
                        _w.Line("if (!c.Fail(\"required\", " + message + ", " + location + ")) return false;");
                    }

                    _w.Line("ok = false;");
                }

                using (_w.OpenBlock("else"))
                {
                    _w.Line("var branch = -1;");
                    using (_w.OpenBlock("if (d.ValueKind == " + Kind + ".String)"))
                    {
                        for (var i = 0; i < discriminator.Values.Count; i++)
                        {
                            _w.Line((i == 0 ? "if" : "else if") + " (d.ValueEquals(" + Lit(discriminator.Values[i]) + ")) branch = " + Int(i) + ";");
                        }
                    }

                    using (_w.OpenBlock("if (branch < 0)"))
                    {
                        var message = "InstanceText.Of(d) + " + Lit(" is not a known " + member + " (allowed: " + allowed + ")");
                        _w.Line("if (!c.FailAt(" + Lit(discriminator.Property) + ", \"const\", " + message + ", " + location + ")) return false;");
                        _w.Line("ok = false;");
                    }

                    using (_w.OpenBlock("else"))
                    {
                        EmitSelectedBranch(keyword, branches, member);
                    }
                }
            }
        }

        private void EmitSelectedBranch(string keyword, EquatableArray<int> branches, string member)
        {
            _w.Line("var b = ev is null ? null : new EvaluatedSet();");
            _w.Line("bool r;");
            using (_w.OpenBlock("switch (branch)"))
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    _w.Line("case " + Int(i) + ":");
                    _w.Indentation++;
                    CallInto("r", branches[i], "e", "b", declare: false);
                    _w.Line("break;");
                    _w.Indentation--;
                }

                _w.Line("default:");
                _w.Line("    r = false;");
                _w.Line("    break;");
            }

            _w.Line("if (r) ev?.Merge(b);");
            using (_w.OpenBlock("else"))
            {
                Summarize(keyword, Shown + " + " + Lit(" does not match the '" + keyword + "' case selected by " + member + ": ") + " + InstanceText.Of(d)");
            }
        }
    }
}
