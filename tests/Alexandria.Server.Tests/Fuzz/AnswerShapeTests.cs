namespace Alexandria.Server.Tests.Fuzz;

/// <summary>The fuzz's cross-backend comparison ignores only what legitimately differs per server.</summary>
public sealed class AnswerShapeTests
{
    [Fact]
    public void Successes_that_differ_only_in_ids_timestamps_and_member_order_have_one_shape()
    {
        var embedded = """{"run_id":"fz-1","packet_id":"6c1f0e2a-93b4-4d7e-a5f8-0b2c4d6e8f1a","created_at":"2026-12-05T01:02:03.456Z","seq":[1,2]}""";
        var postgres = """{"seq":[1,2],"created_at":"2026-12-05T01:02:04+00:00","packet_id":"0b2c4d6e-93b4-4d7e-a5f8-6c1f0e2a8f1a","run_id":"fz-1"}""";

        Assert.Equal(AnswerShape.Of(201, embedded), AnswerShape.Of(201, postgres));
    }

    [Fact]
    public void Run_ids_the_servers_made_up_are_one_shape_and_the_callers_are_not()
    {
        Assert.Equal(AnswerShape.Of(201, """{"run_id":"run-739c7c2714004e8d"}"""), AnswerShape.Of(201, """{"run_id":"run-fb121b0779f54cbc"}"""));
        Assert.NotEqual(AnswerShape.Of(201, """{"run_id":"run-1"}"""), AnswerShape.Of(201, """{"run_id":"run-2"}"""));
    }

    [Theory]
    [InlineData("""{"run_id":"fz-1","seq":[1,2]}""", """{"run_id":"fz-2","seq":[1,2]}""")]
    [InlineData("""{"run_id":"fz-1","seq":[1,2]}""", """{"run_id":"fz-1","seq":[2,1]}""")]
    [InlineData("""{"run_id":"fz-1","note":null}""", """{"run_id":"fz-1"}""")]
    [InlineData("""{"count":1}""", """{"count":1.0}""")]
    public void Successes_that_differ_in_anything_else_do_not(string one, string other)
        => Assert.NotEqual(AnswerShape.Of(200, one), AnswerShape.Of(200, other));

    [Fact]
    public void Refusals_compare_type_title_and_each_pointer_with_its_keyword_not_the_prose()
    {
        var one = """{"type":"https://alexandria.local/problems/invalid-body","title":"Invalid body","status":422,"errors":[{"pointer":"/events/0/seq","keyword":"minimum","message":"run fz-1: 0 is below 1"}]}""";
        var reworded = """{"type":"https://alexandria.local/problems/invalid-body","title":"Invalid body","status":422,"errors":[{"pointer":"/events/0/seq","keyword":"minimum","message":"the value 0 is less than 1"}]}""";
        var elsewhere = one.Replace("/events/0/seq", "/events/0/ts", System.StringComparison.Ordinal);
        var otherKeyword = one.Replace("\"minimum\"", "\"type\"", System.StringComparison.Ordinal);
        var otherType = one.Replace("invalid-body", "conflict", System.StringComparison.Ordinal);

        Assert.Equal(AnswerShape.Of(422, one), AnswerShape.Of(422, reworded));
        Assert.NotEqual(AnswerShape.Of(422, one), AnswerShape.Of(422, elsewhere));
        Assert.NotEqual(AnswerShape.Of(422, one), AnswerShape.Of(422, otherKeyword));
        Assert.NotEqual(AnswerShape.Of(422, one), AnswerShape.Of(422, otherType));
    }
}
