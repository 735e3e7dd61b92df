namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>Writes a contract description as an XML doc comment, escaped, one <c>///</c> line per line.</summary>
    internal static class DocComments
    {
        public static void Summary(SourceWriter writer, string description, string? source = null)
        {
            if (description.Length > 0)
            {
                writer.Line("/// <summary>");
                foreach (var line in XmlDoc.NormalizeLineBreaks(description).Split('\n'))
                {
                    writer.Line($"/// {Escape(line).TrimEnd()}");
                }

                writer.Line("/// </summary>");
            }

            if (source is not null)
            {
                // A member name in the pointer may hold a line break (fuzz seed 203460): written as its escape, it cannot
                // end the comment and put the rest of the name into the code.
                writer.Line($"/// <remarks>Generated from <c>{Escape(OneLine(source))}</c>.</remarks>");
            }
        }

        private static string OneLine(string text)
            => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\u0085", "\\u0085").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");

        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
