using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// A member read by several schemas, one of which fixes it to a string (<c>"kind": {"const": "observe"}</c> in a
    /// union branch beside the shared envelope's <c>"kind": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"}</c>):
    /// the other schemas are decided here, on that string, when they assert nothing but a string type, a simple
    /// pattern and lengths. The one that passes is not emitted, so the value is checked once, on the reader itself.
    /// </summary>
    internal static class ConstantCover
    {
        /// <summary><paramref name="schemas"/> without those that accept every value the fixing schema accepts.</summary>
        public static List<(int Method, int References)> Drop(ValidatorModel model, List<(int Method, int References)> schemas)
        {
            if (schemas.Count < 2)
            {
                return schemas;
            }

            var value = schemas.Select(x => FixedString(model, model.Methods[x.Method])).FirstOrDefault(v => v is not null);
            if (value is null)
            {
                return schemas;
            }

            var kept = schemas.Where(x => FixedString(model, model.Methods[x.Method]) is not null || !Accepts(model, model.Methods[x.Method], value)).ToList();
            return kept;
        }

        /// <summary>The one string a schema allows (its <c>const</c>, or a one-string <c>enum</c>), else null.</summary>
        private static string? FixedString(ValidatorModel model, SchemaMethodModel m)
        {
            if (m.Constant is not null || m.UnresolvedReference is not null)
            {
                return null;
            }

            if (m.Const is int constant)
            {
                return model.Constants[constant].StringValue;
            }

            return m.HasEnum && m.Enum.Count == 1 ? model.Constants[m.Enum[0]].StringValue : null;
        }

        /// <summary>Whether <paramref name="m"/> asserts only string keywords that <paramref name="value"/> meets.</summary>
        private static bool Accepts(ValidatorModel model, SchemaMethodModel m, string value)
        {
            var onlyStringKeywords = m.Constant is null && m.UnresolvedReference is null && m.Const is null && !m.HasEnum && m.Format is null
                && (m.Types == JsonTypes.None || m.Types == JsonTypes.String)
                && m.Minimum is null && m.ExclusiveMinimum is null && m.Maximum is null && m.ExclusiveMaximum is null && m.MultipleOf is null
                && m.MinItems is null && m.MaxItems is null && !m.UniqueItems && m.Contains is null && m.PrefixItems.Count == 0 && m.Items is null
                && m.UnevaluatedItems is null && m.MinProperties is null && m.MaxProperties is null && m.Required.Count == 0 && m.Properties.Count == 0
                && m.PatternProperties.Count == 0 && m.AdditionalProperties is null && m.PropertyNames is null && m.UnevaluatedProperties is null
                && m.DependentRequired.Count == 0 && m.DependentSchemas.Count == 0 && m.AllOf.Count == 0 && m.AnyOf.Count == 0 && m.OneOf.Count == 0
                && m.Not is null && m.If is null && m.Ref is null && m.DynamicRef is null;
            if (!onlyStringKeywords)
            {
                return false;
            }

            var length = CodePoints(value);
            if ((m.MinLength is long min && length < min) || (m.MaxLength is long max && length > max))
            {
                return false;
            }

            return m.Pattern is not int pattern || Matches(model.Patterns[pattern], value);
        }

        /// <summary>The regex the validator runs, on the constant; only for simple patterns (anchored class runs), whose meaning no engine differs on.</summary>
        private static bool Matches(string pattern, string value)
        {
            if (SimplePattern.Parse(pattern) is null)
            {
                return false;
            }

            try
            {
                return System.Text.RegularExpressions.Regex.IsMatch(value, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));
            }
            catch (System.Exception e) when (e is System.ArgumentException || e is System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                // An unreadable pattern or a timeout: keep the check.
                return false;
            }
        }

        private static int CodePoints(string value)
        {
            var count = value.Length;
            for (var i = 1; i < value.Length; i++)
            {
                if (char.IsLowSurrogate(value[i]) && char.IsHighSurrogate(value[i - 1]))
                {
                    count--;
                }
            }

            return count;
        }
    }
}
