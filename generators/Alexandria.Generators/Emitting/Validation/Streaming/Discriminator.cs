using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// A <c>oneOf</c>/<c>anyOf</c> whose branches each require an object, require <see cref="Property"/>, and
    /// fix it to a distinct string <c>const</c>: <see cref="Values"/>[i] for branch i.
    /// </summary>
    internal sealed class Discriminator
    {
        public Discriminator(string property, List<string> values)
        {
            Property = property;
            Values = values;
        }

        public string Property { get; }

        public List<string> Values { get; }

        /// <summary>
        /// Finds the discriminator of <paramref name="branches"/>, or null. With one, only the branch named by the
        /// instance's value can pass (every other fails its const or required, a non-object fails every type), so
        /// validating that branch alone gives the verdict of evaluating them all, for oneOf and anyOf alike.
        /// </summary>
        public static Discriminator? Find(ValidatorModel model, EquatableArray<int> branches)
        {
            if (branches.Count < 2)
            {
                return null;
            }

            var closures = branches.Select(b => MustPassClosure(model, b)).ToList();
            if (closures.Any(c => !c.Any(m => model.Methods[m].Types == JsonTypes.Object)))
            {
                return null;
            }

            // A $dynamicRef may resolve elsewhere than its static fallback at run time: its branch's const is not known here.
            if (closures.Any(c => c.Any(m => model.Methods[m].DynamicRef is { IsDynamic: true })))
            {
                return null;
            }

            var candidates = closures[0].SelectMany(m => model.Methods[m].Required).Distinct().OrderBy(n => n, System.StringComparer.Ordinal);
            foreach (var property in candidates)
            {
                var values = new List<string>();
                foreach (var closure in closures)
                {
                    var value = closure.Any(m => model.Methods[m].Required.Contains(property)) ? ConstantOf(model, closure, property) : null;
                    if (value is null || values.Contains(value) || !Utf8Literals.IsWellFormed(value))
                    {
                        break;
                    }

                    values.Add(value);
                }

                if (values.Count == branches.Count && Utf8Literals.IsWellFormed(property))
                {
                    return new Discriminator(property, values);
                }
            }

            return null;
        }

        /// <summary>The one string a branch's <c>properties</c> fix <paramref name="property"/> to, or null.</summary>
        private static string? ConstantOf(ValidatorModel model, HashSet<int> closure, string property)
        {
            var values = new HashSet<string>();
            foreach (var method in closure)
            {
                foreach (var declared in model.Methods[method].Properties.Where(p => p.Name == property))
                {
                    foreach (var valueSchema in MustPassClosure(model, declared.Method))
                    {
                        var m = model.Methods[valueSchema];
                        if (m.Const is int constant && model.Constants[constant].StringValue is string text)
                        {
                            values.Add(text);
                        }
                        else if (m.HasEnum && m.Enum.Count == 1 && model.Constants[m.Enum[0]].StringValue is string only)
                        {
                            values.Add(only);
                        }
                    }
                }
            }

            return values.Count == 1 ? values.First() : null;
        }

        private static HashSet<int> MustPassClosure(ValidatorModel model, int method)
        {
            var closure = new HashSet<int>();
            var pending = new Stack<int>();
            pending.Push(method);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                if (closure.Add(next))
                {
                    foreach (var child in StreamingAnalysis.InPlaceMustPass(model.Methods[next]))
                    {
                        pending.Push(child);
                    }
                }
            }

            return closure;
        }
    }
}
