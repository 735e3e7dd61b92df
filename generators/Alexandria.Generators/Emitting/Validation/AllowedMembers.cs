using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Emitting.Validation.Streaming;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// The members an object may have, as the message of a refused member names them: for
    /// <c>additionalProperties</c> the schema's own <c>properties</c> and <c>patternProperties</c>; for
    /// <c>unevaluatedProperties</c> also those of every subschema applied in place ($ref, allOf, anyOf, oneOf,
    /// if/then/else, dependentSchemas), since any of them may evaluate a member. Worked out at build time.
    /// </summary>
    internal static class AllowedMembers
    {
        /// <summary>The parenthesised hint after "member "x" is not allowed here".</summary>
        public static string Hint(ValidatorModel model, SchemaMethodModel method, bool throughApplicators)
        {
            var names = new List<string>();
            var patterns = new List<string>();
            var visited = new HashSet<int>();
            var pending = new Queue<int>();
            pending.Enqueue(method.Index);
            while (pending.Count > 0)
            {
                var m = model.Methods[pending.Dequeue()];
                if (!visited.Add(m.Index))
                {
                    continue;
                }

                foreach (var property in m.Properties)
                {
                    if (!names.Contains(property.Name)) names.Add(property.Name);
                }

                foreach (var pattern in m.PatternProperties)
                {
                    if (!patterns.Contains(pattern.Source)) patterns.Add(pattern.Source);
                }

                if (throughApplicators)
                {
                    foreach (var child in StreamingAnalysis.InPlaceMustPass(m).Concat(StreamingAnalysis.InPlaceConditional(m)))
                    {
                        pending.Enqueue(child);
                    }
                }
            }

            var allowed = names.Select(MessageText.Quote)
                .Concat(patterns.Select(p => "names matching " + MessageText.Cut(p, MessageText.MaxChars)))
                .ToList();
            if (allowed.Count == 0)
            {
                return throughApplicators ? "(no subschema evaluates it)" : "(no members are allowed)";
            }

            return "(allowed: " + MessageText.List(allowed) + ")";
        }
    }
}
