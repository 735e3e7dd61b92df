using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// Finds recursion with no base case: a cycle of schemas that apply to the same instance location
    /// (<c>$ref</c>, a static <c>$dynamicRef</c>, <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>, <c>not</c>,
    /// <c>if</c>/<c>then</c>/<c>else</c>, <c>dependentSchemas</c>). Recursion through <c>properties</c>, <c>items</c>
    /// and the other keywords that descend into the instance ends with the instance; this kind never ends, so a
    /// generated validator would overflow the stack on any input. Iterative, so a long reference chain cannot
    /// overflow the generator's own stack.
    /// </summary>
    internal static class InPlaceCycles
    {
        /// <summary>An edge that closes a cycle, and the cycle's schemas in order (from the edge's target round to its source).</summary>
        public sealed class Closing
        {
            public Closing(int from, int to, bool isReference, IReadOnlyList<int> cycle)
            {
                From = from;
                To = to;
                IsReference = isReference;
                Cycle = cycle;
            }

            public int From { get; }

            public int To { get; }

            /// <summary>The edge is the source's <c>$ref</c>/<c>$dynamicRef</c> (else an applicator subschema).</summary>
            public bool IsReference { get; }

            public IReadOnlyList<int> Cycle { get; }
        }

        public static List<Closing> Find(IReadOnlyList<SchemaMethodModel> methods, IEnumerable<int> roots)
        {
            var found = new List<Closing>();
            var state = new byte[methods.Count]; // 0 unvisited, 1 on the path, 2 done
            var path = new List<int>();
            var stack = new Stack<(int Method, IEnumerator<(int To, bool IsReference)> Edges)>();
            foreach (var root in roots)
            {
                if (state[root] != 0)
                {
                    continue;
                }

                Enter(root);
                while (stack.Count > 0)
                {
                    var (method, edges) = stack.Peek();
                    if (!edges.MoveNext())
                    {
                        stack.Pop();
                        path.RemoveAt(path.Count - 1);
                        state[method] = 2;
                        continue;
                    }

                    var (to, isReference) = edges.Current;
                    if (state[to] == 1)
                    {
                        found.Add(new Closing(method, to, isReference, path.Skip(path.IndexOf(to)).ToList()));
                    }
                    else if (state[to] == 0)
                    {
                        Enter(to);
                    }
                }
            }

            return found;

            void Enter(int method)
            {
                state[method] = 1;
                path.Add(method);
                stack.Push((method, Edges(methods[method]).GetEnumerator()));
            }
        }

        private static IEnumerable<(int To, bool IsReference)> Edges(SchemaMethodModel m)
        {
            if (m.Ref is int target)
            {
                yield return (target, true);
            }

            if (m.DynamicRef is { IsDynamic: false } dynamic)
            {
                yield return (dynamic.Fallback, true);
            }

            var applied = m.AllOf.Concat(m.AnyOf).Concat(m.OneOf).Concat(m.DependentSchemas.Select(d => d.Method));
            foreach (var sub in applied.Concat(new[] { m.Not, m.If, m.Then, m.Else }.OfType<int>()))
            {
                yield return (sub, false);
            }
        }
    }
}
