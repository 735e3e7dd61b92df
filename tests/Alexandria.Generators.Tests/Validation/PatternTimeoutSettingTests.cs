using System;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>AppContext settings are process-wide: tests that change one run alone.</summary>
[CollectionDefinition(nameof(ProcessWideSettings), DisableParallelization = true)]
public sealed class ProcessWideSettings;

/// <summary>The match time limit comes from one place, the AppContext setting, read when the assembly first matches a pattern.</summary>
[Collection(nameof(ProcessWideSettings))]
public sealed class PatternTimeoutSettingTests
{
    private const string Setting = "Alexandria.Validation.PatternTimeout";

    [Fact]
    public void The_AppContext_setting_sets_the_limit_of_every_pattern_and_the_message_names_it()
    {
        const string schema = """{ "properties": { "v": { "pattern": "^(?=a)(a+)+$" } } }""";
        var json = "{\"v\": \"" + new string('a', 40) + "!\"}";
        AppContext.SetData(Setting, "100");
        try
        {
            var validators = CompiledValidators.From(new GeneratorHarness().WithContract("/c/limited.json", schema, ("AlexandriaEmit", "validators")));

            var error = Assert.Single(validators.Validate("LimitedValidator", json));

            Assert.Equal(TimeSpan.FromMilliseconds(100), (TimeSpan)validators.SupportType("PatternMatching").GetProperty("Timeout")!.GetValue(null)!);
            Assert.Contains("took longer than 100 ms to match the pattern", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            AppContext.SetData(Setting, null);
        }
    }
}
