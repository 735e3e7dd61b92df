using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Alexandria.Contracts;

namespace Alexandria.Benchmarks;

/// <summary>The documents every contender sees, built deterministically from contracts/examples.</summary>
public static class Documents
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alexandria.sln")))
        {
            dir = dir.Parent;
        }

        // BenchmarkDotNet runs a copy of the project from bin/; fall back to the working directory.
        dir ??= new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alexandria.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Alexandria.sln not found");
    }

    private static string Examples => Path.Combine(RepoRoot(), "contracts", "examples");

    /// <summary>A compaction snapshot grown to at least <paramref name="targetBytes"/> by adding findings and plan steps.</summary>
    public static byte[] Snapshot(int targetBytes)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "compaction_snapshot.valid.1.json")))!.AsObject();
        var findings = root["findings"]!.AsArray();
        var plan = root["plan_state"]!.AsArray();
        var findingTemplate = findings[0]!;
        var stepTemplate = plan[0]!;
        for (var i = 0; Encoding.UTF8.GetByteCount(root.ToJsonString()) < targetBytes; i++)
        {
            if (plan.Count < 20 && i % 2 == 0)
            {
                var step = stepTemplate.DeepClone();
                step["step_id"] = plan.Count;
                step["description"] = $"Step {plan.Count}: re-check reference page {i} for a fenced code example.";
                plan.Add(step);
                continue;
            }

            var finding = findingTemplate.DeepClone();
            finding["finding_id"] = $"F-{findings.Count + 1:D3}";
            finding["statement"] = $"docs/api/page{i}.md documents operation {i} without any request example.";
            finding["evidence"]![0]!["chunk_id"] = $"page{i}.md#c{i:D4}";
            findings.Add(finding);
        }

        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
        var result = CompactionSnapshotValidator.Validate(bytes);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("benchmark snapshot is not valid: " + result);
        }

        return bytes;
    }

    /// <summary>1,000 run events cycling through the run_event examples, seq incremented.</summary>
    public static byte[][] Events(int count = 1000)
    {
        var templates = Directory.GetFiles(Examples, "run_event.valid.*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        var events = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var node = templates[i % templates.Count].DeepClone();
            node["seq"] = i + 1;
            var bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
            var result = RunEventValidator.Validate(bytes);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"benchmark event {i} is not valid: {result}");
            }

            events.Add(bytes);
        }

        return events.ToArray();
    }
}
