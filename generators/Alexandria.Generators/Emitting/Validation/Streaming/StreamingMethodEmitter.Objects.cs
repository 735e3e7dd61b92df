using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// Object keywords in one pass over the members. Names the schema cares about are matched on UTF-8 bytes and
    /// get a bit in a <c>ulong</c> (required, dependencies, duplicates); the value goes to its <c>properties</c>
    /// schema, the matching <c>patternProperties</c>, and else to <c>additionalProperties</c>, or to
    /// <c>unevaluatedProperties</c> unless a subschema applied in place evaluates that name.
    /// </summary>
    internal sealed partial class StreamingMethodEmitter
    {
        private bool HasObjectKeywords
            => _m.MinProperties is not null || _m.MaxProperties is not null || _m.Required.Count > 0 || _m.DependentRequired.Count > 0
               || _m.Properties.Count > 0 || _m.PatternProperties.Count > 0 || _m.AdditionalProperties is not null
               || _m.PropertyNames is not null || _m.DependentSchemas.Count > 0 || _m.UnevaluatedProperties is not null
               || _analysis.MergedMembers(_m).Any(x => x.Schema.Properties.Count > 0 || x.Schema.Required.Count > 0);

        public static string NameMatcher(int method) => "M" + SchemaMethodEmitter.Int(method);

        private void EmitObjectKeywords()
        {
            if (!HasObjectKeywords)
            {
                return;
            }

            var names = _analysis.TrackedNames(_m);
            var counts = _m.MinProperties is not null || _m.MaxProperties is not null;
            using (_w.OpenBlock($"if (t == {Token}.StartObject)"))
            {
                if (_m.DependentSchemas.Count > 0) _w.Line("var objectReader = r;");
                if (names.Any(n => PropertySchemas(n).Count > 0)) _w.Line("var start = r.TokenStartIndex;");
                if (names.Count > 0) _w.Line("var seen = 0UL;");
                if (counts) _w.Line("var count = 0;");
                if (_m.PatternProperties.Count > 0) _w.Line("global::System.Span<char> nameBuffer = stackalloc char[StreamingValues.StackChars];");
                using (_w.OpenBlock($"while (r.Read() && r.TokenType == {Token}.PropertyName)"))
                {
                    EmitMember(names, counts);
                }

                EmitPresenceRules(names);
                if (_m.MinProperties is long min) _w.Line($"if (count < {Int(min)}) return false;");
                if (_m.MaxProperties is long max) _w.Line($"if (count > {Int(max)}) return false;");
            }
        }

        private void EmitMember(List<string> names, bool counts)
        {
            if (counts) _w.Line("count++;");
            if (names.Count > 0) _w.Line($"var id = {NameMatcher(_m.Index)}(ref r);");
            EmitNameRead(names);
            if (_m.PropertyNames is int propertyNames && !IsTrue(propertyNames))
            {
                // The name token reads as a string; a copy keeps the reader on it.
                _w.Line("var nameReader = r;");
                _w.Line($"if (!{Call(propertyNames, "nameReader")}) return false;");
            }

            var patterns = _m.PatternProperties;
            if (patterns.Count > 0)
            {
                for (var i = 0; i < patterns.Count; i++)
                {
                    _w.Line($"var matched{Int(i)} = false;");
                }

                using (Scope())
                {
                    _w.Line("char[]? rented = null;");
                    _w.Line("var name = StreamingValues.Text(in r, nameBuffer, ref rented);");
                    for (var i = 0; i < patterns.Count; i++)
                    {
                        _w.Line($"matched{Int(i)} = P{Int(patterns[i].Pattern)}.IsMatch(name);");
                    }

                    _w.Line("StreamingValues.Release(rented);");
                }
            }

            _w.Line("r.Read();");
            for (var i = 0; i < patterns.Count; i++)
            {
                using (_w.OpenBlock($"if (matched{Int(i)})"))
                {
                    MustPassOnCopy(patterns[i].Method);
                }
            }

            if (names.Count == 0)
            {
                if (EmitUndeclared(null))
                {
                    return; // every member is rejected: nothing after is reachable
                }
            }
            else
            {
                // When every case returns (each named member's schema is false, and so is every other member's),
                // nothing after the switch is reachable, and emitting it would be CS0162 (fuzz seeds 200552, 205592).
                // Likewise the skip after it when no case breaks (each returns or continues, its value read).
                var everyCaseReturns = true;
                var anyCaseBreaks = false;
                using (_w.OpenBlock("switch (id)"))
                {
                    for (var i = 0; i < names.Count; i++)
                    {
                        var end = EmitNamedCase(names[i], i);
                        everyCaseReturns &= end == CaseEnd.Returns;
                        anyCaseBreaks |= end == CaseEnd.Breaks;
                    }

                    _w.Line("default:");
                    _w.Indentation++;
                    if (!EmitUndeclared(null))
                    {
                        _w.Line("break;");
                        everyCaseReturns = false;
                        anyCaseBreaks = true;
                    }

                    _w.Indentation--;
                }

                if (everyCaseReturns || !anyCaseBreaks)
                {
                    return;
                }
            }

            _w.Line("r.Skip();");
        }

        /// <summary>
        /// The document path reads member names as text for propertyNames (every member) and for
        /// additionalProperties/unevaluatedProperties (members outside <c>properties</c>); a name that cannot be read
        /// must fail here too. Patterns decode the name anyway.
        /// </summary>
        private void EmitNameRead(List<string> names)
        {
            // A false schema rejects such a member whether or not its name reads, and a tracked name always reads.
            var readsOthers = (_m.AdditionalProperties is int additional && !IsFalse(additional))
                || (_m.UnevaluatedProperties is int unevaluated && !IsFalse(unevaluated));
            if (_m.PatternProperties.Count > 0)
            {
                return;
            }

            if (_m.PropertyNames is not null || (names.Count == 0 && readsOthers))
            {
                _w.Line("StreamingValues.RequireText(ref r);");
            }
            else if (readsOthers)
            {
                // Tracked names start with this schema's own properties, so their ids are the first ones.
                var own = _m.Properties.Select(p => p.Name).Distinct().Count();
                _w.Line(own == 0 ? "StreamingValues.RequireText(ref r);" : "if (id < 0 || id >= " + Int(own) + ") StreamingValues.RequireText(ref r);");
            }
        }

        /// <summary>How a member's case ends: it always returns (the member is rejected whatever its value), continues with the next member (its value read), or breaks to the skip.</summary>
        private enum CaseEnd
        {
            Returns,
            Continues,
            Breaks,
        }

        private CaseEnd EmitNamedCase(string name, int bit)
        {
            _w.Line($"case {Int(bit)}: // {SchemaMethodEmitter.Xml(name)}");
            _w.Indentation++;
            var mask = Bit(bit);
            var own = _m.Properties.FirstOrDefault(p => p.Name == name);
            var schemas = ConstantCover.Drop(_model, PropertySchemas(name));
            if (schemas.Count > 0)
            {
                // The document path validates only the last of repeated members; one pass cannot know which is last.
                _w.Line($"if ((seen & {mask}) != 0) return s.GiveUp();");
            }

            _w.Line($"seen |= {mask};");
            if (schemas.Any(x => IsFalse(x.Method)))
            {
                _w.Line("return false;");
                _w.Indentation--;
                return CaseEnd.Returns;
            }

            // One schema and nothing else reading the value: it consumes the reader; otherwise each reads a copy.
            var alone = schemas.Count == 1 && _m.PatternProperties.Count == 0 && (own is not null || !UndeclaredReads(name));
            var reject = "return StreamingValues.RejectMember(ref s, start, " + Utf8Literals.For(name) + ");";
            var consumed = false;
            foreach (var (method, references) in schemas.Where(x => !IsTrue(x.Method)))
            {
                var reader = "r";
                consumed = alone;
                if (!alone)
                {
                    reader = Fresh("v");
                    _w.Line($"var {reader} = r;");
                }

                // A subschema that applies no other reads no depth: the count would change nothing.
                if (references == 0 || !_analysis.Reachable(method).Skip(1).Any())
                {
                    _w.Line($"if (!{Call(method, reader)}) {reject}");
                    continue;
                }

                // As deep as the merged subschema's own $ref calls would have made it.
                var result = Fresh("ok");
                _w.Line($"s.Depth += {Int(references)};");
                _w.Line($"var {result} = {Call(method, reader)};");
                _w.Line($"s.Depth -= {Int(references)};");
                _w.Line($"if (!{result}) {reject}");
            }

            if (own is null && EmitUndeclared(name))
            {
                _w.Indentation--;
                return CaseEnd.Returns;
            }

            // A schema that read the value on r left it on the value's last token: nothing to skip.
            _w.Line(consumed ? "continue;" : "break;");
            _w.Indentation--;
            return consumed ? CaseEnd.Continues : CaseEnd.Breaks;
        }

        /// <summary>The <c>properties</c> schemas for <paramref name="name"/>: this schema's, then those of merged subschemas.</summary>
        private List<(int Method, int References)> PropertySchemas(string name)
        {
            var schemas = _m.Properties.Where(p => p.Name == name).Select(p => (p.Method, 0)).ToList();
            foreach (var merged in _analysis.MergedMembers(_m))
            {
                schemas.AddRange(merged.Schema.Properties.Where(p => p.Name == name).Select(p => (p.Method, merged.References)));
            }

            return schemas;
        }

        /// <summary>Whether additionalProperties or unevaluatedProperties read the value of an undeclared member named <paramref name="name"/>.</summary>
        private bool UndeclaredReads(string name)
            => (_m.AdditionalProperties is int additional && !IsTrue(additional))
               || (_analysis.HasUnevaluatedProperties(_m) && _analysis.NamesBeforeUnevaluated(_m.Index) is { All: false } evaluated && !evaluated.Names.Contains(name));

        /// <summary>
        /// A member outside <c>properties</c> (<paramref name="name"/> when it is tracked, null for any other):
        /// additionalProperties unless a pattern matched, then unevaluatedProperties unless evaluated in place.
        /// </summary>
        /// <returns>Whether it rejects every such member (the code after it is unreachable).</returns>
        private bool EmitUndeclared(string? name)
        {
            if (_m.AdditionalProperties is int additional && !IsTrue(additional))
            {
                if (_m.PatternProperties.Count == 0)
                {
                    if (EmitApply(additional))
                    {
                        return true;
                    }
                }
                else
                {
                    var anyPattern = string.Join(" || ", Enumerable.Range(0, _m.PatternProperties.Count).Select(i => "matched" + Int(i)));
                    using (_w.OpenBlock($"if (!({anyPattern}))"))
                    {
                        EmitApply(additional);
                    }
                }
            }

            if (_analysis.HasUnevaluatedProperties(_m)
                && _analysis.NamesBeforeUnevaluated(_m.Index) is { All: false } evaluated
                && (name is null || !evaluated.Names.Contains(name)))
            {
                return EmitApply(_m.UnevaluatedProperties!.Value);
            }

            return false;
        }

        /// <returns>Whether it rejected unconditionally.</returns>
        private bool EmitApply(int schema)
        {
            if (IsFalse(schema))
            {
                _w.Line("return false;");
                return true;
            }

            using (Scope())
            {
                MustPassOnCopy(schema);
            }

            return false;
        }

        private void EmitPresenceRules(List<string> names)
        {
            var required = Mask(names, _m.Required.Concat(_analysis.MergedMembers(_m).SelectMany(x => x.Schema.Required)));
            if (required != "0UL")
            {
                _w.Line($"if ((seen & {required}) != {required}) return false;");
            }

            foreach (var dependency in _m.DependentRequired)
            {
                var needed = Mask(names, dependency.Required);
                if (needed != "0UL")
                {
                    _w.Line($"if ((seen & {Mask(names, new[] { dependency.Name })}) != 0 && (seen & {needed}) != {needed}) return false;");
                }
            }

            foreach (var dependency in _m.DependentSchemas)
            {
                if (IsTrue(dependency.Method))
                {
                    continue;
                }

                using (_w.OpenBlock($"if ((seen & {Mask(names, new[] { dependency.Name })}) != 0)"))
                {
                    var copy = Fresh("v");
                    _w.Line($"var {copy} = objectReader;");
                    _w.Line($"if (!{Call(dependency.Method, copy)}) return false;");
                }
            }
        }

        private static string Bit(int index) => "0x" + (1UL << index).ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "UL";

        private static string Mask(List<string> names, IEnumerable<string> members)
        {
            var mask = 0UL;
            foreach (var member in members)
            {
                mask |= 1UL << names.IndexOf(member);
            }

            return mask == 0 ? "0UL" : "0x" + mask.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "UL";
        }

        /// <summary>
        /// <c>int M{n}(ref Utf8JsonReader r)</c>: the index of the member name under the reader among the tracked names,
        /// or -1. Unescaped names (the usual case) are told apart by length, then compared as bytes.
        /// </summary>
        public static void EmitNameMatcher(SourceWriter w, int method, List<string> names) => EmitNameMatcher(w, NameMatcher(method), names);

        /// <summary>The matcher named <paramref name="function"/>; it reads a string value's bytes alike (a union's discriminator).</summary>
        private static void EmitNameMatcher(SourceWriter w, string function, List<string> names)
        {
            using (w.OpenBlock($"private static int {function}(ref {Reader} r)"))
            {
                using (w.OpenBlock("if (r.ValueIsEscaped)"))
                {
                    for (var i = 0; i < names.Count; i++)
                    {
                        w.Line($"if (r.ValueTextEquals({Utf8Literals.For(names[i])})) return {SchemaMethodEmitter.Int(i)};");
                    }

                    w.Line("return -1;");
                }

                w.Line("var name = r.ValueSpan;");
                using (w.OpenBlock("switch (name.Length)"))
                {
                    foreach (var group in names.Select((n, i) => (Name: n, Index: i)).GroupBy(n => System.Text.Encoding.UTF8.GetByteCount(n.Name)).OrderBy(g => g.Key))
                    {
                        w.Line($"case {SchemaMethodEmitter.Int(group.Key)}:");
                        w.Indentation++;
                        foreach (var (name, index) in group)
                        {
                            w.Line($"if (global::System.MemoryExtensions.SequenceEqual(name, {Utf8Literals.For(name)})) return {SchemaMethodEmitter.Int(index)};");
                        }

                        w.Line("break;");
                        w.Indentation--;
                    }
                }

                w.Line("return -1;");
            }
        }
    }
}
