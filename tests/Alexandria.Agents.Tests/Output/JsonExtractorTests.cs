using System.Text;
using Alexandria.Agents.Output;

namespace Alexandria.Agents.Tests.Output;

public sealed class JsonExtractorTests
{
    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("Sure! Here is the plan:\n{\"a\":1}\nLet me know.", "{\"a\":1}")]
    [InlineData("```json\n{\"a\":1}\n```", "{\"a\":1}")]
    [InlineData("Use the {query} argument. {\"a\":\"}\"}", "{\"a\":\"}\"}")]
    [InlineData("{\"a\":[1,2,],}", "{\"a\":[1,2]}")]
    [InlineData("{\"a\":\"x, }\"}", "{\"a\":\"x, }\"}")]
    public void The_object_is_found_in_what_models_really_send(string reply, string expected)
    {
        var extracted = JsonExtractor.Extract(reply);
        Assert.True(extracted.Succeeded, string.Join("; ", extracted.Errors));
        Assert.Equal(expected, Encoding.UTF8.GetString(extracted.Utf8!));
    }

    [Fact]
    public void A_truncated_object_is_refused_not_completed()
    {
        var extracted = JsonExtractor.Extract("{\"steps\":[{\"step_id\":1,\"description\":\"x\",\"status\":\"pending\"}");
        Assert.False(extracted.Succeeded);
        Assert.True(extracted.Truncated);
        Assert.Contains("truncated", Assert.Single(extracted.Errors).Message);
    }

    [Theory]
    [InlineData("I cannot help with that.")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"a\":tru}")]
    public void A_reply_without_a_valid_object_is_refused_with_a_root_error(string reply)
    {
        var extracted = JsonExtractor.Extract(reply);
        Assert.False(extracted.Succeeded);
        Assert.Equal("", Assert.Single(extracted.Errors).Pointer);
    }
}
