using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alexandria.Contracts.Validation;

namespace Alexandria.Contracts.Tests;

/// <summary>
/// Issue 15, items 7 and 8, on the real contract: an artifact path of emoji once made the path pattern's
/// <c>(?!.*\.\.)</c> backtrack exponentially (29 emoji: 21.5 s of CPU for one request), and an unpaired surrogate
/// escape made validators throw. Both are now an ordinary, located, quick refusal on every entry point.
/// </summary>
public sealed class HostileStringTests
{
    private const string Emoji = "\U0001F600";

    /// <summary>Far above the linear cost (microseconds) and far below the old exponential one.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(29, false)]
    [InlineData(29, true)]
    [InlineData(40, false)]
    [InlineData(5000, false)]
    public void An_artifact_path_of_emoji_is_refused_quickly_by_its_pattern(int count, bool escaped)
    {
        var bytes = ArtifactWithPath(string.Concat(Enumerable.Repeat(Emoji, count)), escaped);

        var result = Timed(() => ArtifactRecordValidator.Validate(bytes));
        var fast = Timed(() => ArtifactRecordValidator.IsValid(bytes));
        using var document = JsonDocument.Parse(bytes);
        var onElement = Timed(() => ArtifactRecordValidator.IsValid(document.RootElement));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/path", "pattern"), (error.InstancePointer, error.Keyword));
        Assert.Contains("does not match the pattern", error.Message, StringComparison.Ordinal);
        Assert.False(fast);
        Assert.False(onElement);
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

    private static T Timed<T>(Func<T> call)
    {
        var clock = Stopwatch.StartNew();
        var result = call();
        Assert.True(clock.Elapsed < Bound, "took " + clock.Elapsed.TotalMilliseconds + " ms");
        return result;
    }
}
