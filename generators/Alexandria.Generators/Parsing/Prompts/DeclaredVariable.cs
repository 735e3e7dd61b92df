using Alexandria.Generators.Json;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>A variable as parsed, with the node its diagnostics point at. Parse-time only, never in a model.</summary>
    internal sealed class DeclaredVariable
    {
        public DeclaredVariable(PromptVariableSpec spec, JsonString nameNode)
        {
            Spec = spec;
            NameNode = nameNode;
        }

        public PromptVariableSpec Spec { get; set; }

        public JsonString NameNode { get; }
    }
}
