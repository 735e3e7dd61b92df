using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// Writes one compiled subschema as <c>bool R{n}(ref StreamingState s, ref Utf8JsonReader r)</c>: the reader
    /// is on the value's first token and is left on its last. It answers only valid or not, so it returns at the
    /// first failure. The value's own assertions come first (they read the current token), then subschemas
    /// applied in place, each on a copy of the reader (it is a struct) except a last one that may consume it,
    /// then one pass over the members or items; <c>r.Skip()</c> consumes whatever nothing else read.
    /// </summary>
    internal sealed partial class StreamingMethodEmitter
    {
        internal const string Reader = "global::System.Text.Json.Utf8JsonReader";
        internal const string Token = "global::System.Text.Json.JsonTokenType";

        private readonly SourceWriter _w;
        private readonly ValidatorModel _model;
        private readonly StreamingAnalysis _analysis;
        private readonly SchemaMethodModel _m;
        private int _counter;

        private StreamingMethodEmitter(SourceWriter writer, ValidatorModel model, StreamingAnalysis analysis, SchemaMethodModel method)
        {
            _w = writer;
            _model = model;
            _analysis = analysis;
            _m = method;
        }

        public static void Emit(SourceWriter writer, ValidatorModel model, StreamingAnalysis analysis, SchemaMethodModel method)
            => new StreamingMethodEmitter(writer, model, analysis, method).Emit();

        public static string MethodName(int method) => "R" + Int(method);

        private void Emit()
        {
            _w.Line($"/// <summary>{SchemaMethodEmitter.Xml(_m.Location)}</summary>");
            using (_w.OpenBlock($"internal static bool {MethodName(_m.Index)}(ref StreamingState s, ref {Reader} r)"))
            {
                if (_m.Constant is bool constant)
                {
                    if (constant)
                    {
                        _w.Line("r.Skip();");
                    }

                    _w.Line(constant ? "return true;" : "return false;");
                    return;
                }

                if (_m.UnresolvedReference is not null || (_m.HasEnum && _m.Enum.Count == 0))
                {
                    _w.Line("return false;");
                    return;
                }

                _w.Line("var t = StreamingValues.TokenOf(ref r);");
                EmitGenericAssertions();
                EmitNumberAssertions();
                EmitStringAssertions();
                var consumes = HasObjectKeywords || HasArrayKeywords;
                if (EmitInPlace(mayConsume: !consumes))
                {
                    _w.Line("return true;");
                    return;
                }

                EmitObjectKeywords();
                EmitArrayKeywords();
                if (!IsScalarConstant && ((MaySee(JsonTypes.Object) && !HasObjectKeywords) || (MaySee(JsonTypes.Array) && !HasArrayKeywords)))
                {
                    _w.Line("r.Skip();");
                }

                _w.Line("return true;");
            }
        }

        /// <summary>Whether <c>const</c> or <c>enum</c> has let only a string, number, boolean or null through (nothing to skip).</summary>
        private bool IsScalarConstant
            => (_m.Const is int constant && IsScalar(constant)) || (_m.HasEnum && _m.Enum.All(IsScalar));

        private bool IsScalar(int constant) => _model.Constants[constant].Json.TrimStart() is var json && !json.StartsWith("{", System.StringComparison.Ordinal) && !json.StartsWith("[", System.StringComparison.Ordinal);

        /// <summary>
        /// Whether the value can still be of <paramref name="kind"/> once <c>type</c> has passed: an object or array must
        /// then be skipped unless the member or item loop read it to its end.
        /// </summary>
        private bool MaySee(JsonTypes kind) => _m.Types == JsonTypes.None || (_m.Types & kind) != 0;

        /// <summary>The call <c>R{target}(ref s, ref reader)</c>.</summary>
        private static string Call(int target, string reader) => MethodName(target) + "(ref s, ref " + reader + ")";

        /// <summary>Applies <paramref name="target"/> to the value on a copy of the reader, leaving <c>r</c> where it is.</summary>
        private void MustPassOnCopy(int target)
        {
            if (IsTrue(target))
            {
                return;
            }

            var copy = Fresh("v");
            _w.Line($"var {copy} = r;");
            _w.Line($"if (!{Call(target, copy)}) return false;");
        }

        private bool IsTrue(int method) => _model.Methods[method].Constant == true;

        private bool IsFalse(int method) => _model.Methods[method].Constant == false;

        private string Fresh(string prefix) => prefix + Int(_counter++);

        private static string Int(long value) => SchemaMethodEmitter.Int(value);

        private void EmitGenericAssertions()
        {
            if (_m.Types != JsonTypes.None)
            {
                // Made once per set of types: most subschemas state a type, and the condition is long.
                var types = (int)_m.Types & (TypeTests.Length - 1);
                _w.Line($"if (!({TypeTests[types] ??= TypeCondition(_m.Types)})) return false;");
            }

            if (_m.Const is int constant)
            {
                _w.Line($"if (!{ConstantCondition(constant)}) return false;");
            }

            if (_m.HasEnum)
            {
                _w.Line($"if (!({string.Join(" || ", _m.Enum.Select(ConstantCondition))})) return false;");
            }
        }

        private void EmitNumberAssertions()
        {
            if (_m.Minimum is null && _m.ExclusiveMinimum is null && _m.Maximum is null && _m.ExclusiveMaximum is null && _m.MultipleOf is null)
            {
                return;
            }

            using (_w.OpenBlock($"if (t == {Token}.Number)"))
            {
                Limit(_m.Minimum, "< 0");
                Limit(_m.ExclusiveMinimum, "<= 0");
                Limit(_m.Maximum, "> 0");
                Limit(_m.ExclusiveMaximum, ">= 0");
                if (_m.MultipleOf is { } divisor)
                {
                    _w.Line($"if (!StreamingValues.IsMultipleOf(ref r, {NumberLiterals.For(divisor.Text)})) return false;");
                }
            }
        }

        private void Limit(NumberLimitModel? limit, string test)
        {
            if (limit is not null)
            {
                _w.Line($"if (StreamingValues.Compare(ref r, {LimitLiteral(limit.Text)}) {test}) return false;");
            }
        }

        /// <summary>An integer limit as a <c>long</c> (compared without decimal arithmetic when the number is a plain integer), else as NumberLiterals writes it.</summary>
        private static CSharpCode LimitLiteral(string text)
            => long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var whole)
                ? new CSharpCode(Int(whole), "L")
                : NumberLiterals.For(text);

        /// <summary>
        /// Reads the text exactly where the document path calls GetString (any length, pattern or known format),
        /// so a string that does not decode fails both paths alike.
        /// </summary>
        private void EmitStringAssertions()
        {
            var check = _m.Format is null ? null : FormatNames.CheckFor(_m.Format);
            var hasLength = _m.MinLength is not null || _m.MaxLength is not null;
            if (!hasLength && _m.Pattern is null && check is null)
            {
                return;
            }

            var simple = _m.Pattern is int p ? SimplePattern.Parse(_model.Patterns[p]) : null;
            using (_w.OpenBlock($"if (t == {Token}.String)"))
            {
                if ((_m.Pattern is null || simple is not null) && check is null)
                {
                    if (hasLength)
                    {
                        _w.Line($"if (!StreamingValues.LengthWithin(ref r, {Int(_m.MinLength ?? 0)}, {(_m.MaxLength is long most ? Int(most) : "long.MaxValue")})) return false;");
                    }

                    if (simple is not null)
                    {
                        EmitSimplePattern(_m.Pattern!.Value);
                    }

                    return;
                }

                if (check is not null && FormatNames.TakesBytes(check) && !hasLength && _m.Pattern is null)
                {
                    EmitFormatOnBytes(check);
                    return;
                }

                _w.Line("char[]? rented = null;");
                _w.Line("var text = StreamingValues.Text(in r, stackalloc char[StreamingValues.StackChars], ref rented);");
                var conditions = new List<string>();
                if (hasLength)
                {
                    _w.Line("var n = StreamingValues.CodePoints(text);");
                    conditions.Add(LengthCondition("n"));
                }

                if (_m.Pattern is int pattern)
                {
                    conditions.Add("P" + Int(pattern) + ".IsMatch(text)");
                }

                if (check is not null)
                {
                    var argument = FormatNames.TakesSpan(check) ? "text" : "text.ToString()";
                    var gate = _m.AlwaysAssertFormat ? "" : "!s.AssertFormats || ";
                    conditions.Add("(" + gate + "FormatAssertions." + check + "(" + argument + "))");
                }

                _w.Line($"var pass = {string.Join(" && ", conditions)};");
                _w.Line("StreamingValues.Release(rented);");
                _w.Line("if (!pass) return false;");
            }
        }

        /// <summary>
        /// A format whose check also reads UTF-8 (uuid, dates and times) is checked on the bytes of unescaped text, without
        /// decoding it; escaped text is decoded, out of line. Skipping the decode changes no verdict: the entry point has
        /// refused input whose strings do not decode (<c>UnicodeText.IsReadable</c>) before this pass runs.
        /// </summary>
        private void EmitFormatOnBytes(string check)
        {
            var gate = _m.AlwaysAssertFormat ? "" : "s.AssertFormats && ";
            var call = "FormatAssertions." + check;
            _w.Line($"if ({gate}!(r.ValueIsEscaped ? StreamingValues.Check(in r, {call}) : {call}(r.ValueSpan))) return false;");
        }

        /// <summary>Unescaped text is matched on its bytes; escaped text is decoded for the regex, out of line.</summary>
        private void EmitSimplePattern(int pattern)
            => _w.Line($"if (!(r.ValueIsEscaped ? StreamingValues.IsMatch(in r, P{Int(pattern)}) : {SimplePattern.MatcherName(pattern)}(r.ValueSpan))) return false;");

        private string LengthCondition(string n)
        {
            var parts = new List<string>();
            if (_m.MinLength is long min) parts.Add(n + " >= " + Int(min));
            if (_m.MaxLength is long max) parts.Add(n + " <= " + Int(max));
            return string.Join(" && ", parts);
        }

        private string ConstantCondition(int constant)
        {
            var value = _model.Constants[constant];
            if (value.StringValue is string text)
            {
                return "(t == " + Token + ".String && r.ValueTextEquals(" + Utf8Literals.For(text) + "))";
            }

            switch (value.Json)
            {
                case "null": return "(t == " + Token + ".Null)";
                case "true": return "(t == " + Token + ".True)";
                case "false": return "(t == " + Token + ".False)";
                default: return "StreamingValues.DeepEquals(r, K" + Int(constant) + ")";
            }
        }

        /// <summary>By the <see cref="JsonTypes"/> flags (seven bits). Filled as met; a race writes the same text twice.</summary>
        private static readonly string?[] TypeTests = new string?[128];

        private static string TypeCondition(JsonTypes types)
            => TypeConditions.For(types, kind => kind switch
            {
                JsonTypes.Null => "t == " + Token + ".Null",
                JsonTypes.Boolean => "t == " + Token + ".True || t == " + Token + ".False",
                JsonTypes.Object => "t == " + Token + ".StartObject",
                JsonTypes.Array => "t == " + Token + ".StartArray",
                JsonTypes.String => "t == " + Token + ".String",
                JsonTypes.Number => "t == " + Token + ".Number",
                _ => "(t == " + Token + ".Number && StreamingValues.IsInteger(ref r))",
            });
    }
}
