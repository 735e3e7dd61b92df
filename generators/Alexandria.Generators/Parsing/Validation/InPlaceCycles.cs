using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
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

        /// <summary>The cycles among <paramref name="methods"/>, searched from each in index order.</summary>
        public static List<Closing> Find(IReadOnlyList<SchemaMethodModel?> methods)
        {
            var found = new List<Closing>();
            var state = new byte[methods.Count]; // 0 unvisited, 1 on the path, 2 done
            var path = new List<int>();

            // Each method on the path with the index of its next edge (Edge numbers them): no enumerator per method.
            var stack = new Stack<(int Method, int Next)>();
            for (var root = 0; root < methods.Count; root++)
            {
                if (state[root] != 0)
                {
                    continue;
                }

                Enter(root);
                while (stack.Count > 0)
                {
                    var (method, next) = stack.Pop();
                    if (!Edge(methods[method]!, next, out var to, out var isReference))
                    {
                        path.RemoveAt(path.Count - 1);
                        state[method] = 2;
                        continue;
                    }

                    stack.Push((method, next + 1));
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
                stack.Push((method, 0));
            }
        }

        /// <summary>
        /// The <paramref name="number"/>th in-place edge of <paramref name="m"/>: its <c>$ref</c>, a static <c>$dynamicRef</c>, then
        /// <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>dependentSchemas</c>, <c>not</c>, <c>if</c>, <c>then</c>, <c>else</c>.
        /// </summary>
        private static bool Edge(SchemaMethodModel m, int number, out int to, out bool isReference)
        {
            isReference = true;
            if (m.Ref is int target && number-- == 0)
            {
                to = target;
                return true;
            }

            if (m.DynamicRef is { IsDynamic: false } dynamic && number-- == 0)
            {
                to = dynamic.Fallback;
                return true;
            }

            isReference = false;
            if (InList(m.AllOf, ref number, out to) || InList(m.AnyOf, ref number, out to) || InList(m.OneOf, ref number, out to))
            {
                return true;
            }

            if (number < m.DependentSchemas.Count)
            {
                to = m.DependentSchemas[number].Method;
                return true;
            }

            number -= m.DependentSchemas.Count;
            return Single(m.Not, ref number, out to) || Single(m.If, ref number, out to) || Single(m.Then, ref number, out to) || Single(m.Else, ref number, out to);
        }

        private static bool Single(int? method, ref int number, out int to)
        {
            to = method ?? -1;
            return method is not null && number-- == 0;
        }

        private static bool InList(EquatableArray<int> list, ref int number, out int to)
        {
            if (number < list.Count)
            {
                to = list[number];
                return true;
            }

            number -= list.Count;
            to = -1;
            return false;
        }
    }
}
