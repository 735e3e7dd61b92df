using System;
using System.Text;
using System.Text.Json.Nodes;

namespace Alexandria.Contracts.Tests;

/// <summary>
/// Issue 3, item 5: the contracts' validators check UTF-8 in one forward pass. The document path allocates a
/// JsonDocument, so zero bytes allocated also shows that the streaming path decided, end to end.
/// </summary>
public sealed class StreamingValidationTests
{
    public static TheoryData<string, string> ValidExamples() => ExampleRoundTripTests.ValidExamples();

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void A_valid_example_is_accepted_without_allocating(string file, string definition)
    {
        var bytes = Encoding.UTF8.GetBytes(ContractExamples.Read(file));
        Assert.True(OutputSchemaValidators.TryIsValid(definition, bytes, out var warm) && warm, file + " is not valid");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            OutputSchemaValidators.TryIsValid(definition, bytes, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// Issue 16, item 4: <c>Validate</c> — the call users make to get errors — decides valid bytes with the same
    /// streaming pass and returns the shared valid result, so it too allocates nothing on a valid document.
    /// </summary>
    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Validate_on_a_valid_example_allocates_nothing(string file, string definition)
    {
        var bytes = Encoding.UTF8.GetBytes(ContractExamples.Read(file));
        Assert.True(OutputSchemaValidators.TryValidate(definition, bytes, out var warm) && warm.IsValid, file + " is not valid: " + warm);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            OutputSchemaValidators.TryValidate(definition, bytes, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// The discriminator dispatch first guesses the branch from the raw bytes; a nested <c>kind</c> before the real
    /// one makes the guess wrong, and the verdict must still be the document path's.
    /// </summary>
    [Theory]
    [InlineData("plan", 2, true)]
    [InlineData("act", 2, true)]
    [InlineData("observe", 0, false)]
    [InlineData("plan", 0, false)]
    public void A_decoy_discriminator_before_the_real_one_does_not_change_the_verdict(string decoy, int seq, bool valid)
    {
        var example = JsonNode.Parse(ContractExamples.Read("run_event.valid.2.json"))!.AsObject();
        example["payload"]!["arguments"]!["kind"] = decoy;
        example["seq"] = seq;
        var reordered = new JsonObject { ["payload"] = example["payload"]!.DeepClone() };
        foreach (var (name, value) in example)
        {
            if (name != "payload")
            {
                reordered[name] = value!.DeepClone();
            }
        }

        var bytes = Encoding.UTF8.GetBytes(reordered.ToJsonString());
        Assert.Equal(valid, RunEventValidator.Validate(bytes).IsValid);
        Assert.Equal(valid, RunEventValidator.IsValid(bytes));
    }
}
