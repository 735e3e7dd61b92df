using System;
using System.Collections.Generic;

namespace Alexandria.Agents.Providers;

/// <summary>
/// One prompt's output schema in each provider's structured-output form, sent to the provider unchanged (never
/// through <c>ChatResponseFormat.ForJsonSchema</c>, which rewrites schemas). A null form means the schema cannot be
/// expressed for that provider: the request falls back to plain JSON mode, and the generated validator plus the
/// repair loop do the work. The validator is the judge in every mode; a strict schema only makes repairs rarer.
/// </summary>
/// <param name="Name">The schema name OpenAI requires (<c>[a-zA-Z0-9_-]{1,64}</c>).</param>
/// <param name="OpenAiStrict">OpenAI strict <c>json_schema</c> (every property required, optional ones nullable), or null.</param>
/// <param name="Anthropic">Anthropic <c>output_config.format</c> schema, or null.</param>
/// <param name="Ollama">Ollama <c>format</c> schema, or null.</param>
/// <param name="FallbackReasons">Why a form is null, for logs and docs.</param>
/// <param name="OpenAiReplyToContract">
/// Maps a reply produced under <paramref name="OpenAiStrict"/> back to the contract (strict-mode nulls of optional
/// members become absent members); null when no mapping is needed.
/// </param>
public sealed record ProviderOutputSchema(
    string Name,
    string? OpenAiStrict,
    string? Anthropic,
    string? Ollama,
    IReadOnlyList<string> FallbackReasons,
    Func<ReadOnlyMemory<byte>, byte[]>? OpenAiReplyToContract);
