namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// Writes XML doc comments. Contract descriptions are free text, so <see cref="Summary"/> escapes
    /// them: a '&lt;' in a description must not break the generated file's docs. Text the emitter composes
    /// with its own tags goes through <see cref="SummaryXml"/> with the contract parts escaped by the caller.
    /// </summary>
    internal static class XmlDoc
    {
        public static void Summary(SourceWriter writer, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                SummaryXml(writer, Escape(text!));
            }
        }

        public static void SummaryXml(SourceWriter writer, string xml)
        {
            xml = NormalizeLineBreaks(xml).Trim();
            if (xml.IndexOf('\n') < 0)
            {
                writer.Line("/// <summary>" + xml + "</summary>");
                return;
            }

            writer.Line("/// <summary>");
            foreach (var line in xml.Split('\n'))
            {
                writer.Line("/// " + line);
            }

            writer.Line("/// </summary>");
        }

        public static void Param(SourceWriter writer, string name, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var parameter = name.StartsWith("@", System.StringComparison.Ordinal) ? name.Substring(1) : name;
            writer.Line("/// <param name=\"" + parameter + "\">" + NormalizeLineBreaks(Escape(text!)).Replace("\n", " ") + "</param>");
        }

        /// <summary>
        /// Every character C# ends a line at (CR, LF, NEL, LS, PS) becomes one '\n', so a description can never end
        /// the <c>///</c> comment it is written in and put its own text into the generated code.
        /// </summary>
        public static string NormalizeLineBreaks(string text)
            => text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u0085', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n');

        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
