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
                foreach (var line in description.Replace("\r\n", "\n").Split('\n'))
                {
                    writer.Line("/// " + Escape(line).TrimEnd());
                }

                writer.Line("/// </summary>");
            }

            if (source is not null)
            {
                writer.Line("/// <remarks>Generated from <c>" + Escape(source) + "</c>.</remarks>");
            }
        }

        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
