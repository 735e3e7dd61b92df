using System.Text;

namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// A piece of C# made of up to five strings (<c>"n &lt; " + limit</c>), written straight into a line
    /// (<see cref="SourceWriter.LineHandler"/>): conditions and calls the emitters assemble from parts are not joined into
    /// a string first. A plain string converts to it, so a method taking one takes either.
    /// </summary>
    internal readonly struct CSharpCode
    {
        private readonly string? _first;
        private readonly string? _second;
        private readonly string? _third;
        private readonly string? _fourth;
        private readonly string? _fifth;

        public CSharpCode(string? first, string? second = null, string? third = null, string? fourth = null, string? fifth = null)
        {
            _first = first;
            _second = second;
            _third = third;
            _fourth = fourth;
            _fifth = fifth;
        }

        public static implicit operator CSharpCode(string text) => new CSharpCode(text);

        public void AppendTo(StringBuilder builder) => builder.Append(_first).Append(_second).Append(_third).Append(_fourth).Append(_fifth);

        public override string ToString() => string.Concat(_first, _second, _third, _fourth) + _fifth;
    }
}
