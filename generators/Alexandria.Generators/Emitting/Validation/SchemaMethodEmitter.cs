using System.Globalization;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// Writes one compiled subschema as one method <c>bool S{n}(ValidationContext c, JsonElement e, EvaluatedSet? a)</c>.
    /// Keywords are emitted in an order that makes annotations flow: in-place references first, then
    /// assertions and child applicators, then combinators, and <c>unevaluated*</c> last. While collecting,
    /// evaluation goes on after a failure so every error is reported; otherwise the method returns at once.
    /// Every <c>Push</c>/<c>Enter</c>/<c>Suspend</c> brackets a single call, so an early return never leaves them open.
    /// </summary>
    internal sealed partial class SchemaMethodEmitter
    {
        internal const string Element = "global::System.Text.Json.JsonElement";
        internal const string Kind = "global::System.Text.Json.JsonValueKind";

        /// <summary>The instance as a message shows it (<c>"abc"</c>, <c>42</c>, <c>the object</c>).</summary>
        private const string Shown = "InstanceText.Of(e)";

        /// <summary>The same for the string <c>s</c> already read by the string assertions.</summary>
        private const string QuotedString = "InstanceText.Quote(s)";

        private readonly SourceWriter _w;
        private readonly ValidatorModel _model;
        private readonly SchemaMethodModel _m;
        private int _counter;

        private SchemaMethodEmitter(SourceWriter writer, ValidatorModel model, SchemaMethodModel method)
        {
            _w = writer;
            _model = model;
            _m = method;
        }

        public static void Emit(SourceWriter writer, ValidatorModel model, SchemaMethodModel method)
            => new SchemaMethodEmitter(writer, model, method).Emit();

        private bool TracksOwnAnnotations => _m.UnevaluatedItems is not null || _m.UnevaluatedProperties is not null;

        private void Emit()
        {
            _w.Line($"/// <summary>{Xml(_m.Location)}</summary>");
            using (_w.OpenBlock($"internal static bool S{Int(_m.Index)}(ValidationContext c, {Element} e, EvaluatedSet? a)"))
            {
                if (_m.Constant is bool constant)
                {
                    if (!constant)
                    {
                        _w.Line($"c.Fail(\"false\", {Shown} + {Literal(" is not allowed here (the schema allows no value)")}, {Literal(_m.Location)});");
                    }

                    _w.Line(constant ? "return true;" : "return false;");
                    return;
                }

                if (_m.UnresolvedReference is string unresolved)
                {
                    _w.Line($"c.Fail(\"$ref\", {Literal(unresolved)}, {Literal(_m.Location + "/$ref")});");
                    _w.Line("return false;");
                    return;
                }

                _w.Line("var ok = true;");
                _w.Line("var k = e.ValueKind;");
                _w.Line(TracksOwnAnnotations ? "var ev = new EvaluatedSet();" : "var ev = a;");
                EmitReferences();
                EmitGenericAssertions();
                EmitNumberAssertions();
                EmitStringAssertions();
                EmitArrayKeywords();
                EmitObjectKeywords();
                EmitCombinators();
                EmitUnevaluated();
                if (TracksOwnAnnotations)
                {
                    _w.Line("a?.Merge(ev);");
                }

                _w.Line("return ok;");
            }
        }

        /// <summary>Writes <c>var r = S{target}(c, instance, annotations);</c>, entering the target's resource when it differs.</summary>
        private string Call(int target, string instance, string annotations, bool declare = true)
        {
            var result = "r" + Int(_counter++);
            CallInto(result, target, instance, annotations, declare);
            return result;
        }

        private void CallInto(string result, int target, string instance, string annotations, bool declare)
        {
            var resource = _model.Methods[target].Resource;
            var entering = resource != _m.Resource;
            if (entering)
            {
                _w.Line($"c.Enter({Int(resource)});");
            }

            _w.Line($"{(declare ? "var " : "")}{result} = S{Int(target)}(c, {instance}, {annotations});");
            if (entering)
            {
                _w.Line("c.Exit();");
            }
        }

        /// <summary>After a child call: its errors are already recorded, so only the verdict propagates.</summary>
        private void ChildFailed(string result)
            => _w.Line($"if (!{result}) {{ if (!c.Collecting) return false; ok = false; }}");

        /// <summary>Reports an error of this schema; returns at once unless errors are being collected.</summary>
        private void Fail(CSharpCode condition, string keyword, CSharpCode messageExpression)
            => _w.Line($"if ({condition}) {{ if (!c.Fail({Literal(keyword)}, {messageExpression}, {At(keyword)})) return false; ok = false; }}");

        /// <summary>Reports an error whose message is <paramref name="shown"/> (an expression) followed by fixed <paramref name="text"/>.</summary>
        private void Fail(CSharpCode condition, string keyword, string shown, CSharpLiteral text)
            => _w.Line($"if ({condition}) {{ if (!c.Fail({Literal(keyword)}, {shown} + {text}, {At(keyword)})) return false; ok = false; }}");

        /// <summary>Reports an error whose message is fixed <paramref name="text"/>.</summary>
        private void Fail(CSharpCode condition, string keyword, CSharpLiteral text)
            => _w.Line($"if ({condition}) {{ if (!c.Fail({Literal(keyword)}, {text}, {At(keyword)})) return false; ok = false; }}");

        /// <summary>A pattern that ran past its time limit: ends the validation with this error (at member <paramref name="member"/>, an expression, when given).</summary>
        private void RefuseTimedOut(CSharpCode condition, string? member, string keyword, CSharpCode messageExpression)
            => _w.Line($"if ({condition}) c.RefuseTimedOut({member ?? "null"}, {Literal(keyword)}, {messageExpression}, {At(keyword)});");

        /// <summary>Reports an error at the member or item <paramref name="segment"/> of this instance (a name or index expression).</summary>
        private void FailAt(string segment, string keyword, CSharpCode messageExpression)
            => _w.Line($"if (!c.FailAt({segment}, {Literal(keyword)}, {messageExpression}, {At(keyword)})) return false; ok = false;");

        /// <summary>Reports an applicator's error that the errors recorded before it explain; results list it after them.</summary>
        private void Summarize(string keyword, CSharpCode messageExpression)
            => _w.Line($"if (!c.Summarize({Literal(keyword)}, {messageExpression}, {At(keyword)})) return false; ok = false;");

        /// <summary>The schema location of <paramref name="keyword"/> in this subschema, as a literal written in place.</summary>
        private CSharpLiteral At(string keyword) => new CSharpLiteral(_m.Location, "/", keyword);

        /// <summary>A bare <c>{ … }</c> block, so locals of one keyword never clash with another's.</summary>
        private SourceWriter.Block Scope()
        {
            _w.Line("{");
            _w.Indentation++;
            return new SourceWriter.Block(_w, "}");
        }

        private bool IsFalseSchema(int method) => _model.Methods[method].Constant == false;

        private string Fresh(string prefix) => prefix + Int(_counter++);

        internal static string Lit(string value) => CSharpNaming.Literal(value);

        /// <summary>The literal of <paramref name="value"/>, written into a line in place (no string made).</summary>
        private static CSharpLiteral Literal(string value) => new CSharpLiteral(value);

        internal static string Int(long value) => value >= 0 && value < SmallInts.Length ? SmallInts[value] : value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Method, local and resource numbers are small and written on most lines: their text is made once.</summary>
        private static readonly string[] SmallInts = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        /// <summary>Text safe inside a one-line XML doc comment: markup escaped, control characters (a member named "a\nb") written as \uXXXX.</summary>
        internal static string Xml(string text)
        {
            if (!NeedsXmlEscape(text))
            {
                return text;
            }

            var builder = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '&': builder.Append("&amp;"); break;
                    case '<': builder.Append("&lt;"); break;
                    case '>': builder.Append("&gt;"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u0085')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.ToString();
        }

        private static bool NeedsXmlEscape(string text)
        {
            foreach (var c in text)
            {
                if (c is '&' or '<' or '>' || c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u0085')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
