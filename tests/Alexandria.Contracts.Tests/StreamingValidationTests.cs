using System;
using System.Text;

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
}
