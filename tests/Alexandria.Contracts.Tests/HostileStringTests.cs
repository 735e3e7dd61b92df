using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alexandria.Contracts.Validation;
using Alexandria.Testing;

namespace Alexandria.Contracts.Tests;

/// <summary>
/// Issue 15, items 7 and 8, on the real contract: an artifact path of emoji once made the path pattern's
/// <c>(?!.*\.\.)</c> backtrack exponentially (29 emoji: 21.5 s of CPU for one request), and an unpaired surrogate
/// escape made validators throw. Both are now an ordinary, located, quick refusal on every entry point. "Quick" is
/// asserted by how the CPU grows with the path (thread CPU, same run), not by a wall-clock bound a loaded machine breaks;
/// the match limit is a 30 s safety net in this project (csproj), so the verdicts are the pattern's, never a timeout.
/// </summary>
public sealed class HostileStringTests
{
    private const string Emoji = "\U0001F600";

    [Theory]
    [InlineData(29, false)]
    [InlineData(29, true)]
    [InlineData(40, false)]
    [InlineData(5000, false)]
    public void An_artifact_path_of_emoji_is_refused_quickly_by_its_pattern(int count, bool escaped)
    {
        var bytes = ArtifactWithPath(string.Concat(Enumerable.Repeat(Emoji, count)), escaped);

        var result = ArtifactRecordValidator.Validate(bytes);
        var fast = ArtifactRecordValidator.IsValid(bytes);
        using var document = JsonDocument.Parse(bytes);
        var onElement = ArtifactRecordValidator.IsValid(document.RootElement);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/path", "pattern"), (error.InstancePointer, error.Keyword));
        Assert.Contains("does not match the pattern", error.Message, StringComparison.Ordinal);
        Assert.False(fast);
        Assert.False(onElement);
    }

    [Fact]
    public void A_path_of_emoji_eight_times_longer_costs_about_eight_times_the_CPU_on_every_entry_point()
    {
        // The old translation doubled the cost with every emoji (22 -> 24 emoji: 157 -> 418 ms); linear is ~8x here,
        // and 32x still fails anything quadratic or worse.
        var small = ArtifactWithPath(string.Concat(Enumerable.Repeat(Emoji, 1_000)), escaped: false);
        var large = ArtifactWithPath(string.Concat(Enumerable.Repeat(Emoji, 8_000)), escaped: false);
        using var smallDocument = JsonDocument.Parse(small);
        using var largeDocument = JsonDocument.Parse(large);
        var smallElement = smallDocument.RootElement;
        var largeElement = largeDocument.RootElement;

        var cpu = ThreadCpuClock.LeastPerCall(rounds: 7,
            () => ArtifactRecordValidator.Validate(small), () => ArtifactRecordValidator.Validate(large),
            () => ArtifactRecordValidator.IsValid(small), () => ArtifactRecordValidator.IsValid(large),
            () => ArtifactRecordValidator.IsValid(smallElement), () => ArtifactRecordValidator.IsValid(largeElement));

        foreach (var (entry, i) in new[] { ("Validate(bytes)", 0), ("IsValid(bytes)", 2), ("IsValid(JsonElement)", 4) })
        {
            Assert.True(cpu[i + 1] < 32 * cpu[i], $"{entry}: 8x the emoji cost {ThreadCpuClock.Ratio(cpu, i + 1, i)} the CPU ({cpu[i]} -> {cpu[i + 1]} units)");
        }
    }

    [Fact]
    public void The_match_limit_here_is_the_safety_net_so_verdicts_never_depend_on_the_machine()
    {
        var matching = typeof(ArtifactRecordValidator).Assembly.GetType("Alexandria.Contracts.Validation.PatternMatching")!;

        Assert.Equal(TimeSpan.FromSeconds(30), (TimeSpan)matching.GetProperty("Timeout")!.GetValue(null)!);
    }

    [Theory]
    [InlineData("runs/r1/report.md", true)]
    [InlineData("runs/r1/../secrets", false)]
    [InlineData("/etc/passwd", false)]
    public void The_path_pattern_keeps_its_meaning(string path, bool valid)
    {
        var bytes = ArtifactWithPath(path, escaped: false);

        Assert.Equal(valid, ArtifactRecordValidator.Validate(bytes).IsValid);
        Assert.Equal(valid, ArtifactRecordValidator.IsValid(bytes));
    }

    [Theory]
    [InlineData("path", "\"report\\ud800.md\"", "/path")]
    [InlineData("mime_type", "\"text/\\udc00\"", "/mime_type")]
    [InlineData("metadata", "{\"note\": [\"\\ud83d\"]}", "/metadata/note/0")]
    [InlineData("metadata", "{\"\\ud800\": 1}", "/metadata")]
    public void An_unpaired_surrogate_anywhere_is_a_json_error_at_its_pointer_and_never_an_exception(string member, string value, string pointer)
    {
        var example = JsonNode.Parse(ContractExamples.Read("artifact_record.valid.1.json"))!.AsObject().ToJsonString();
        var json = example.Replace(
            "\"" + member + "\":" + JsonNode.Parse(example)![member]!.ToJsonString(),
            "\"" + member + "\":" + value,
            StringComparison.Ordinal);
        Assert.NotEqual(example, json);
        var bytes = Encoding.UTF8.GetBytes(json);

        var error = Assert.Single(ArtifactRecordValidator.Validate(bytes).Errors);
        using var document = JsonDocument.Parse(bytes);

        Assert.Equal((pointer, "json"), (error.InstancePointer, error.Keyword));
        Assert.Equal([error], ArtifactRecordValidator.Validate(document.RootElement).Errors);
        Assert.False(ArtifactRecordValidator.IsValid(bytes));
        Assert.False(ArtifactRecordValidator.IsValid(document.RootElement));
        Assert.True(OutputSchemaValidators.TryIsValid("artifact_record", bytes, out var byName));
        Assert.False(byName);
    }

    [Fact]
    public void A_default_JsonElement_is_invalid_and_never_an_exception()
    {
        Assert.False(ArtifactRecordValidator.Validate(default(JsonElement)).IsValid);
        Assert.False(ArtifactRecordValidator.IsValid(default(JsonElement)));
    }

    private static byte[] ArtifactWithPath(string path, bool escaped)
    {
        var example = JsonNode.Parse(ContractExamples.Read("artifact_record.valid.1.json"))!.AsObject();
        example["path"] = path;
        var options = new JsonSerializerOptions
        {
            Encoder = escaped ? System.Text.Encodings.Web.JavaScriptEncoder.Default : System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return Encoding.UTF8.GetBytes(example.ToJsonString(options));
    }
}
