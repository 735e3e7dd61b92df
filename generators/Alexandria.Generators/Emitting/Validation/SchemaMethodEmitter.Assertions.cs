using System;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>type, const, enum, and the number and string assertions.</summary>
    internal sealed partial class SchemaMethodEmitter
    {
        private void EmitGenericAssertions()
        {
            if (_m.Types != JsonTypes.None)
            {
                var (notOfType, expected) = TypeTest(_m.Types);
                Fail(notOfType, "type", Shown, new CSharpLiteral(" is not ", expected));
            }

            if (_m.Const is int constant)
            {
                Fail(new CSharpCode("!(", ConstantCondition(constant), ")"), "const", Shown, new CSharpLiteral(" is not ", MessageText.Constant(_model.Constants[constant])));
            }

            if (_m.HasEnum)
            {
                var condition = _m.Enum.Count == 0 ? "false" : string.Join(" || ", _m.Enum.Select(ConstantCondition));
                var expected = _m.Enum.Count switch
                {
                    0 => " is not allowed (the enum is empty)",
                    1 => " is not " + MessageText.Constants(_model, _m.Enum),
                    _ => " is not one of " + MessageText.Constants(_model, _m.Enum),
                };
                Fail(new CSharpCode("!(", condition, ")"), "enum", Shown, new CSharpLiteral(expected));
            }
        }

        private void EmitNumberAssertions()
        {
            if (_m.Minimum is null && _m.ExclusiveMinimum is null && _m.Maximum is null && _m.ExclusiveMaximum is null && _m.MultipleOf is null)
            {
                return;
            }

            using (_w.OpenBlock($"if (k == {Kind}.Number)"))
            {
                Limit(_m.Minimum, "minimum", "< 0", " is less than the minimum ");
                Limit(_m.ExclusiveMinimum, "exclusiveMinimum", "<= 0", " is not greater than the exclusive minimum ");
                Limit(_m.Maximum, "maximum", "> 0", " is greater than the maximum ");
                Limit(_m.ExclusiveMaximum, "exclusiveMaximum", ">= 0", " is not less than the exclusive maximum ");
                if (_m.MultipleOf is { } divisor)
                {
                    Fail(new CSharpCode("!JsonValues.IsMultipleOf(e, ", NumberLiterals.For(divisor.Text), ")"), "multipleOf", Shown, new CSharpLiteral(" is not a multiple of ", divisor.Text));
                }
            }
        }

        private void Limit(NumberLimitModel? limit, string keyword, string test, string words)
        {
            if (limit is not null)
            {
                Fail(new CSharpCode("JsonValues.Compare(e, ", NumberLiterals.For(limit.Text), ") ", test), keyword, Shown, new CSharpLiteral(words, limit.Text));
            }
        }

        private void EmitStringAssertions()
        {
            var check = _m.Format is null ? null : FormatNames.CheckFor(_m.Format);
            if (_m.MinLength is null && _m.MaxLength is null && _m.Pattern is null && check is null)
            {
                return;
            }

            using (_w.OpenBlock($"if (k == {Kind}.String)"))
            {
                _w.Line("var s = e.GetString()!;");
                if (_m.MinLength is not null || _m.MaxLength is not null)
                {
                    _w.Line("var n = JsonValues.CodePoints(s);");
                    if (_m.MinLength is long min)
                    {
                        Fail(new CSharpCode("n < ", Int(min)), "minLength", QuotedString, new CSharpLiteral(" is shorter than ", Int(min), Characters(min)));
                    }

                    if (_m.MaxLength is long max)
                    {
                        Fail(new CSharpCode("n > ", Int(max)), "maxLength", QuotedString, new CSharpLiteral(" is longer than ", Int(max), Characters(max)));
                    }
                }

                if (_m.Pattern is int pattern)
                {
                    var source = MessageText.Cut(_m.PatternSource ?? "", 2 * MessageText.MaxChars);
                    var match = Fresh("pm");
                    _w.Line($"var {match} = PatternMatching.Match(P{Int(pattern)}, s);");
                    RefuseTimedOut(new CSharpCode(match, " == PatternMatch.TimedOut"), null, "pattern", new CSharpCode("PatternMatching.TookTooLong(" + QuotedString + ", ", Lit(source), ", \"the value\")"));
                    Fail(new CSharpCode(match, " == PatternMatch.NoMatch"), "pattern", QuotedString, new CSharpLiteral(" does not match the pattern ", source));
                }

                if (check is not null)
                {
                    var gate = _m.AlwaysAssertFormat ? "" : "c.AssertFormats && ";
                    Fail(new CSharpCode(gate, "!FormatAssertions.", check, "(s)"), "format", QuotedString, new CSharpLiteral(" is not ", FormatNames.Describe(_m.Format!)));
                }
            }
        }

        private string ConstantCondition(int constant)
        {
            var value = _model.Constants[constant];
            if (value.StringValue is string text)
            {
                return "(k == " + Kind + ".String && e.ValueEquals(" + Lit(text) + "))";
            }

            switch (value.Json)
            {
                case "null": return "k == " + Kind + ".Null";
                case "true": return "k == " + Kind + ".True";
                case "false": return "k == " + Kind + ".False";
                default: return "JsonValues.DeepEquals(e, K" + Int(constant) + ")";
            }
        }

        private static string TypeCondition(JsonTypes types)
            => TypeConditions.For(types, kind => kind switch
            {
                JsonTypes.Null => "k == " + Kind + ".Null",
                JsonTypes.Boolean => "k == " + Kind + ".True || k == " + Kind + ".False",
                JsonTypes.Object => "k == " + Kind + ".Object",
                JsonTypes.Array => "k == " + Kind + ".Array",
                JsonTypes.String => "k == " + Kind + ".String",
                JsonTypes.Number => "k == " + Kind + ".Number",
                _ => "(k == " + Kind + ".Number && JsonValues.IsInteger(e))",
            });

        private static string Characters(long count) => count == 1 ? " character" : " characters";

        /// <summary>
        /// The <c>type</c> keyword's negated condition and the message's expectation, made once per set of types: most
        /// subschemas state a type, and both texts are long.
        /// </summary>
        private static (string NotOfType, string Expected) TypeTest(JsonTypes types)
        {
            var index = (int)types & (TypeTests.Length - 1);
            var test = TypeTests[index] ??= Tuple.Create("!(" + TypeCondition(types) + ")", TypeNames.Expected(types));
            return (test.Item1, test.Item2);
        }

        /// <summary>By the <see cref="JsonTypes"/> flags (seven bits). Filled as met; a race writes the same texts twice.</summary>
        private static readonly Tuple<string, string>?[] TypeTests = new Tuple<string, string>?[128];
    }
}
