using System.Collections.Generic;
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
                Fail("!(" + TypeCondition(_m.Types) + ")", "type", Lit("expected " + TypeNames(_m.Types) + " but found ") + " + JsonValues.KindName(e)");
            }

            if (_m.Const is int constant)
            {
                Fail("!(" + ConstantCondition(constant) + ")", "const", Lit("expected " + Display(constant) + " but found ") + " + JsonValues.Describe(e)");
            }

            if (_m.HasEnum)
            {
                var condition = _m.Enum.Count == 0 ? "false" : string.Join(" || ", _m.Enum.Select(ConstantCondition));
                Fail("!(" + condition + ")", "enum", Lit("expected one of " + Displays(_m.Enum) + " but found ") + " + JsonValues.Describe(e)");
            }
        }

        private void EmitNumberAssertions()
        {
            var limits = new (NumberLimitModel? Limit, string Keyword, string Test, string Words)[]
            {
                (_m.Minimum, "minimum", "< 0", "at least"),
                (_m.ExclusiveMinimum, "exclusiveMinimum", "<= 0", "more than"),
                (_m.Maximum, "maximum", "> 0", "at most"),
                (_m.ExclusiveMaximum, "exclusiveMaximum", ">= 0", "less than"),
            };
            if (limits.All(l => l.Limit is null) && _m.MultipleOf is null)
            {
                return;
            }

            using (_w.OpenBlock("if (k == " + Kind + ".Number)"))
            {
                foreach (var (limit, keyword, test, words) in limits)
                {
                    if (limit is not null)
                    {
                        Fail("JsonValues.Compare(e, " + NumberLiterals.For(limit.Text) + ") " + test, keyword, Lit("expected " + words + " " + limit.Text + " but found ") + " + JsonValues.Describe(e)");
                    }
                }

                if (_m.MultipleOf is { } divisor)
                {
                    Fail("!JsonValues.IsMultipleOf(e, " + NumberLiterals.For(divisor.Text) + ")", "multipleOf", Lit("expected a multiple of " + divisor.Text + " but found ") + " + JsonValues.Describe(e)");
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

            using (_w.OpenBlock("if (k == " + Kind + ".String)"))
            {
                _w.Line("var s = e.GetString()!;");
                if (_m.MinLength is not null || _m.MaxLength is not null)
                {
                    _w.Line("var n = JsonValues.CodePoints(s);");
                    if (_m.MinLength is long min)
                    {
                        Fail("n < " + Int(min), "minLength", Lit("expected at least " + Int(min) + " characters but found ") + " + n");
                    }

                    if (_m.MaxLength is long max)
                    {
                        Fail("n > " + Int(max), "maxLength", Lit("expected at most " + Int(max) + " characters but found ") + " + n");
                    }
                }

                if (_m.Pattern is int pattern)
                {
                    Fail("!P" + Int(pattern) + ".IsMatch(s)", "pattern", Lit("expected a string matching " + _m.PatternSource + " but found ") + " + JsonValues.Describe(e)");
                }

                if (check is not null)
                {
                    var gate = _m.AlwaysAssertFormat ? "" : "c.AssertFormats && ";
                    Fail(gate + "!FormatAssertions." + check + "(s)", "format", Lit("expected a valid " + _m.Format + " but found ") + " + JsonValues.Describe(e)");
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

        private static string TypeNames(JsonTypes types)
        {
            var names = new List<string>();
            if ((types & JsonTypes.Null) != 0) names.Add("null");
            if ((types & JsonTypes.Boolean) != 0) names.Add("a boolean");
            if ((types & JsonTypes.Object) != 0) names.Add("an object");
            if ((types & JsonTypes.Array) != 0) names.Add("an array");
            if ((types & JsonTypes.String) != 0) names.Add("a string");
            if ((types & JsonTypes.Number) != 0) names.Add("a number");
            else if ((types & JsonTypes.Integer) != 0) names.Add("an integer");
            return string.Join(" or ", names);
        }
    }
}
