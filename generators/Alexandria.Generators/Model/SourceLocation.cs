using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Model
{
    /// <summary>
    /// A place in a contract file as plain values (path, span, line span), so models that carry it stay
    /// equatable and pin no syntax tree. Becomes a <see cref="Location"/> only when reported.
    /// </summary>
    internal sealed record SourceLocation(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        public Location ToLocation() => Location.Create(
            FilePath,
            new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));

        public static SourceLocation From(string filePath, SourceText text, int start, int length)
        {
            if (start > text.Length) start = text.Length;
            if (start + length > text.Length) length = text.Length - start;
            var span = text.Lines.GetLinePositionSpan(new TextSpan(start, length));
            return new SourceLocation(filePath, start, length, span.Start.Line, span.Start.Character, span.End.Line, span.End.Character);
        }
    }
}
