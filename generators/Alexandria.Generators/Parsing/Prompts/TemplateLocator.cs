using Alexandria.Generators.Json;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>Turns a span of a template's decoded text into its place inside the JSON string literal.</summary>
    internal sealed class TemplateLocator
    {
        private readonly ContractDocument _document;
        private readonly JsonString _template;
        private int[]? _offsets;

        public TemplateLocator(ContractDocument document, JsonString template)
        {
            _document = document;
            _template = template;
        }

        public SourceLocation Locate(int start, int length)
        {
            _offsets ??= JsonStringOffsets.Map(_document.File.Text, _template);
            var rawStart = _offsets[start];
            var rawEnd = _offsets[start + length];
            return SourceLocation.From(_document.File.Path, _document.Text, rawStart, rawEnd - rawStart);
        }
    }
}
