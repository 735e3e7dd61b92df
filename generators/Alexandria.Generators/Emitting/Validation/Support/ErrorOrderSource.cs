namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// The order a result lists its errors in, so that <c>Errors[0]</c> is the most specific: errors that say what
    /// is wrong at a location first, in the instance's document order, then the anyOf/oneOf errors that summarize
    /// them. Sorting runs only when there are errors; a valid instance never reaches it.
    /// </summary>
    internal static class ErrorOrderSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>Orders recorded errors for a <see cref="ValidationResult"/>; used only by generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class ErrorOrder
    {
        /// <summary>
        /// Leaf errors by where their location starts in <paramref name="root"/> (an object before its members, members
        /// and items in document order; errors at one location in evaluation order), then summaries in the order they
        /// were recorded, which puts an inner applicator's before the outer one's.
        /// </summary>
        public static ValidationError[] Sort(global::System.Collections.Generic.List<RecordedError> recorded, global::System.Text.Json.JsonElement root)
        {
            var count = recorded.Count;
            var order = new int[count];
            var positions = new int[count][];
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
                positions[i] = recorded[i].Summary ? global::System.Array.Empty<int>() : Position(root, recorded[i].Error.InstancePointer);
            }

            global::System.Array.Sort(order, (x, y) =>
            {
                var (a, b) = (recorded[x], recorded[y]);
                if (a.Summary != b.Summary) return a.Summary ? 1 : -1;
                var byPlace = a.Summary ? 0 : Compare(positions[x], positions[y]);
                return byPlace != 0 ? byPlace : x.CompareTo(y);
            });

            var errors = new ValidationError[count];
            for (var i = 0; i < count; i++)
            {
                errors[i] = recorded[order[i]].Error;
            }

            return errors;
        }

        /// <summary>Shorter first when one is a prefix of the other: a location comes before the locations inside it.</summary>
        private static int Compare(int[] a, int[] b)
        {
            var common = global::System.Math.Min(a.Length, b.Length);
            for (var i = 0; i < common; i++)
            {
                if (a[i] != b[i]) return a[i].CompareTo(b[i]);
            }

            return a.Length.CompareTo(b.Length);
        }

        /// <summary>
        /// The location as ordinals: for each step, the member's index among its object's members (the last of a
        /// repeated name, as TryGetProperty reads) or the item's index. A step that cannot be followed sorts last.
        /// </summary>
        private static int[] Position(global::System.Text.Json.JsonElement root, string pointer)
        {
            if (pointer.Length == 0)
            {
                return global::System.Array.Empty<int>();
            }

            var steps = pointer.Substring(1).Split('/');
            var position = new int[steps.Length];
            var current = root;
            for (var s = 0; s < steps.Length; s++)
            {
                var step = steps[s].Replace("~1", "/").Replace("~0", "~");
                var found = -1;
                var next = default(global::System.Text.Json.JsonElement);
                if (current.ValueKind == global::System.Text.Json.JsonValueKind.Object)
                {
                    var i = 0;
                    foreach (var member in current.EnumerateObject())
                    {
                        if (member.NameEquals(step))
                        {
                            found = i;
                            next = member.Value;
                        }

                        i++;
                    }
                }
                else if (current.ValueKind == global::System.Text.Json.JsonValueKind.Array
                         && int.TryParse(step, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out var index)
                         && index < current.GetArrayLength())
                {
                    found = index;
                    next = current[index];
                }

                if (found < 0)
                {
                    for (; s < steps.Length; s++) position[s] = int.MaxValue;
                    break;
                }

                position[s] = found;
                current = next;
            }

            return position;
        }
    }
}
""";
    }
}
