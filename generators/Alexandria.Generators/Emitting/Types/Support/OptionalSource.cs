namespace Alexandria.Generators.Emitting.Types.Support
{
    /// <summary>
    /// <c>Optional&lt;T&gt;</c>, emitted once per compilation into the contracts' namespace: the type of a member that
    /// is optional AND allows null, so "absent" and "present but null" stay two different values (the shape
    /// proposed for System.Text.Json in dotnet/runtime#53868: <c>IsPresent</c>, <c>Value</c>, implicit from T).
    /// </summary>
    internal static class OptionalSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>
    /// A contract member that may be absent from the JSON and, when present, may be <c>null</c>: <c>default</c>
    /// is absent (the member is not written), and any assigned value, <c>null</c> included, is present
    /// (<c>Note = null</c> writes <c>"note": null</c>). Used only for members that are optional and nullable;
    /// required members and optional members that cannot be null are plain <c>T</c> / <c>T?</c>.
    /// </summary>
    /// <typeparam name="T">The member's type, nullable (e.g. <c>string?</c>, <c>long?</c>).</typeparam>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    public readonly struct Optional<T> : global::System.IEquatable<Optional<T>>
    {
        private readonly T _value;

        /// <summary>A present value (which may be <c>null</c>).</summary>
        public Optional(T value)
        {
            _value = value;
            IsPresent = true;
        }

        /// <summary>The absent member, the same as <c>default</c>.</summary>
        public static Optional<T> Absent => default;

        /// <summary>Whether the member is present in the JSON (its value may still be <c>null</c>).</summary>
        public bool IsPresent { get; }

        /// <summary>The value of a present member, <c>null</c> included.</summary>
        /// <exception cref="global::System.InvalidOperationException">The member is absent.</exception>
        public T Value => IsPresent ? _value : throw new global::System.InvalidOperationException("The member is absent; check IsPresent, or use GetValueOrDefault().");

        /// <summary>The value when present, otherwise <c>default</c> (<c>null</c> for the nullable types this wraps).</summary>
        public T GetValueOrDefault() => _value;

        /// <summary>The value when present (even if it is <c>null</c>), otherwise <paramref name="fallback"/>.</summary>
        public T GetValueOrDefault(T fallback) => IsPresent ? _value : fallback;

        /// <summary>Gets the value of a present member.</summary>
        public bool TryGetValue(out T value)
        {
            value = _value;
            return IsPresent;
        }

        /// <summary>Makes a present member: <c>Note = null</c> and <c>Note = "text"</c> are both present.</summary>
        public static implicit operator Optional<T>(T value) => new Optional<T>(value);

        /// <summary>The value of a present member.</summary>
        /// <exception cref="global::System.InvalidOperationException">The member is absent.</exception>
        public static explicit operator T(Optional<T> optional) => optional.Value;

        /// <inheritdoc/>
        public bool Equals(Optional<T> other)
            => IsPresent == other.IsPresent && (!IsPresent || global::System.Collections.Generic.EqualityComparer<T>.Default.Equals(_value, other._value));

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => IsPresent ? (_value is null ? 1 : global::System.HashCode.Combine(1, _value)) : 0;

        /// <summary>The value, <c>null</c>, or <c>&lt;absent&gt;</c>.</summary>
        public override string ToString() => IsPresent ? _value?.ToString() ?? "null" : "<absent>";

        /// <summary>Whether both are absent, or both present with equal values.</summary>
        public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

        /// <summary>Whether they differ in presence or value.</summary>
        public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);
    }
}
""";
    }
}
