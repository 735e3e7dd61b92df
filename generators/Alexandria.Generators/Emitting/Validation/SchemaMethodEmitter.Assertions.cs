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
                Fail("!(" + TypeCondition(_m.Types) + ")", "type", Shown + " + " + Lit(" is not " + TypeNames.Expected(_m.Types)));
            }

            if (_m.Const is int constant)
            {
                Fail("!(" + ConstantCondition(constant) + ")", "const", Shown + " + " + Lit(" is not " + MessageText.Constant(_model.Constants[constant])));
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
                Fail("!(" + condition + ")", "enum", Shown + " + " + Lit(expected));
            }
        }

        private void EmitNumberAssertions()
        {
            var limits = new (NumberLimitModel? Limit, string Keyword, string Test, string Words)[]
            {
                (_m.Minimum, "minimum", "< 0", " is less than the minimum "),
                (_m.ExclusiveMinimum, "exclusiveMinimum", "<= 0", " is not greater than the exclusive minimum "),
                (_m.Maximum, "maximum", "> 0", " is greater than the maximum "),
                (_m.ExclusiveMaximum, "exclusiveMaximum", ">= 0", " is not less than the exclusive maximum "),
            };
            if (limits.All(l => l.Limit is null) && _m.MultipleOf is null)
            {
                return;
            }

            using (_w.OpenBlock($"if (k == {Kind}.Number)"))
            {
                foreach (var (limit, keyword, test, words) in limits)
                {
                    if (limit is not null)
                    {
                        Fail("JsonValues.Compare(e, " + NumberLiterals.For(limit.Text) + ") " + test, keyword, Shown + " + " + Lit(words + limit.Text));
                    }
                }

                if (_m.MultipleOf is { } divisor)
                {
                    Fail("!JsonValues.IsMultipleOf(e, " + NumberLiterals.For(divisor.Text) + ")", "multipleOf", Shown + " + " + Lit(" is not a multiple of " + divisor.Text));
                }
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
                        Fail("n < " + Int(min), "minLength", QuotedString + " + " + Lit(" is shorter than " + Characters(min)));
                    }

                    if (_m.MaxLength is long max)
                    {
                        Fail("n > " + Int(max), "maxLength", QuotedString + " + " + Lit(" is longer than " + Characters(max)));
                    }
                }

                if (_m.Pattern is int pattern)
                {
                    var source = MessageText.Cut(_m.PatternSource ?? "", 2 * MessageText.MaxChars);
                    var match = Fresh("pm");
                    _w.Line($"var {match} = PatternMatching.Match(P{Int(pattern)}, s);");
                    _w.Line($"if ({match} == PatternMatch.TimedOut) {RefuseTimedOut(null, "pattern", "PatternMatching.TookTooLong(" + QuotedString + ", " + Lit(source) + ", \"the value\")")}");
                    Fail(match + " == PatternMatch.NoMatch", "pattern", QuotedString + " + " + Lit(" does not match the pattern " + source));
                }

                if (check is not null)
                {
                    var gate = _m.AlwaysAssertFormat ? "" : "c.AssertFormats && ";
                    Fail(gate + "!FormatAssertions." + check + "(s)", "format", QuotedString + " + " + Lit(" is not " + FormatNames.Describe(_m.Format!)));
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

        private static string Characters(long count) => Int(count) + (count == 1 ? " character" : " characters");
    }
}
