using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Alexandria.Contracts;

namespace Alexandria.Client.Tests.Infrastructure;

/// <summary>Contract-valid documents built from <c>contracts/examples</c>, re-addressed to a test's run.</summary>
public static class Examples
{
    /// <summary>The contracts folder of the repository these tests were built from.</summary>
    public static string ContractsPath { get; } = typeof(Examples).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ContractsPath").Value!;

    // plan, act, observe (no evidence, nullable guidance members) and token_usage: what a step logs.
    private static readonly string[] StepEventFiles = ["run_event.valid.1.json", "run_event.valid.2.json", "run_event.valid.4.json", "run_event.valid.7.json"];

    public static T Read<T>(string file)
        => JsonSerializer.Deserialize<T>(File.ReadAllBytes(Path.Combine(ContractsPath, "examples", file)), OutputSchemaJson.Options)
           ?? throw new InvalidOperationException(file + " is null.");

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(ContractsPath, "examples", file));

    /// <summary><paramref name="count"/> step events of <paramref name="runId"/> numbered from <paramref name="firstSeq"/>, four to a step.</summary>
    public static IReadOnlyList<RunEvent> StepEvents(string runId, long firstSeq, int count)
        => Enumerable.Range(0, count).Select(i =>
        {
            var seq = firstSeq + i;
            return Read<RunEvent>(StepEventFiles[(int)((seq - 1) % StepEventFiles.Length)]) with
            {
                EventId = Guid.NewGuid(),
                RunId = runId,
                Seq = seq,
                StepId = (seq - 1) / StepEventFiles.Length,
            };
        }).ToList();

    /// <summary>A run id no other test uses.</summary>
    public static string NewRunId(string hint) => $"{hint}-{Guid.NewGuid():N}"[..Math.Min(64, hint.Length + 33)];
}
