using System;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;
using Alexandria.Generators.Tests.Types;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>
/// Wrapper unions read and written through their generated converters: each case round-trips, the case is chosen by
/// token, discriminator or validators (oneOf exactly one, anyOf the first), and what no case accepts fails at its pointer.
/// </summary>
public sealed class WrapperUnionRoundTripTests
{
    private const string Json = "ChatJson";

    private static readonly Lazy<GeneratedAssembly> Generated = new(() =>
        GeneratedAssembly.Load(new GeneratorHarness().WithContract(WrapperUnionSchemas.Path, WrapperUnionSchemas.Chat).Run()));

    private static GeneratedAssembly G => Generated.Value;

    private static string KindOf(object wrapper) => GeneratedAssembly.Get(wrapper, "Kind")!.ToString()!;

    [Theory]
    [InlineData("""{"content":"hello"}""", "Content", "String")]
    [InlineData("""{"content":[{"type":"text","text":"hi"},{"type":"image","url":"https://example.com/a.png"}]}""", "Content", "PartList")]
    [InlineData("""{"content":"x","limit":3}""", "Limit", "Integer")]
    [InlineData("""{"content":"x","limit":"inf"}""", "Limit", "Inf")]
    [InlineData("""{"content":"x","tags":{"a":"b"}}""", "Tags", "StringMap")]
    [InlineData("""{"content":"x","tags":true}""", "Tags", "Boolean")]
    [InlineData("""{"content":"x","stop":["a","b"]}""", "Stop", "StringList")]
    [InlineData("""{"content":"x","where":{"x":1,"y":2,"z":3}}""", "Where", "Point3")]
    public void Each_case_is_read_as_itself_and_written_back_unchanged(string json, string member, string kind)
    {
        var message = G.Deserialize(json, "Message", Json);

        var union = GeneratedAssembly.Get(message, member)!;
        if (union.GetType().Name == "Optional`1")
        {
            union = GeneratedAssembly.OptionalState(union).Value!;
        }

        Assert.Equal(kind, KindOf(union));
        Assert.Equal(json, G.Serialize(message, "Message", Json));
    }

    [Fact]
    public void A_null_allowed_by_the_union_is_null_and_written_as_null()
    {
        var message = G.Deserialize("""{"content":"x","limit":null}""", "Message", Json);

        Assert.Equal((true, (object?)null), GeneratedAssembly.OptionalState(GeneratedAssembly.Get(message, "Limit")));
        Assert.Equal("""{"content":"x","limit":null}""", G.Serialize(message, "Message", Json));
    }

    [Fact]
    public void Objects_nothing_but_their_members_tell_apart_are_chosen_by_the_branch_validators()
    {
        Assert.Equal("Point2", KindOf(G.Deserialize("""{"x":1,"y":2}""", "Point", Json)));
        Assert.Equal("Point3", KindOf(G.Deserialize("""{"y":2,"z":3,"x":1}""", "Point", Json)));
    }

    [Fact]
    public void A_value_no_branch_accepts_fails_at_its_pointer()
    {
        var error = Assert.ThrowsAny<JsonException>(() => G.Deserialize("""{"content":"x","where":{"x":1}}""", "Message", Json));

        Assert.Equal("/where: matches none of Point's cases (Point2, Point3)", error.Message);
    }

    [Fact]
    public void A_oneOf_value_two_branches_accept_is_refused_as_ambiguous()
    {
        Assert.Equal("Option1", KindOf(G.Deserialize("""{"a":1}""", "Either", Json)));

        var error = Assert.ThrowsAny<JsonException>(() => G.Deserialize("""{"a":1,"b":2}""", "Either", Json));

        Assert.Equal("(root): matches more than one of Either's cases (Option1, Option2), and oneOf allows exactly one", error.Message);
    }

    [Fact]
    public void An_anyOf_value_is_the_first_branch_that_accepts_it()
    {
        Assert.Equal("Point2", KindOf(G.Deserialize("""{"x":1,"y":2}""", "Loose", Json)));
        Assert.Equal("Option2", KindOf(G.Deserialize("""{"x":1,"y":2,"q":3}""", "Loose", Json)));
        Assert.Equal("Option2", KindOf(G.Deserialize("""{"x":1}""", "Loose", Json)));
    }

    [Fact]
    public void Records_of_another_union_are_chosen_by_their_discriminator()
    {
        var image = G.Deserialize("""{"url":"https://example.com/a.png","type":"image"}""", "UserPart", Json);

        Assert.Equal("ImagePart", KindOf(image));
        Assert.Equal("""{"type":"image","url":"https://example.com/a.png"}""", G.Serialize(image, "UserPart", Json));
        var error = Assert.ThrowsAny<JsonException>(() => G.Deserialize("""{"type":"audio"}""", "UserPart", Json));
        Assert.Equal("/type: unknown type \"audio\" for UserPart; expected one of: text, image", error.Message);
    }

    [Fact]
    public void A_token_no_case_takes_fails_naming_what_was_expected()
    {
        var error = Assert.ThrowsAny<JsonException>(() => G.Deserialize("""{"content":5}""", "Message", Json));

        Assert.Equal("/content: expected an array or a string for MessageContent, found 5", error.Message);
    }

    [Fact]
    public void Unions_read_twice_are_equal_and_differ_when_their_case_or_value_does()
    {
        var first = G.Deserialize("""{"content":[{"type":"text","text":"hi"}]}""", "Message", Json);
        var second = G.Deserialize("""{"content":[{"type":"text","text":"hi"}]}""", "Message", Json);
        var text = G.Deserialize("""{"content":"hi"}""", "Message", Json);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, text);
        Assert.Equal("\"hi\"", GeneratedAssembly.Get(text, "Content")!.ToString());
    }

    [Fact]
    public void Parse_validates_the_union_as_its_schema_says()
    {
        Assert.Equal("Integer", KindOf(GeneratedAssembly.Get(G.Parse("Message", """{"content":"x","limit":2}"""), "Limit") is { } limit
            ? GeneratedAssembly.OptionalState(limit).Value! : throw new InvalidOperationException()));

        var rejected = Assert.ThrowsAny<Exception>(() => G.Parse("Message", """{"content":"x","limit":0}"""));
        Assert.Equal("ContractValidationException", rejected.GetType().Name);
        Assert.Equal("ContractValidationException", Assert.ThrowsAny<Exception>(() => G.Parse("Either", """{"a":1,"b":2}""")).GetType().Name);
    }

    [Fact]
    public void Consumer_code_builds_unions_from_their_cases_and_matches_every_case()
    {
        new GeneratorHarness().WithContract(WrapperUnionSchemas.Path, WrapperUnionSchemas.Chat).WithSource("""
            using System.Collections.Generic;
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Message Make() => new Message { Content = "hello", Stop = MessageStop.FromStringList(new[] { "a" }), Where = new Point2 { X = 1, Y = 2 } };
                public static MessageContent Parts(IReadOnlyList<Part> parts) => MessageContent.FromPartList(parts);
                public static int Count(MessageContent content) => content.Match(text => text.Length, parts => parts.Count);
                public static string? Text(MessageContent content) => content.TryGetString(out var text) ? text : null;
                public static bool IsImage(UserPart part) => part.Kind == UserPart.Case.ImagePart && part.AsImagePart.Url is not null;
            }
            """).Run().AssertCompiles();
    }
}
