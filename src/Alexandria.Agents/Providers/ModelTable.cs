using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Agents.Providers;

/// <summary>USD per million tokens.</summary>
/// <param name="Input">Uncached input.</param>
/// <param name="CachedInput">Input read from the prompt cache.</param>
/// <param name="CacheWrite">Input written to the prompt cache (null: billed as <paramref name="Input"/>).</param>
/// <param name="Output">Output.</param>
public sealed record ModelPrices(decimal Input, decimal CachedInput, decimal? CacheWrite, decimal Output);

/// <summary>What the table says about one model (or, with an empty <paramref name="Model"/>, a provider's default).</summary>
/// <param name="Provider"><c>openai</c>, <c>anthropic</c> or <c>ollama</c>.</param>
/// <param name="Model">A model id, matched exactly or as the longest prefix of the id a request names.</param>
/// <param name="MinCacheableTokens">The shortest prefix the provider caches, or null when unknown or not applicable.</param>
/// <param name="CacheTtls">Cache lifetimes the model supports.</param>
/// <param name="Prices">Prices, or null when the table has none.</param>
/// <param name="Source">Where the numbers come from, and when.</param>
public sealed record ModelEntry(string Provider, string Model, int? MinCacheableTokens, IReadOnlyList<string> CacheTtls, ModelPrices? Prices, string? Source)
{
    /// <summary>
    /// True when the model takes explicit cache breakpoints (<c>"cache_breakpoints": "explicit"</c>; OpenAI GPT-5.6+:
    /// <c>prompt_cache_breakpoint</c> on content parts). False (<c>"implicit"</c>, the default) when it caches the
    /// prefixes it chooses itself.
    /// </summary>
    public bool ExplicitBreakpoints { get; init; }
}

/// <summary>
/// Per-model prompt-cache minimums, TTLs and prices as data, not code: providers change them (Anthropic moved
/// minimums twice in 2026), so the CLI ships <c>model-table.json</c> and a user file with the same shape
/// (<c>--model-table</c> / <c>Alexandria:Provider:ModelTable</c>) replaces entries by provider and model.
/// </summary>
public sealed class ModelTable
{
    /// <summary>The format tag of a table file.</summary>
    public const string Format = "alexandria-model-table/1";

    private readonly IReadOnlyList<ModelEntry> _entries;

    private ModelTable(IReadOnlyList<ModelEntry> entries)
    {
        _entries = entries;
    }

    /// <summary>Every entry.</summary>
    public IReadOnlyList<ModelEntry> Entries => _entries;

    /// <summary>The table shipped with Alexandria.</summary>
    public static ModelTable Shipped { get; } = Parse(ReadShipped(), "model-table.json (shipped)");

    /// <summary>The shipped table with <paramref name="path"/>'s entries replacing those of the same provider and model.</summary>
    public static ModelTable Load(string? path)
    {
        if (path is null)
        {
            return Shipped;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProviderConfigurationException($"Cannot read the model table {path}: {e.Message}");
        }

        return Shipped.MergedWith(Parse(text, path));
    }

    /// <summary>Parses a table file; a bad one is reported with its path and the JSON position or member.</summary>
    public static ModelTable Parse(string json, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                throw new ProviderConfigurationException($"{where}: /format must be \"{Format}\".");
            }

            if (!root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
            {
                throw new ProviderConfigurationException($"{where}: /models must be an array.");
            }

            return new ModelTable(models.EnumerateArray().Select((m, i) => ReadEntry(m, $"{where}: /models/{i}")).ToList());
        }
        catch (JsonException e)
        {
            throw new ProviderConfigurationException($"{where}: not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }

    /// <summary>The entry for <paramref name="model"/> of <paramref name="provider"/>: exact id, else the longest prefix, else the provider's default (empty model).</summary>
    public ModelEntry? Find(string provider, string? model)
    {
        model ??= "";
        return _entries
            .Where(e => e.Provider == provider && model.StartsWith(e.Model, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Model.Length)
            .FirstOrDefault();
    }

    /// <summary>The entry of a model id whatever its provider (events record the model, not the provider): exact id, else the longest prefix; never a provider default.</summary>
    public ModelEntry? FindModel(string model)
        => _entries
            .Where(e => e.Model.Length > 0 && model.StartsWith(e.Model, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Model.Length)
            .FirstOrDefault();

    /// <summary>This table with <paramref name="other"/>'s entries replacing those of the same provider and model.</summary>
    public ModelTable MergedWith(ModelTable other)
    {
        var replaced = other._entries.Select(e => (e.Provider, e.Model.ToLowerInvariant())).ToHashSet();
        return new ModelTable(_entries.Where(e => !replaced.Contains((e.Provider, e.Model.ToLowerInvariant()))).Concat(other._entries).ToList());
    }

    private static ModelEntry ReadEntry(JsonElement entry, string where)
    {
        string Text(string name) => entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new ProviderConfigurationException($"{where}/{name} must be a string.");
        var provider = Text("provider");
        if (provider is not ("openai" or "anthropic" or "ollama"))
        {
            throw new ProviderConfigurationException($"{where}/provider must be openai, anthropic or ollama.");
        }

        int? minimum = entry.TryGetProperty("min_cacheable_tokens", out var min) && min.ValueKind == JsonValueKind.Number ? min.GetInt32() : null;
        var ttls = entry.TryGetProperty("cache_ttls", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : new List<string>();
        ModelPrices? prices = null;
        if (entry.TryGetProperty("price_per_million", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            decimal Price(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : throw new ProviderConfigurationException($"{where}/price_per_million/{name} must be a number.");
            prices = new ModelPrices(Price("input"), Price("cached_input"), p.TryGetProperty("cache_write", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDecimal() : null, Price("output"));
        }

        var breakpoints = entry.TryGetProperty("cache_breakpoints", out var b) ? b.ValueKind == JsonValueKind.String ? b.GetString() : null : "implicit";
        if (breakpoints is not ("implicit" or "explicit"))
        {
            throw new ProviderConfigurationException($"{where}/cache_breakpoints must be \"implicit\" or \"explicit\".");
        }

        return new ModelEntry(provider, Text("model"), minimum, ttls, prices, entry.TryGetProperty("source", out var s) ? s.GetString() : null)
        {
            ExplicitBreakpoints = breakpoints == "explicit",
        };
    }

    private static string ReadShipped()
    {
        using var stream = typeof(ModelTable).Assembly.GetManifestResourceStream("Alexandria.Agents.Providers.model-table.json")
            ?? throw new InvalidOperationException("The shipped model table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
