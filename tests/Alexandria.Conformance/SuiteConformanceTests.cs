using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Conformance;

/// <summary>
/// Every required test of the JSON Schema Test Suite, in every draft Alexandria compiles (draft 4, 6, 7,
/// 2019-09, 2020-12), must get the suite's verdict from the validator Alexandria generated for its group.
/// Optional tests are measured in docs/conformance.md.
/// </summary>
public sealed class SuiteConformanceTests
{
    public static IEnumerable<object[]> RequiredCases()
        => Suite.Cases.Where(c => c.IsRequired).Select(c => new object[] { c.Draft, c.File, c.Group, c.Test, c.GroupDescription + " / " + c.Description });

    [Theory]
    [MemberData(nameof(RequiredCases))]
    public void Generated_validator_agrees_with_the_suite(string draft, string file, int group, int test, string description)
    {
        var suiteCase = Suite.Cases.Single(c => c.Draft == draft && c.File == file && c.Group == group && c.Test == test);
        var outcome = SuiteRunner.Run(suiteCase);
        Assert.True(outcome.Passed, description + ": " + outcome.Reason + " — data " + suiteCase.DataJson);
    }

    [Fact]
    public void The_pattern_time_limit_is_a_safety_net_here_so_verdicts_do_not_depend_on_the_machine()
    {
        // From the csproj's RuntimeHostConfigurationOption: were it lost, a loaded machine could time out a first
        // \p{Letter} match at the 250 ms default and fail an ecmascript-regex case that is right.
        Assert.Equal(System.TimeSpan.FromSeconds(30), Generated.Validation.PatternMatching.Timeout);
    }

    [Theory]
    [InlineData("draft4", 618)]
    [InlineData("draft6", 839)]
    [InlineData("draft7", 927)]
    [InlineData("draft2019-09", 1259)]
    [InlineData("draft2020-12", 1299)]
    public void The_suite_has_the_expected_size(string draft, int required)
    {
        // Guards against a partial or empty checkout passing as green.
        Assert.Equal(required, Suite.Cases.Count(c => c.Draft == draft && c.IsRequired));
    }
}
