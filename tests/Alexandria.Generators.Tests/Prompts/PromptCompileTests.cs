using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Prompts;

public sealed class PromptCompileTests
{
    private const string Consumer = """
        using Alexandria.Contracts;
        using Alexandria.Contracts.Prompts;

        namespace Consumer;

        public static class TriageClient
        {
            public static string Describe()
            {
                RenderedPrompt prompt = TriagePrompt.Render("tools", ticketId: 7, priority: 1.5, urgent: false, body: "b", labels: new[] { "x" });
                System.Type? output = TriagePrompt.OutputType;
                PromptDescriptor? found = PromptCatalog.Find(TriagePrompt.Id);
                return prompt.Text + prompt.PrefixHash + output + found?.ContentHash + TriagePrompt.TemplateBreakpoints.Ticket + PromptCatalog.All.Count;
            }

            // The output type is visible to generic code, so a reply parser can be typed by the prompt.
            public static TOutput? ParseReply<TPrompt, TOutput>(string json) where TPrompt : IPromptWithOutput<TOutput> => default;

            public static TriageResult? Typed() => ParseReply<TriagePrompt, TriageResult>("{}");
        }
        """;

    [Fact]
    public void Synthetic_accessors_and_a_consumer_compile_without_warnings()
    {
        PromptContracts.AssertNoWarningsOrErrors(PromptContracts.Compile(PromptContracts.Triage, Consumer));
    }

    [Fact]
    public void Accessors_of_the_real_manifest_compile_without_warnings()
    {
        const string consumer = """
            namespace Consumer;

            public static class PlannerClient
            {
                public static string Render()
                    => global::Alexandria.Contracts.Prompts.PlannerPrompt.Render("tools", "objective", "{}", new[] { "e" }, new string[0]).Text;
            }
            """;

        new GeneratorHarness().WithRepositoryContracts().WithSource(consumer).Run().AssertCompiles();
    }

    [Fact]
    public void Renaming_a_variable_fails_the_consumer_build_at_the_call_site()
    {
        var renamed = PromptContracts.Triage
            .Replace("{{ticket_id}}", "{{ticket_number}}")
            .Replace("\"name\": \"ticket_id\"", "\"name\": \"ticket_number\"")
            .Replace("\"before_variable\": \"ticket_id\"", "\"before_variable\": \"ticket_number\"")
            .Replace("c8f0166c6e200d75a1b465215a2eb79a130d4d2bf8eabfb55ceb9861def56431", "1aa8c4e0fcbd48c00c4b2a44ac2cdf27c3b2a8c7ee1d5d0d0f44ff5b4d1ffc33");
        var model = PromptContracts.Parse(renamed);
        var hash = Assert.Single(model.Diagnostics, d => d.DescriptorId == "ALX0301").MessageArgs[2];
        renamed = renamed.Replace("1aa8c4e0fcbd48c00c4b2a44ac2cdf27c3b2a8c7ee1d5d0d0f44ff5b4d1ffc33", hash);

        var errors = PromptContracts.Compile(renamed, Consumer).GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();

        var error = Assert.Single(errors);
        Assert.Equal("CS1739", error.Id); // no parameter named 'ticketId'
        Assert.Equal("Consumer0.cs", error.Location.GetLineSpan().Path);
    }
}
