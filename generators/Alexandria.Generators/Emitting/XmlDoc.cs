namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// Writes contract descriptions as XML doc comments. Descriptions are free text from the contract,
    /// so they are escaped: a '&lt;' in a description must not break the generated file's docs.
    /// </summary>
    internal static class XmlDoc
    {
        public static void Summary(SourceWriter writer, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            writer.Line("/// <summary>");
            foreach (var line in Escape(text!).Split('\n'))
            {
                writer.Line("/// " + line.TrimEnd('\r'));
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
            writer.Line("/// <param name=\"" + parameter + "\">" + Escape(text!).Replace("\r", "").Replace("\n", " ") + "</param>");
        }

        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
