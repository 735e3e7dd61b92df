using System;
using System.Collections.Generic;
using System.IO;
using Alexandria.Agents.Providers;
using Microsoft.Extensions.Configuration;

namespace Alexandria.Providers.Tests.Configuration;

public sealed class ProviderSettingsTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Flags_override_the_section_which_overrides_the_provider_variables()
    {
        var config = Config(new()
        {
            ["Alexandria:Provider:Name"] = "openai",
            ["Alexandria:Provider:Model"] = "gpt-5.5",
            ["OPENAI_API_KEY"] = "k1",
            ["OPENAI_BASE_URL"] = "http://proxy.local/v1",
        });

        var fromConfig = ProviderSettings.FromConfiguration(config);
        var fromFlags = ProviderSettings.FromConfiguration(config, new ProviderOverrides(Model: "gpt-5.6", BaseUrl: "http://other.local/v1"));

        Assert.Equal(ProviderKind.OpenAI, fromConfig.Provider);
        Assert.Equal("gpt-5.5", fromConfig.Model);
        Assert.Equal(new Uri("http://proxy.local/v1"), fromConfig.BaseUrl);
        Assert.Equal("k1", fromConfig.ApiKey);
        Assert.Equal("gpt-5.6", fromFlags.Model);
        Assert.Equal(new Uri("http://other.local/v1"), fromFlags.BaseUrl);
        Assert.DoesNotContain("k1", fromConfig.ToString(), StringComparison.Ordinal);
        Assert.False(fromConfig.UsesOpenAiResponses);
        Assert.True(ProviderSettings.FromConfiguration(config, new ProviderOverrides(OpenAiApi: "responses")).UsesOpenAiResponses);
    }

    [Fact]
    public void OLLAMA_HOST_without_a_scheme_is_http()
    {
        var settings = ProviderSettings.FromConfiguration(Config(new() { ["OLLAMA_HOST"] = "gpu-box:11434" }), new ProviderOverrides("ollama", "llama3.2"));

        Assert.Equal(new Uri("http://gpu-box:11434"), settings.BaseUrl);
        Assert.Null(settings.ApiKey);
    }

    [Theory]
    [InlineData("Alexandria:Provider:CacheTtl", "2h", "CacheTtl must be 5m or 1h")]
    [InlineData("Alexandria:Provider:MaxOutputTokens", "-3", "MaxOutputTokens must be a positive integer")]
    [InlineData("Alexandria:Provider:BaseUrl", "ftp://x", "is not an absolute http(s) URL")]
    [InlineData("Alexandria:Provider:Name", "gemini", "Unknown provider 'gemini'")]
    [InlineData("Alexandria:Provider:OpenAiApi", "assistants", "OpenAiApi (--openai-api) must be chat or responses")]
    public void Bad_values_say_which_setting(string key, string value, string message)
    {
        var error = Assert.Throws<ProviderConfigurationException>(() => ProviderSettings.FromConfiguration(Config(new() { [key] = value, ["Alexandria:Provider:Name"] = key.EndsWith("Name", StringComparison.Ordinal) ? value : "openai" })));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_names_the_variable_and_a_missing_model_the_flag()
    {
        var noKey = new ProviderSettings { Provider = ProviderKind.OpenAI, Model = "gpt-5.6" };
        var noModel = new ProviderSettings { Provider = ProviderKind.Anthropic, ApiKey = "k" };

        Assert.Contains("set OPENAI_API_KEY", Assert.Throws<ProviderConfigurationException>(() => ProviderClients.Create(noKey)).Message, StringComparison.Ordinal);
        Assert.Contains("give --model", Assert.Throws<ProviderConfigurationException>(() => ProviderClients.Create(noModel)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_model_table_finds_models_by_longest_prefix_and_a_user_table_replaces_entries()
    {
        var shipped = ModelTable.Shipped;
        Assert.Equal(4096, shipped.Find("anthropic", "claude-haiku-4-5-20251001")!.MinCacheableTokens);
        Assert.Equal(512, shipped.Find("anthropic", "claude-opus-5")!.MinCacheableTokens);
        Assert.Equal(1024, shipped.Find("anthropic", "claude-something-new")!.MinCacheableTokens); // the provider default
        Assert.Equal(1024, shipped.Find("openai", "gpt-5.6")!.MinCacheableTokens);
        Assert.Null(shipped.FindModel("gpt-5.6")?.Prices);
        Assert.Equal(new ModelPrices(5m, 0.5m, null, 30m), shipped.FindModel("gpt-5.5-2026-04-23")!.Prices);
        Assert.Equal(new ModelPrices(0.75m, 0.075m, null, 4.5m), shipped.FindModel("gpt-5.4-mini")!.Prices); // not gpt-5.4's
        Assert.Equal(2.5m, shipped.FindModel("gpt-5.4")!.Prices!.Input);
        Assert.True(shipped.Find("openai", "gpt-5.6-mini")!.ExplicitBreakpoints); // GPT-5.6+: prompt_cache_breakpoint
        Assert.False(shipped.Find("openai", "gpt-5.5")!.ExplicitBreakpoints);
        Assert.False(shipped.Find("openai", "gpt-4.1")!.ExplicitBreakpoints); // the provider default

        var path = Path.Combine(Path.GetTempPath(), "model-table-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """
            { "format": "alexandria-model-table/1", "models": [
              { "provider": "openai", "model": "gpt-5.6", "min_cacheable_tokens": 1024, "cache_ttls": ["30m"],
                "price_per_million": { "input": 2, "cached_input": 0.2, "cache_write": 2.5, "output": 8 } },
              { "provider": "anthropic", "model": "claude-haiku-4-5", "min_cacheable_tokens": 2048 } ] }
            """);
        try
        {
            var merged = ModelTable.Load(path);
            Assert.Equal(2048, merged.Find("anthropic", "claude-haiku-4-5")!.MinCacheableTokens);
            Assert.Equal(8m, merged.FindModel("gpt-5.6-2026-09-01")!.Prices!.Output);
            Assert.Equal(512, merged.Find("anthropic", "claude-opus-5")!.MinCacheableTokens);
            Assert.False(merged.Find("openai", "gpt-5.6")!.ExplicitBreakpoints); // the user's entry says nothing: implicit
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_model_table_is_reported_with_its_path_and_pointer()
    {
        var error = Assert.Throws<ProviderConfigurationException>(() => ModelTable.Parse("""{"format":"alexandria-model-table/1","models":[{"provider":"openai","model":"x","price_per_million":{"input":"cheap"}}]}""", "mine.json"));

        Assert.Equal("mine.json: /models/0/price_per_million/input must be a number.", error.Message);
        var breakpoints = Assert.Throws<ProviderConfigurationException>(() => ModelTable.Parse("""{"format":"alexandria-model-table/1","models":[{"provider":"openai","model":"gpt-6","cache_breakpoints":"always"}]}""", "mine.json"));
        Assert.Equal("mine.json: /models/0/cache_breakpoints must be \"implicit\" or \"explicit\".", breakpoints.Message);
    }
}
