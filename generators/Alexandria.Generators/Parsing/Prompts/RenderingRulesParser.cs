using Alexandria.Generators.Json;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>Reads the manifest's <c>rendering</c> block; a missing rule keeps the format's default.</summary>
    internal static class RenderingRulesParser
    {
        public static PromptRenderingRules Parse(JsonNode? node)
        {
            var defaults = PromptRenderingRules.Default;
            if (node is not JsonObject rules)
            {
                return defaults;
            }

            return new PromptRenderingRules(
                rules.GetString("string_list_item_prefix") ?? defaults.ListItemPrefix,
                rules.GetString("string_list_separator") ?? defaults.ListSeparator,
                rules.GetString("empty_list") ?? defaults.EmptyList,
                rules.GetString("boolean_true") ?? defaults.BooleanTrue,
                rules.GetString("boolean_false") ?? defaults.BooleanFalse,
                rules.GetString("absent_optional") ?? defaults.AbsentOptional);
        }
    }
}
