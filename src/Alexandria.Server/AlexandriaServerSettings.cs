using System;
using System.Collections.Generic;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;

namespace Alexandria.Server;

/// <summary>
/// The server's runtime policies and credentials, read from the configuration section
/// <see cref="SectionName"/> (<c>appsettings.json</c>, then environment variables such as
/// <c>Alexandria__Server__HandoffTtlHours</c>), then overridden by <c>alexandria serve</c>'s flags.
/// The defaults are the domain's numbers (DOMAIN §1, §2, §7).
/// </summary>
public sealed class AlexandriaServerSettings
{
    /// <summary>The configuration section the settings are bound from.</summary>
    public const string SectionName = "Alexandria:Server";

    /// <summary>TTL of a packet that does not state its own <c>ttl_hours</c>; 72 h by default.</summary>
    public int HandoffTtlHours { get; set; } = 72;

    /// <summary>The largest event document stored inline; 64 KiB by default.</summary>
    public int InlineCapBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The largest artifact content accepted by <c>PUT /runs/{runId}/artifacts/{artifactId}/content</c> (its registered
    /// <c>size_bytes</c>); a larger one is a 413. 1 GiB by default.
    /// </summary>
    public long MaxArtifactBytes { get; set; } = 1L << 30;

    /// <summary><c>EVENT_THRESHOLD</c>: counted events since the latest snapshot that make the server compact; 18 by default.</summary>
    public int CompactionEventThreshold { get; set; } = 18;

    /// <summary><c>N_STEP_FALLBACK</c>: steps since the latest snapshot that make the server compact; 8 by default.</summary>
    public int CompactionStepFallback { get; set; } = 8;

    /// <summary>Whether an append that brings a compaction due compacts at once, as the CLI's runs do; on by default.</summary>
    public bool AutomaticCompaction { get; set; } = true;

    /// <summary>
    /// The API keys a client may present (<c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>).
    /// At least one is required unless <see cref="InsecureNoAuth"/> is set.
    /// </summary>
    public IList<string> ApiKeys { get; } = new List<string>();

    /// <summary>Serves every operation without credentials; only for local use, and only on loopback addresses.</summary>
    public bool InsecureNoAuth { get; set; }

    /// <summary>The <see cref="RunSession"/> settings these policies stand for.</summary>
    public RunSessionOptions SessionOptions(TimeProvider clock) => new()
    {
        Clock = clock,
        Compaction = CompactionPolicy.Default with
        {
            EventThreshold = CompactionEventThreshold,
            StepFallback = CompactionStepFallback,
            InlineBlobCapBytes = InlineCapBytes,
        },
    };

    /// <summary>Refuses settings the runtime cannot run with, naming the setting.</summary>
    public void Validate()
    {
        Require(HandoffTtlHours is >= 1 and <= 8760, nameof(HandoffTtlHours), "must be between 1 and 8760 (the contract's ttl_hours range)");
        Require(InlineCapBytes is >= 1024 and <= 16 * 1024 * 1024, nameof(InlineCapBytes), "must be between 1024 and 16777216");
        Require(MaxArtifactBytes >= 1, nameof(MaxArtifactBytes), "must be at least 1");
        Require(CompactionEventThreshold >= 1, nameof(CompactionEventThreshold), "must be at least 1");
        Require(CompactionStepFallback >= 1, nameof(CompactionStepFallback), "must be at least 1");
        foreach (var key in ApiKeys)
        {
            Require(key.Length >= 16, nameof(ApiKeys), "each key must be at least 16 characters");
        }
        Require(InsecureNoAuth || ApiKeys.Count > 0, nameof(ApiKeys),
            "no API key is configured: set Alexandria:Server:ApiKeys (appsettings.json), Alexandria__Server__ApiKeys__0 or ALEXANDRIA_API_KEY, pass --api-key, or pass --insecure-no-auth for local use");
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{SectionName}:{name} {message}.", name);
        }
    }
}
