using System.Collections.Generic;
using System.Text.RegularExpressions;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>
    /// Cuts a template into literal text and <c>{{name}}</c> placeholders. Anything else with braces
    /// (JSON examples, a lone <c>{{</c>) is literal text, so templates can quote JSON freely.
    /// </summary>
    internal static class TemplateScanner
    {
        private static readonly Regex Placeholder = new Regex(@"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}", RegexOptions.CultureInvariant);

        public static List<TemplateSegment> Scan(string template)
        {
            var segments = new List<TemplateSegment>();
            var position = 0;
            foreach (Match match in Placeholder.Matches(template))
            {
                if (match.Index > position)
                {
                    segments.Add(new TemplateSegment(template.Substring(position, match.Index - position), null, position));
                }

                segments.Add(new TemplateSegment(match.Value, match.Groups[1].Value, match.Index));
                position = match.Index + match.Length;
            }

            if (position < template.Length)
            {
                segments.Add(new TemplateSegment(template.Substring(position), null, position));
            }

            return segments;
        }
    }
}
