using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Conformance;

/// <summary>
/// Every required test of the JSON Schema Test Suite (draft 2020-12) must get the suite's verdict from the
/// validator Alexandria generated for its group. Optional tests are measured in docs/conformance.md.
/// </summary>
public sealed class SuiteConformanceTests
{
    public static IEnumerable<object[]> RequiredCases()
        => Suite.Cases.Where(c => c.IsRequired).Select(c => new object[] { c.File, c.Group, c.Test, c.GroupDescription + " / " + c.Description });

    [Theory]
    [MemberData(nameof(RequiredCases))]
    public void Generated_validator_agrees_with_the_suite(string file, int group, int test, string description)
    {
        var suiteCase = Suite.Cases.Single(c => c.File == file && c.Group == group && c.Test == test);
        var outcome = SuiteRunner.Run(suiteCase);
        Assert.True(outcome.Passed, description + ": " + outcome.Reason + " — data " + suiteCase.DataJson);
    }

    [Fact]
    public void The_suite_has_the_expected_size()
    {
        // Guards against a partial or empty checkout passing as green.
        Assert.Equal(1299, Suite.Cases.Count(c => c.IsRequired));
    }
}
