using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Text
{
    /// <summary>
    /// Generated C# that is all ASCII (nearly all of it: only contract descriptions bring other characters), held as one
    /// byte per char: half the memory of the UTF-16 string <c>AddSource</c> would otherwise keep for every generated
    /// file, for as long as the compilation lives. The compiler reads it through <see cref="CopyTo"/> like any text.
    /// </summary>
    internal sealed class AsciiSourceText : SourceText
    {
        /// <summary>Chars copied out of a builder per step: the builder is read in pieces, never as one string.</summary>
        private const int Piece = 2048;

        [ThreadStatic]
        private static char[]? t_piece;

        private readonly byte[] _bytes;

        private AsciiSourceText(byte[] bytes) => _bytes = bytes;

        public override Encoding Encoding => Encoding.UTF8;

        public override int Length => _bytes.Length;

        public override char this[int position] => (char)_bytes[position];

        /// <summary>The text of <paramref name="builder"/> as ASCII bytes; null when it holds any other character.</summary>
        public static AsciiSourceText? TryCreate(StringBuilder builder)
        {
            var piece = t_piece ??= new char[Piece];
            var bytes = new byte[builder.Length];
            for (var start = 0; start < bytes.Length; start += Piece)
            {
                var count = Math.Min(Piece, bytes.Length - start);
                builder.CopyTo(start, piece, 0, count);
                for (var i = 0; i < count; i++)
                {
                    var c = piece[i];
                    if (c > '\x7F')
                    {
                        return null;
                    }

                    bytes[start + i] = (byte)c;
                }
            }

            return new AsciiSourceText(bytes);
        }

        public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
        {
            if (sourceIndex < 0 || count < 0 || sourceIndex > _bytes.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(sourceIndex));
            }

            if (destinationIndex < 0 || destinationIndex > destination.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(destinationIndex));
            }

            for (var i = 0; i < count; i++)
            {
                destination[destinationIndex + i] = (char)_bytes[sourceIndex + i];
            }
        }

        public override string ToString(TextSpan span)
        {
            if (span.End > _bytes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(span));
            }

            return Encoding.ASCII.GetString(_bytes, span.Start, span.Length);
        }
    }
}
