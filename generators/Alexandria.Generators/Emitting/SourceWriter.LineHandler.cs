using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace Alexandria.Generators.Emitting
{
    internal sealed partial class SourceWriter
    {
        /// <summary>
        /// Writes an interpolated line (<c>w.Line($"if ({condition}) return false;")</c>) piece by piece into the
        /// writer's builder: no string is made for the line itself. Concatenating each line first allocated the
        /// generated text once or twice more before it was copied into the builder.
        /// </summary>
        [InterpolatedStringHandler]
        public readonly ref struct LineHandler
        {
            private readonly StringBuilder _builder;

            public LineHandler(int literalLength, int formattedCount, SourceWriter writer)
            {
                _builder = writer.Builder;
                Start = _builder.Length;
                Indent = writer._indentation * 4;
                _builder.Append(' ', Indent);
            }

            /// <summary>Where the line starts in the builder (its indentation comes first).</summary>
            internal int Start { get; }

            internal int Indent { get; }

            public void AppendLiteral(string value) => _builder.Append(value);

            public void AppendFormatted(string? value) => _builder.Append(value);

            public void AppendFormatted(char value) => _builder.Append(value);

            public void AppendFormatted(int value) => _builder.Append(value);

            public void AppendFormatted(long value) => _builder.Append(value);

            public void AppendFormatted(CSharpLiteral value) => value.AppendTo(_builder);

            public void AppendFormatted(CSharpCode value) => value.AppendTo(_builder);

            /// <summary>Any other value as string concatenation would have written it (<c>ToString()</c>, current culture).</summary>
            public void AppendFormatted<T>(T value) => _builder.Append(value is IFormattable formattable ? formattable.ToString(null, null) : value?.ToString());
        }

        /// <summary>An interpolated line, written in place; the same output as <see cref="Line(string)"/> of the same text.</summary>
        public SourceWriter Line([InterpolatedStringHandlerArgument("")] ref LineHandler line)
        {
            var builder = Builder;
            var textStart = line.Start + line.Indent;
            var length = builder.Length - textStart;
            if (length == 0)
            {
                builder.Length = line.Start;
                builder.Append('\n');
                return this;
            }

            for (var i = textStart; i < builder.Length; i++)
            {
                var c = builder[i];
                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    // Rare (a hole that holds several lines, or contract text with a line break in a comment): the
                    // general path indents each line and keeps comments closed.
                    var text = builder.ToString(textStart, length);
                    builder.Length = line.Start;
                    return Line(text);
                }
            }

            builder.Append('\n');
            return this;
        }

        /// <summary><see cref="OpenBlock(string)"/> with an interpolated header, written in place.</summary>
        public Block OpenBlock([InterpolatedStringHandlerArgument("")] ref LineHandler header)
        {
            Line(ref header);
            Line("{");
            _indentation++;
            return new Block(this, "}");
        }

        /// <summary><see cref="OpenBlock(string, string)"/> with an interpolated header, written in place.</summary>
        public Block OpenBlock([InterpolatedStringHandlerArgument("")] ref LineHandler header, string closing)
        {
            Line(ref header);
            Line("{");
            _indentation++;
            return new Block(this, closing);
        }
    }
}
