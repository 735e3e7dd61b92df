namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// The run-time state generated validators thread through their methods: the error list, the instance
    /// location, the dynamic scope (for <c>$dynamicRef</c>) and evaluated-location annotations (for
    /// <c>unevaluated*</c>). Internal: only generated code uses it.
    /// </summary>
    internal static class ValidationContextSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>State of one validation call; used only by generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal sealed class ValidationContext
    {
        private const int MaxReferenceDepth = 256;
        private readonly global::System.Collections.Generic.List<RecordedError>? _errors;
        private string?[] _names = new string?[16];
        private int[] _indices = new int[16];
        private int _pathLength;
        private int[] _scope = new int[8];
        private int _scopeLength;
        private int _depth;

        public ValidationContext(bool collect, bool assertFormats)
        {
            Collecting = collect;
            AssertFormats = assertFormats;
            _errors = collect ? new global::System.Collections.Generic.List<RecordedError>() : null;
        }

        /// <summary>False while only a verdict is needed (IsValid, not, if, contains): methods then stop at the first failure.</summary>
        public bool Collecting { get; private set; }

        public bool AssertFormats { get; }

        public int Mark => _errors is null ? 0 : _errors.Count;

        /// <summary>Records an error at the current instance location; returns whether evaluation should go on.</summary>
        public bool Fail(string keyword, string message, string schemaLocation) => Record(keyword, message, schemaLocation, summary: false);

        /// <summary>Records an error at member <paramref name="name"/> of the current object: the member is what is wrong (additionalProperties: false).</summary>
        public bool FailAt(string name, string keyword, string message, string schemaLocation)
        {
            Push(name);
            Record(keyword, message, schemaLocation, summary: false);
            Pop();
            return Collecting;
        }

        /// <summary>Records an error at item <paramref name="index"/> of the current array.</summary>
        public bool FailAt(int index, string keyword, string message, string schemaLocation)
        {
            Push(index);
            Record(keyword, message, schemaLocation, summary: false);
            Pop();
            return Collecting;
        }

        /// <summary>
        /// A pattern ran past its time limit (at the current location, or at member <paramref name="member"/>): the
        /// validation ends here, and the instance is refused with this one error. Ending it bounds a validation to one
        /// limit however many strings the instance holds, and no keyword around the pattern ('not', a losing 'anyOf'
        /// branch) can read "took too long" as "no match".
        /// </summary>
        public void RefuseTimedOut(string? member, string keyword, string message, string schemaLocation)
        {
            if (member is not null)
            {
                Push(member);
            }

            throw new PatternTimeoutException(new ValidationError(Pointer(), keyword, message, schemaLocation));
        }

        /// <summary>Records an applicator's error that the errors before it explain (no branch of anyOf/oneOf matched); the result lists it after them.</summary>
        public bool Summarize(string keyword, string message, string schemaLocation) => Record(keyword, message, schemaLocation, summary: true);

        private bool Record(string keyword, string message, string schemaLocation, bool summary)
        {
            if (Collecting)
            {
                _errors!.Add(new RecordedError(new ValidationError(Pointer(), keyword, message, schemaLocation), summary));
            }

            return Collecting;
        }

        public bool Suspend()
        {
            var was = Collecting;
            Collecting = false;
            return was;
        }

        public void Resume(bool was) => Collecting = was;

        /// <summary>Removes and returns the errors recorded since <paramref name="mark"/> (a failed branch's errors).</summary>
        public global::System.Collections.Generic.List<RecordedError>? Cut(int mark)
        {
            if (_errors is null || _errors.Count <= mark)
            {
                return null;
            }

            var cut = _errors.GetRange(mark, _errors.Count - mark);
            _errors.RemoveRange(mark, _errors.Count - mark);
            return cut;
        }

        public void Restore(global::System.Collections.Generic.List<RecordedError>? errors)
        {
            if (errors is not null && Collecting)
            {
                _errors!.AddRange(errors);
            }
        }

        /// <summary>Of two failed branches, the one with fewer errors is the likelier intended one.</summary>
        public static global::System.Collections.Generic.List<RecordedError>? Fewer(
            global::System.Collections.Generic.List<RecordedError>? best,
            global::System.Collections.Generic.List<RecordedError>? candidate)
            => candidate is null ? best : best is null || candidate.Count < best.Count ? candidate : best;

        public void Push(string name)
        {
            Grow();
            _names[_pathLength++] = name;
        }

        public void Push(int index)
        {
            Grow();
            _names[_pathLength] = null;
            _indices[_pathLength++] = index;
        }

        public void Pop() => _pathLength--;

        /// <summary>The RFC 6901 pointer of the current instance location.</summary>
        public string Pointer()
        {
            if (_pathLength == 0)
            {
                return "";
            }

            var builder = new global::System.Text.StringBuilder();
            for (var i = 0; i < _pathLength; i++)
            {
                builder.Append('/');
                if (_names[i] is string name)
                {
                    builder.Append(name.Replace("~", "~0").Replace("/", "~1"));
                }
                else
                {
                    builder.Append(_indices[i].ToString(global::System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        public void Enter(int resource)
        {
            if (_scopeLength == _scope.Length)
            {
                global::System.Array.Resize(ref _scope, _scope.Length * 2);
            }

            _scope[_scopeLength++] = resource;
        }

        public void Exit() => _scopeLength--;

        /// <summary>The index in <paramref name="resources"/> of the outermost one in the dynamic scope, or -1.</summary>
        public int Outermost(int[] resources)
        {
            for (var i = 0; i < _scopeLength; i++)
            {
                var found = global::System.Array.IndexOf(resources, _scope[i]);
                if (found >= 0)
                {
                    return found;
                }
            }

            return -1;
        }

        /// <summary>Guards reference cycles that never consume the instance (a schema that refers to itself in place).</summary>
        public bool Descend(string schemaLocation)
        {
            if (_depth >= MaxReferenceDepth)
            {
                Fail("$ref", "the schema refers to itself more than " + MaxReferenceDepth + " times without moving through the instance", schemaLocation);
                return false;
            }

            _depth++;
            return true;
        }

        public void Ascend() => _depth--;

        /// <summary>The errors, most specific first (<see cref="ErrorOrder"/>); <paramref name="root"/> is the validated instance.</summary>
        public ValidationResult ToResult(global::System.Text.Json.JsonElement root)
            => _errors is null || _errors.Count == 0 ? ValidationResult.Valid : new ValidationResult(ErrorOrder.Sort(_errors, root));

        private void Grow()
        {
            if (_pathLength == _names.Length)
            {
                global::System.Array.Resize(ref _names, _names.Length * 2);
                global::System.Array.Resize(ref _indices, _indices.Length * 2);
            }
        }
    }

    /// <summary>One error as recorded, and whether it summarizes the errors recorded before it.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal readonly struct RecordedError
    {
        public RecordedError(ValidationError error, bool summary)
        {
            Error = error;
            Summary = summary;
        }

        public ValidationError Error { get; }

        public bool Summary { get; }
    }

    /// <summary>
    /// Which members and items of one instance some subschema has evaluated, for <c>unevaluatedProperties</c>
    /// and <c>unevaluatedItems</c>. Created only where those keywords can see it.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal sealed class EvaluatedSet
    {
        private global::System.Collections.Generic.HashSet<string>? _names;
        private global::System.Collections.Generic.HashSet<int>? _indices;
        private bool _allNames;
        private bool _allItems;
        private int _prefix;

        public void AddName(string name)
        {
            if (!_allNames)
            {
                (_names ??= new global::System.Collections.Generic.HashSet<string>(global::System.StringComparer.Ordinal)).Add(name);
            }
        }

        public void AddAllNames() => _allNames = true;

        public void AddIndex(int index)
        {
            if (!_allItems && index >= _prefix)
            {
                (_indices ??= new global::System.Collections.Generic.HashSet<int>()).Add(index);
            }
        }

        public void AddPrefix(int count)
        {
            if (count > _prefix)
            {
                _prefix = count;
            }
        }

        public void AddAllItems() => _allItems = true;

        public bool HasName(string name) => _allNames || (_names is not null && _names.Contains(name));

        public bool HasIndex(int index) => _allItems || index < _prefix || (_indices is not null && _indices.Contains(index));

        public void Merge(EvaluatedSet? other)
        {
            if (other is null || ReferenceEquals(other, this))
            {
                return;
            }

            _allNames |= other._allNames;
            _allItems |= other._allItems;
            AddPrefix(other._prefix);
            if (other._names is not null)
            {
                foreach (var name in other._names)
                {
                    AddName(name);
                }
            }

            if (other._indices is not null)
            {
                foreach (var index in other._indices)
                {
                    AddIndex(index);
                }
            }
        }
    }
}
""";
    }
}
