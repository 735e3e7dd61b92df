using System;
using System.Text;

namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// A small indented text writer for generated C#. Every emitter writes through it so output is
    /// uniformly indented with four spaces and uses '\n' line endings on every platform.
    /// </summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indentation;

        public int Indentation
        {
            get => _indentation;
            set => _indentation = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
        }

        public SourceWriter Line(string text = "")
        {
            if (text.Length == 0)
            {
                _builder.Append('\n');
                return this;
            }

            // Multi-line text keeps the current indentation on each of its lines.
            var start = 0;
            while (start <= text.Length)
            {
                var end = text.IndexOf('\n', start);
                var line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
                line = line.TrimEnd('\r');
                if (line.Length > 0)
                {
                    _builder.Append(' ', _indentation * 4);
                    AppendLine(line);
                }
                else
                {
                    _builder.Append('\n');
                }

                if (end < 0)
                {
                    break;
                }

                start = end + 1;
            }

            return this;
        }

        /// <summary>
        /// C# also ends a line at CR, NEL (U+0085), LS (U+2028) and PS (U+2029): in a comment, contract text holding
        /// one would end the comment and become code, so the comment goes on after each of them instead.
        /// </summary>
        private void AppendLine(string line)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("//", StringComparison.Ordinal) && line.IndexOfAny(LineBreaks) >= 0)
            {
                var prefix = trimmed.StartsWith("///", StringComparison.Ordinal) ? "/// " : "// ";
                line = string.Join("\n" + new string(' ', _indentation * 4) + prefix, line.Split(LineBreaks));
            }

            _builder.Append(line);
            _builder.Append('\n');
        }

        private static readonly char[] LineBreaks = { '\r', '\u0085', '\u2028', '\u2029' };

        /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
        public Block OpenBlock(string header)
        {
            Line(header);
            Line("{");
            _indentation++;
            return new Block(this, "}");
        }

        /// <summary>Like <see cref="OpenBlock"/>, for initializers and lambdas that close with a suffix such as "};".</summary>
        public Block OpenBlock(string header, string closing)
        {
            Line(header);
            Line("{");
            _indentation++;
            return new Block(this, closing);
        }

        public override string ToString() => _builder.ToString();

        public readonly struct Block : IDisposable
        {
            private readonly SourceWriter _writer;
            private readonly string _closing;

            public Block(SourceWriter writer, string closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._indentation--;
                _writer.Line(_closing);
            }
        }
    }
}
