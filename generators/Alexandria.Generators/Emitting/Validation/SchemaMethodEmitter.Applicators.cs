using System.Linq;
using Alexandria.Generators.Emitting.Validation.Streaming;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// The in-place applicators: $ref, $dynamicRef, allOf, anyOf, oneOf, not, if/then/else, and the
    /// unevaluated keywords that read what they annotated. Branches that must pass share this schema's
    /// annotations; branches that may fail (anyOf, oneOf, if) get their own and merge only on success.
    /// </summary>
    internal sealed partial class SchemaMethodEmitter
    {
        private void EmitReferences()
        {
            if (_m.Ref is int target)
            {
                using (Scope())
                {
                    _w.Line("if (!c.Descend(" + Lit(_m.Location + "/$ref") + ")) return false;");
                    var r = Call(target, "e", "ev");
                    _w.Line("c.Ascend();");
                    ChildFailed(r);
                }
            }

            if (_m.DynamicRef is { } dynamic)
            {
                using (Scope())
                {
                    _w.Line("if (!c.Descend(" + Lit(_m.Location + "/" + dynamic.Keyword) + ")) return false;");
                    var anchors = _model.DynamicAnchors.Where(d => d.Name == dynamic.Anchor).ToList();
                    if (!dynamic.IsDynamic || anchors.Count == 0)
                    {
                        var r = Call(dynamic.Fallback, "e", "ev");
                        _w.Line("c.Ascend();");
                        ChildFailed(r);
                    }
                    else
                    {
                        // The outermost resource in the dynamic scope that defines the anchor wins.
                        _w.Line("bool r;");
                        using (_w.OpenBlock("switch (c.Outermost(" + DynamicAnchorTable(dynamic.Anchor) + "))"))
                        {
                            for (var i = 0; i < anchors.Count; i++)
                            {
                                _w.Line("case " + Int(i) + ":");
                                _w.Indentation++;
                                CallInto("r", anchors[i].Method, "e", "ev", declare: false);
                                _w.Line("break;");
                                _w.Indentation--;
                            }

                            _w.Line("default:");
                            _w.Indentation++;
                            CallInto("r", dynamic.Fallback, "e", "ev", declare: false);
                            _w.Line("break;");
                            _w.Indentation--;
                        }

                        _w.Line("c.Ascend();");
                        ChildFailed("r");
                    }
                }
            }
        }

        private void EmitCombinators()
        {
            foreach (var branch in _m.AllOf)
            {
                ChildFailed(Call(branch, "e", "ev"));
            }

            if (_m.AnyOf.Count > 0)
            {
                if (Discriminator.Find(_model, _m.AnyOf) is { } discriminator) EmitDispatch("anyOf", _m.AnyOf, discriminator);
                else EmitAnyOf();
            }

            if (_m.OneOf.Count > 0)
            {
                if (Discriminator.Find(_model, _m.OneOf) is { } discriminator) EmitDispatch("oneOf", _m.OneOf, discriminator);
                else EmitOneOf();
            }

            if (_m.Not is int not)
            {
                using (Scope())
                {
                    _w.Line("var was = c.Suspend();");
                    var r = Call(not, "e", "null");
                    _w.Line("c.Resume(was);");
                    Fail(r, "not", Shown + " + " + Lit(" matches the schema in 'not' (it must not)"));
                }
            }

            if (_m.If is int condition)
            {
                using (Scope())
                {
                    _w.Line("var was = c.Suspend();");
                    _w.Line("var b = ev is null ? null : new EvaluatedSet();");
                    var r = Call(condition, "e", "b");
                    _w.Line("c.Resume(was);");
                    if (_m.Then is int then)
                    {
                        using (_w.OpenBlock("if (" + r + ")"))
                        {
                            _w.Line("ev?.Merge(b);");
                            ChildFailed(Call(then, "e", "ev"));
                        }
                    }
                    else
                    {
                        _w.Line("if (" + r + ") ev?.Merge(b);");
                    }

                    if (_m.Else is int otherwise)
                    {
                        using (_w.OpenBlock("if (!" + r + ")"))
                        {
                            ChildFailed(Call(otherwise, "e", "ev"));
                        }
                    }
                }
            }
        }

        private void EmitAnyOf()
        {
            using (Scope())
            {
                _w.Line("var passed = 0;");
                _w.Line("global::System.Collections.Generic.List<RecordedError>? best = null;");
                foreach (var branch in _m.AnyOf)
                {
                    // Once one branch passes, later ones run only to collect their annotations.
                    using (_w.OpenBlock("if (passed == 0 || ev is not null)"))
                    {
                        _w.Line("var m = c.Mark;");
                        _w.Line("var b = ev is null ? null : new EvaluatedSet();");
                        var r = Call(branch, "e", "b");
                        _w.Line("if (" + r + ") { passed++; ev?.Merge(b); }");
                        _w.Line("else best = ValidationContext.Fewer(best, c.Cut(m));");
                    }
                }

                using (_w.OpenBlock("if (passed == 0)"))
                {
                    _w.Line("c.Restore(best);");
                    Summarize("anyOf", Shown + " + " + Lit(" does not match any of the " + Int(_m.AnyOf.Count) + " schemas in 'anyOf'"));
                }
            }
        }

        private void EmitOneOf()
        {
            using (Scope())
            {
                _w.Line("var passed = 0;");
                _w.Line("var first = -1;");
                _w.Line("var second = -1;");
                _w.Line("EvaluatedSet? matched = null;");
                _w.Line("global::System.Collections.Generic.List<RecordedError>? best = null;");
                for (var i = 0; i < _m.OneOf.Count; i++)
                {
                    using (_w.OpenBlock("if (passed < 2)"))
                    {
                        _w.Line("var m = c.Mark;");
                        _w.Line("var b = ev is null ? null : new EvaluatedSet();");
                        var r = Call(_m.OneOf[i], "e", "b");
                        _w.Line("if (" + r + ") { passed++; if (first < 0) { first = " + Int(i) + "; matched = b; } else second = " + Int(i) + "; }");
                        _w.Line("else best = ValidationContext.Fewer(best, c.Cut(m));");
                    }
                }

                _w.Line("if (passed == 1) ev?.Merge(matched);");
                using (_w.OpenBlock("if (passed == 0)"))
                {
                    _w.Line("c.Restore(best);");
                    Summarize("oneOf", Shown + " + " + Lit(" does not match any of the " + Int(_m.OneOf.Count) + " schemas in 'oneOf'"));
                }

                Fail("passed > 1", "oneOf", Shown + " + \" matches schemas \" + first + \" and \" + second + " + Lit(" of 'oneOf' (expected exactly one of the " + Int(_m.OneOf.Count) + ")"));
            }
        }

        private void EmitUnevaluated()
        {
            if (_m.UnevaluatedItems is int items)
            {
                using (_w.OpenBlock("if (k == " + Kind + ".Array)"))
                {
                    _w.Line("var i = 0;");
                    using (_w.OpenBlock("foreach (var item in e.EnumerateArray())"))
                    {
                        using (_w.OpenBlock("if (!ev!.HasIndex(i))"))
                        {
                            if (IsFalseSchema(items))
                            {
                                FailAt("i", "unevaluatedItems", "\"item \" + i + " + Lit(" is not allowed here (no subschema evaluates it)"));
                            }
                            else
                            {
                                _w.Line("c.Push(i);");
                                var r = Call(items, "item", "null");
                                _w.Line("c.Pop();");
                                ChildFailed(r);
                            }
                        }

                        _w.Line("i++;");
                    }

                    _w.Line("ev!.AddAllItems();");
                }
            }

            if (_m.UnevaluatedProperties is int properties)
            {
                using (_w.OpenBlock("if (k == " + Kind + ".Object)"))
                {
                    using (_w.OpenBlock("foreach (var p in e.EnumerateObject())"))
                    {
                        _w.Line("var name = p.Name;");
                        using (_w.OpenBlock("if (!ev!.HasName(name))"))
                        {
                            if (IsFalseSchema(properties))
                            {
                                FailAt("name", "unevaluatedProperties", RefusedMember(throughApplicators: true));
                            }
                            else
                            {
                                _w.Line("c.Push(name);");
                                var r = Call(properties, "p.Value", "null");
                                _w.Line("c.Pop();");
                                ChildFailed(r);
                            }
                        }
                    }

                    _w.Line("ev!.AddAllNames();");
                }
            }
        }

        /// <summary>The static table of resources defining <paramref name="anchor"/>, in <see cref="Model.Validation.ValidatorModel.DynamicAnchors"/> order.</summary>
        private string DynamicAnchorTable(string anchor)
        {
            var names = _model.DynamicAnchors.Select(d => d.Name).Distinct().ToList();
            return "D" + Int(names.IndexOf(anchor));
        }
    }
}
