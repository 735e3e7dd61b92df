using System.Linq;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>minProperties, maxProperties, required, dependentRequired, properties, patternProperties,
    /// additionalProperties, propertyNames, dependentSchemas.</summary>
    internal sealed partial class SchemaMethodEmitter
    {
        private void EmitObjectKeywords()
        {
            var iterates = _m.PatternProperties.Count > 0 || _m.AdditionalProperties is not null;
            if (_m.MinProperties is null && _m.MaxProperties is null && _m.Required.Count == 0 && _m.DependentRequired.Count == 0
                && _m.Properties.Count == 0 && !iterates && _m.PropertyNames is null && _m.DependentSchemas.Count == 0)
            {
                return;
            }

            using (_w.OpenBlock($"if (k == {Kind}.Object)"))
            {
                if (_m.MinProperties is not null || _m.MaxProperties is not null)
                {
                    _w.Line("var count = JsonValues.CountProperties(e);");
                    if (_m.MinProperties is long min)
                    {
                        Fail("count < " + Int(min), "minProperties", "InstanceText.Has(\"the object\", count, \"member\") + " + Lit(", fewer than the minimum " + Int(min)));
                    }

                    if (_m.MaxProperties is long max)
                    {
                        Fail("count > " + Int(max), "maxProperties", "InstanceText.Has(\"the object\", count, \"member\") + " + Lit(", more than the maximum " + Int(max)));
                    }
                }

                foreach (var name in _m.Required)
                {
                    FailWithout(name, "required", new CSharpLiteral("missing required member ", MessageText.Quote(name)));
                }

                foreach (var dependency in _m.DependentRequired)
                {
                    using (_w.OpenBlock($"if (e.TryGetProperty({Literal(dependency.Name)}, out _))"))
                    {
                        foreach (var required in dependency.Required)
                        {
                            FailWithout(required, "dependentRequired", new CSharpLiteral("missing member " + MessageText.Quote(required), ", required when " + MessageText.Quote(dependency.Name), " is present"));
                        }
                    }
                }

                foreach (var property in _m.Properties)
                {
                    var value = Fresh("v");
                    using (_w.OpenBlock($"if (e.TryGetProperty({Literal(property.Name)}, out var {value}))"))
                    {
                        _w.Line($"ev?.AddName({Literal(property.Name)});");
                        _w.Line($"c.Push({Literal(property.Name)});");
                        var r = Call(property.Method, value, "null");
                        _w.Line("c.Pop();");
                        ChildFailed(r);
                    }
                }

                if (iterates)
                {
                    EmitMemberLoop();
                }

                if (_m.PropertyNames is int names)
                {
                    using (_w.OpenBlock("foreach (var p in e.EnumerateObject())"))
                    {
                        _w.Line("var was = c.Suspend();");
                        var r = Call(names, "JsonValues.NameValue(p.Name)", "null");
                        _w.Line("c.Resume(was);");
                        Fail("!" + r, "propertyNames", "\"member name \" + InstanceText.Quote(p.Name) + " + Lit(" does not match the schema in 'propertyNames'"));
                    }
                }

                foreach (var dependency in _m.DependentSchemas)
                {
                    using (_w.OpenBlock($"if (e.TryGetProperty({Literal(dependency.Name)}, out _))"))
                    {
                        ChildFailed(Call(dependency.Method, "e", "ev"));
                    }
                }
            }
        }

        /// <summary>One pass over the members for patternProperties and additionalProperties.</summary>
        private void EmitMemberLoop()
        {
            using (_w.OpenBlock("foreach (var p in e.EnumerateObject())"))
            {
                if (_m.PatternProperties.Count == 0 && _m.Properties.Count > 0)
                {
                    // Declared members are skipped by comparing UTF-8 names in place: no string on the valid path.
                    _w.Line($"if ({string.Join(" || ", _m.Properties.Select(m => "p.NameEquals(" + Lit(m.Name) + ")"))}) continue;");
                }

                _w.Line("var name = p.Name;");
                var tracksMatch = _m.AdditionalProperties is not null && _m.PatternProperties.Count > 0;
                if (tracksMatch)
                {
                    _w.Line("var matched = false;");
                }

                foreach (var pattern in _m.PatternProperties)
                {
                    var match = Fresh("pm");
                    _w.Line($"var {match} = PatternMatching.Match(P{Int(pattern.Pattern)}, name);");
                    var source = MessageText.Cut(pattern.Source, 2 * MessageText.MaxChars);
                    RefuseTimedOut(match + " == PatternMatch.TimedOut", "name", "patternProperties", "PatternMatching.TookTooLong(\"member name \" + InstanceText.Quote(name), " + Lit(source) + ", \"the member\")");
                    using (_w.OpenBlock($"if ({match} == PatternMatch.Matched)"))
                    {
                        if (tracksMatch)
                        {
                            _w.Line("matched = true;");
                        }

                        _w.Line("ev?.AddName(name);");
                        _w.Line("c.Push(name);");
                        var r = Call(pattern.Method, "p.Value", "null");
                        _w.Line("c.Pop();");
                        ChildFailed(r);
                    }
                }

                if (_m.AdditionalProperties is int additional)
                {
                    // Without patternProperties the declared members were skipped above; with them, both count as matched.
                    var exclusions = new System.Collections.Generic.List<string>();
                    if (tracksMatch)
                    {
                        exclusions.Add("matched");
                    }

                    if (_m.Properties.Count > 0 && _m.PatternProperties.Count > 0)
                    {
                        exclusions.Add("name is " + string.Join(" or ", _m.Properties.Select(p => Lit(p.Name))));
                    }

                    using (exclusions.Count == 0 ? Scope() : _w.OpenBlock($"if (!({string.Join(" || ", exclusions)}))"))
                    {
                        _w.Line("ev?.AddName(name);");
                        if (IsFalseSchema(additional))
                        {
                            FailAt("name", "additionalProperties", RefusedMember(throughApplicators: false));
                        }
                        else
                        {
                            _w.Line("c.Push(name);");
                            var r = Call(additional, "p.Value", "null");
                            _w.Line("c.Pop();");
                            ChildFailed(r);
                        }
                    }
                }
            }
        }

        /// <summary>Reports <paramref name="text"/> when the object has no member <paramref name="member"/>.</summary>
        private void FailWithout(string member, string keyword, CSharpLiteral text)
            => _w.Line($"if (!e.TryGetProperty({Literal(member)}, out _)) {{ if (!c.Fail({Literal(keyword)}, {text}, {At(keyword)})) return false; ok = false; }}");

        /// <summary>"member "x" is not allowed here (allowed: "a", "b")", with <c>name</c> the refused member.</summary>
        private string RefusedMember(bool throughApplicators)
            => "\"member \" + InstanceText.Quote(name) + " + Lit(" is not allowed here " + AllowedMembers.Hint(_model, _m, throughApplicators));
    }
}
