using System;
using System.Reflection;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>
/// Absent and explicit null are different documents: for every nullable shape the generator emits, an optional member
/// that allows null is an <c>Optional&lt;T?&gt;</c> that reads and writes absent as absent and null as null.
/// </summary>
public sealed class ExplicitNullRoundTripTests
{
    private const string Base = """{"required_nullable":null""";

    private static readonly Lazy<GeneratedAssembly> Generated = new(() => GeneratedAssembly.Load(
        new GeneratorHarness().WithContract(NullableShapes.Path, NullableShapes.Contract).WithSource(Probe).Run()));

    private static GeneratedAssembly G => Generated.Value;

    public static TheoryData<string, string, string> Members()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (property, jsonName, value) in NullableShapes.OptionalNullableMembers)
        {
            data.Add(property, jsonName, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void Absent_member_is_read_as_absent_and_stays_absent_when_written(string property, string jsonName, string value)
    {
        _ = (jsonName, value);
        const string document = Base + "}";

        var holder = G.Parse("Holder", document, "ParseUnvalidated");

        Assert.False(GeneratedAssembly.OptionalState(GeneratedAssembly.Get(holder, property)).IsPresent);
        Assert.Equal(document, GeneratedAssembly.ToJson(holder));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void Explicit_null_is_read_as_present_null_and_written_back_as_null(string property, string jsonName, string value)
    {
        _ = value;
        var document = Base + ",\"" + jsonName + "\":null}";

        var holder = G.Parse("Holder", document, "ParseUnvalidated");

        Assert.Equal((true, null), GeneratedAssembly.OptionalState(GeneratedAssembly.Get(holder, property)));
        Assert.Equal(document, GeneratedAssembly.ToJson(holder));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void A_value_is_read_as_present_and_round_trips(string property, string jsonName, string value)
    {
        var document = Base + ",\"" + jsonName + "\":" + value + "}";

        var holder = G.Parse("Holder", document, "ParseUnvalidated");

        var (present, held) = GeneratedAssembly.OptionalState(GeneratedAssembly.Get(holder, property));
        Assert.True(present);
        Assert.NotNull(held);
        Assert.Equal(document, GeneratedAssembly.ToJson(holder));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void Absent_and_null_are_different_values_and_each_equals_itself_read_again(string property, string jsonName, string value)
    {
        _ = (property, value);
        var absent = G.Parse("Holder", Base + "}", "ParseUnvalidated");
        var nullDocument = Base + ",\"" + jsonName + "\":null}";
        var explicitNull = G.Parse("Holder", nullDocument, "ParseUnvalidated");

        Assert.NotEqual(absent, explicitNull);
        Assert.Equal(explicitNull, G.Parse("Holder", nullDocument, "ParseUnvalidated"));
        Assert.Equal(explicitNull.GetHashCode(), G.Parse("Holder", nullDocument, "ParseUnvalidated").GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void Validated_parse_keeps_explicit_null_where_the_schema_allows_it(string property, string jsonName, string value)
    {
        _ = value;
        var document = Base + ",\"" + jsonName + "\":null}";
        if (jsonName == NullableShapes.ValidatorRejectsNull)
        {
            // OpenAPI 3.0's "nullable" is not a 2020-12 keyword: the validator rejects null, the type could hold it.
            Assert.Equal("ContractValidationException", Assert.ThrowsAny<JsonException>(() => G.Parse("Holder", document)).GetType().Name);
            return;
        }

        var holder = G.Parse("Holder", document);

        Assert.Equal((true, null), GeneratedAssembly.OptionalState(GeneratedAssembly.Get(holder, property)));
        Assert.Equal(document, GeneratedAssembly.ToJson(holder));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void Every_optional_nullable_member_is_an_Optional_of_a_nullable_type(string property, string jsonName, string value)
    {
        _ = (jsonName, value);
        var member = G.Type("Holder").GetProperty(property)!;

        Assert.Equal("Optional`1", member.PropertyType.Name);
        var inner = member.PropertyType.GetGenericArguments()[0];
        if (inner.IsValueType)
        {
            Assert.NotNull(Nullable.GetUnderlyingType(inner));
        }
        else
        {
            var info = new NullabilityInfoContext().Create(member);
            Assert.Equal(NullabilityState.Nullable, info.GenericTypeArguments[0].ReadState);
        }
    }

    [Fact]
    public void Required_nullable_member_stays_a_nullable_T_that_is_always_written()
    {
        var member = G.Type("Holder").GetProperty("RequiredNullable")!;
        var holder = G.Parse("Holder", """{"required_nullable":null}""");

        Assert.Equal(typeof(string), member.PropertyType);
        Assert.Equal(NullabilityState.Nullable, new NullabilityInfoContext().Create(member).ReadState);
        Assert.Equal("""{"required_nullable":null}""", GeneratedAssembly.ToJson(holder));
        var missing = Assert.ThrowsAny<JsonException>(() => G.Parse("Holder", "{}", "ParseUnvalidated"));
        Assert.Equal("(root): required member 'required_nullable' of Holder is missing", missing.Message);
    }

    [Fact]
    public void Optional_member_that_cannot_be_null_stays_a_nullable_T_and_refuses_null()
    {
        var member = G.Type("Holder").GetProperty("OptionalPlain")!;

        Assert.Equal(typeof(string), member.PropertyType);
        Assert.Equal(Base + "}", GeneratedAssembly.ToJson(G.Parse("Holder", Base + "}")));
        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("Holder", Base + ",\"optional_plain\":null}", "ParseUnvalidated"));
        Assert.Equal("/optional_plain: expected a string, found null", error.Message);
    }

    [Theory]
    [InlineData("""{"kind":"cat","lives":9}""")]
    [InlineData("""{"kind":"cat","lives":9,"nickname":null}""")]
    [InlineData("""{"kind":"dog","good":true,"nickname":"Rex"}""")]
    public void A_member_every_union_case_shares_keeps_absent_and_null_apart(string document)
    {
        var pet = G.Parse("Pet", document);

        Assert.Equal("Optional`1", G.Type("Pet").GetProperty("Nickname")!.PropertyType.Name);
        Assert.Equal(document.Contains("nickname", StringComparison.Ordinal), GeneratedAssembly.OptionalState(GeneratedAssembly.Get(pet, "Nickname")).IsPresent);
        Assert.Equal(document, GeneratedAssembly.ToJson(pet));
    }

    [Fact]
    public void Null_items_of_a_list_that_allows_them_are_kept()
    {
        const string document = Base + ",\"nullable_items\":[\"a\",null]}";

        Assert.Equal(document, GeneratedAssembly.ToJson(G.Parse("Holder", document)));
    }

    [Theory]
    [InlineData(Base + "}", false)]
    [InlineData(Base + ",\"any\":null}", true)]
    public void Raw_JSON_members_tell_absent_from_null_without_a_wrapper(string document, bool present)
    {
        var holder = G.Parse("Holder", document);

        var any = (JsonElement?)GeneratedAssembly.Get(holder, "Any");
        Assert.Equal(present, any.HasValue);
        Assert.Equal(document, GeneratedAssembly.ToJson(holder));
    }

    [Fact]
    public void Consumer_code_sets_null_to_write_null_and_leaves_a_member_unset_to_leave_it_out()
    {
        Assert.Equal(
            """
            {"required_nullable":null,"text":null,"count":5}
            {"required_nullable":null,"count":5}
            present-null,5,absent,calm
            """.ReplaceLineEndings("\n"),
            G.Run("Probe", "Run"));
    }

    /// <summary>Consumer code compiled with the generated types: what a user writes, with nullable and warnings as errors.</summary>
    private const string Probe = """
        namespace Alexandria.Contracts;

        public static class Probe
        {
            public static string Run()
            {
                var holder = new Holder { RequiredNullable = null, Text = null, Count = 5 };
                var cleared = holder with { Text = default };
                string? text = holder.Text.GetValueOrDefault();
                var count = holder.Count.TryGetValue(out var c) ? c : -1;
                Optional<Mood?> mood = Mood.Calm;
                return holder.ToJson() + "\n" + cleared.ToJson() + "\n"
                    + (holder.Text.IsPresent && text is null ? "present-null" : "?") + ","
                    + count + ","
                    + (cleared.Text == Optional<string?>.Absent ? "absent" : "?") + ","
                    + MoodJsonConverter.ToJsonValue(mood.Value.GetValueOrDefault());
            }
        }
        """;
}
