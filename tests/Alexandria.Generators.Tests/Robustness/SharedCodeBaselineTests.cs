using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>
/// The fuzzer checks only a case's own files when nothing they declare can change how the shared support files bind;
/// these pin down that anything that could make it check the whole compilation instead, so the shortcut never hides a
/// problem the whole compilation has.
/// </summary>
public sealed class SharedCodeBaselineTests
{
    private const string Shared = """
        namespace Fuzz.Shared
        {
            using System.Linq;

            public sealed class Helper
            {
                [System.Obsolete("x")] private static void Unused() { }

                public static int Twice(int[] values) => values.Select(v => v * 2).Sum();
            }
        }
        """;

    [Theory]
    [InlineData("namespace Fuzz.Shared { public static class Helper { } }")]
    [InlineData("namespace Fuzz.Shared { public static class Extra { public static int Select(this int[] v, System.Func<int, int> f) => 0; } }")]
    [InlineData("global using Fuzz.Other;\nnamespace Fuzz.Other { class A { } }")]
    [InlineData("[assembly: System.CLSCompliant(false)]\nnamespace Fuzz.Shared { class A { } }")]
    [InlineData("namespace Fuzz.Shared.System { class A { } }")]
    [InlineData("namespace Fuzz.Shared { class ObsoleteAttribute : System.Attribute { } }")]
    [InlineData("namespace Fuzz.Shared { delegate void Twice(); }")]
    public void Own_code_that_could_change_how_the_shared_files_bind_gets_the_whole_compilation_checked(string own)
    {
        Assert.False(SharedCodeBaseline.CannotAffect([Tree(Shared, "Support.g.cs")], [Tree(own, "case.A.g.cs")]));
    }

    [Fact]
    public void Own_code_that_only_uses_the_shared_files_is_checked_alone()
    {
        var own = Tree("namespace Fuzz.Shared.Cases { class A { int M() => Helper.Twice([1]); } }", "case.A.g.cs");

        Assert.True(SharedCodeBaseline.CannotAffect([Tree(Shared, "Support.g.cs")], [own]));
    }

    [Fact]
    public void A_type_colliding_with_a_shared_one_is_reported_even_when_the_error_lands_in_the_shared_file()
    {
        var shared = Tree(Shared, "Support.g.cs");
        var own = Tree("namespace Fuzz.Shared { public sealed class Helper { } }", "case.A.g.cs");
        var compilation = new GeneratorHarness().CreateCompilation().AddSyntaxTrees(shared, own);

        var problems = SharedCodeBaseline.Problems(compilation, t => t == own).ToList();

        Assert.Contains(problems, d => d.Id == "CS0101");
    }

    [Fact]
    public void A_shared_file_that_does_not_compile_alone_is_never_trusted()
    {
        var broken = Tree("namespace Fuzz.Broken { class B { int M() => \"x\"; } }", "Support.g.cs");

        Assert.False(SharedCodeBaseline.CannotAffect([broken], [Tree("namespace Fuzz.Broken { class A { } }", "case.A.g.cs")]));
    }

    private static SyntaxTree Tree(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);
}
