using System;
using System.Text;
using Alexandria.Generators.Text;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// A small indented text writer for generated C#. Every emitter writes through it so output is
    /// uniformly indented with four spaces and uses '\n' line endings on every platform.
    /// </summary>
    internal sealed partial class SourceWriter
    {
        /// <summary>Builders above this many chars are not kept: one huge file should not pin its buffer.</summary>
        private const int MaxPooledCapacity = 1 << 20;

        /// <summary>
        /// One builder kept per thread between files: a generator run writes hundreds of files, and growing a fresh
        /// builder for each allocated its text a second time in chunks. Per thread, because the IDE may run several
        /// generator drivers at once; a writer opened while another is open gets a builder of its own.
        /// </summary>
        [ThreadStatic]
        private static StringBuilder? t_spare;

        private StringBuilder? _builder;
        private string? _text;
        private int _indentation;

        public SourceWriter()
        {
            _builder = t_spare ?? new StringBuilder(4096);
            t_spare = null;
        }

        public int Indentation
        {
            get => _indentation;
            set => _indentation = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
        }

        private StringBuilder Builder => _builder ?? throw new InvalidOperationException("a SourceWriter was written to after its text was taken");

        public SourceWriter Line(string text = "")
        {
            var builder = Builder;
            if (text.Length == 0)
            {
                builder.Append('\n');
                return this;
            }

            // Multi-line text keeps the current indentation on each of its lines; each line is appended from the
            // text in place (no substring per line: the emitters write every generated line through here).
            var start = 0;
            while (start <= text.Length)
            {
                var end = text.IndexOf('\n', start);
                var stop = end < 0 ? text.Length : end;
                while (stop > start && text[stop - 1] == '\r')
                {
                    stop--;
                }

                if (stop > start)
                {
                    builder.Append(' ', _indentation * 4);
                    AppendLine(builder, text, start, stop - start);
                }
                else
                {
                    builder.Append('\n');
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
        private void AppendLine(StringBuilder builder, string text, int start, int length)
        {
            var first = start;
            while (first < start + length && char.IsWhiteSpace(text[first]))
            {
                first++;
            }

            var isComment = first + 1 < start + length && text[first] == '/' && text[first + 1] == '/';
            if (isComment && text.IndexOfAny(LineBreaks, start, length) >= 0)
            {
                var prefix = first + 2 < start + length && text[first + 2] == '/' ? "/// " : "// ";
                var line = text.Substring(start, length);
                builder.Append(string.Join("\n" + new string(' ', _indentation * 4) + prefix, line.Split(LineBreaks)));
            }
            else
            {
                builder.Append(text, start, length);
            }

            builder.Append('\n');
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

        /// <summary>The text written. Taking it ends the writer: its builder goes back to the thread's spare.</summary>
        public override string ToString()
        {
            if (_builder is { } builder)
            {
                _text = builder.ToString();
                Release(builder);
            }

            return _text!;
        }

        /// <summary>
        /// The text written as the compiler keeps it (<see cref="AsciiSourceText"/> when it is all ASCII): no string
        /// of it is made. Like <see cref="ToString"/>, this ends the writer.
        /// </summary>
        public SourceText ToSourceText()
        {
            if (_builder is { } builder && AsciiSourceText.TryCreate(builder) is { } ascii)
            {
                Release(builder);
                return ascii;
            }

            return SourceText.From(ToString(), Encoding.UTF8);
        }

        private void Release(StringBuilder builder)
        {
            _builder = null;
            if (builder.Capacity <= MaxPooledCapacity && (t_spare is null || t_spare.Capacity < builder.Capacity))
            {
                builder.Clear();
                t_spare = builder;
            }
        }

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
