using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Prompts;

public sealed class PromptRenderingTests
{
    private static readonly Lazy<PromptAssembly> Synthetic = new(() => PromptAssembly.Load(PromptContracts.Compile(PromptContracts.Triage)));

    private static PromptAssembly.Rendered RenderTriage(long ticketId = 42, string body = "Printer on fire.", string[]? labels = null, string? note = null)
        => Synthetic.Value.Render("TriagePrompt", "search(q)\nfetch(url)", ticketId, 0.1 + 0.2, true, body, labels ?? ["hardware", "urgent"], note);

    [Fact]
    public void Render_fills_every_placeholder_with_invariant_culture_values_and_the_manifest_rendering_rules()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a decimal comma must not leak into prompts
        try
        {
            var rendered = RenderTriage();

            Assert.Equal(
                "You triage tickets.\nTools:\nsearch(q)\nfetch(url)\n\nTicket 42 (priority 0.30000000000000004, urgent: yes):\nPrinter on fire.\nLabels:\n- hardware\n- urgent\nNote: n/a\n",
                rendered.Text);
            Assert.Equal("triage", rendered.PromptId);
            Assert.Equal("1.2.0", rendered.PromptVersion);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Breakpoints_are_offsets_in_the_rendered_text_just_before_their_variables()
    {
        var rendered = RenderTriage();

        Assert.Equal(
            [("instructions", rendered.Text.IndexOf("42", StringComparison.Ordinal)), ("ticket", rendered.Text.IndexOf("Printer", StringComparison.Ordinal))],
            rendered.Breakpoints);
        Assert.Equal(45, Synthetic.Value.Constant("TriagePrompt", "TemplateBreakpoints.Instructions"));
        Assert.Equal(104, Synthetic.Value.Constant("TriagePrompt", "TemplateBreakpoints.Ticket"));
    }

    [Fact]
    public void Prefix_hash_is_the_sha256_of_the_text_before_the_last_breakpoint()
    {
        var rendered = RenderTriage();

        var prefix = rendered.Text[..rendered.Breakpoints[^1].Offset];
        Assert.EndsWith("urgent: yes):\n", prefix);
        Assert.Equal(Sha256(prefix), rendered.PrefixHash);
    }

    [Fact]
    public void Same_inputs_render_byte_identical_text_and_the_same_prefix_hash()
    {
        var first = RenderTriage();
        var second = RenderTriage();

        Assert.Equal(Encoding.UTF8.GetBytes(first.Text), Encoding.UTF8.GetBytes(second.Text));
        Assert.Equal(first.Breakpoints, second.Breakpoints);
        Assert.Equal(first.PrefixHash, second.PrefixHash);
    }

    [Fact]
    public void Changing_a_value_after_the_last_breakpoint_keeps_the_prefix_hash_and_changing_one_before_it_does_not()
    {
        var baseline = RenderTriage();

        Assert.Equal(baseline.PrefixHash, RenderTriage(body: "Printer fixed.", labels: [], note: "done").PrefixHash);
        Assert.NotEqual(baseline.PrefixHash, RenderTriage(ticketId: 43).PrefixHash);
    }

    [Fact]
    public void An_empty_list_and_a_supplied_optional_value_render_by_the_manifest_rules()
    {
        var rendered = RenderTriage(labels: [], note: "checked");

        Assert.EndsWith("Labels:\n(none)\nNote: checked\n", rendered.Text);
    }

    [Fact]
    public void A_template_without_breakpoints_has_no_breakpoints_and_the_hash_of_an_empty_prefix()
    {
        var rendered = Synthetic.Value.Render("SummaryNotePrompt", "Q3", null);

        Assert.Equal("Summary of \"Q3\": n/a", rendered.Text);
        Assert.Empty(rendered.Breakpoints);
        Assert.Equal(Sha256(""), rendered.PrefixHash);
    }

    [Fact]
    public void A_missing_required_string_is_rejected_at_render_time()
    {
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => RenderTriage(body: null!));

        Assert.Equal("body", Assert.IsType<ArgumentNullException>(error.InnerException).ParamName);
    }

    [Fact]
    public void The_real_planner_prompt_renders_with_breakpoints_shifted_by_the_values_before_them()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run().AssertCompiles();
        var assembly = PromptAssembly.Load(run.Compilation);
        var template = (string)assembly.Constant("PlannerPrompt", "Template")!;

        var rendered = assembly.Render("PlannerPrompt", "TOOLS", "Ship it", "{}", new[] { "{\"seq\":1}" }, Array.Empty<string>());

        var toolGrowth = "TOOLS".Length - "{{tool_catalog}}".Length;
        Assert.Equal((int)assembly.Constant("PlannerPrompt", "TemplateBreakpoints.InstructionsAndTools")! + toolGrowth, rendered.Breakpoints[0].Offset);
        Assert.Equal(template.IndexOf("{{objective}}", StringComparison.Ordinal) + toolGrowth, rendered.Breakpoints[0].Offset);
        Assert.StartsWith("Ship it\n", rendered.Text[rendered.Breakpoints[0].Offset..]);
        Assert.StartsWith("{}\n\nEvents since the snapshot", rendered.Text[rendered.Breakpoints[1].Offset..]);
        Assert.StartsWith("- {\"seq\":1}\n\nGuardrail notices:\n(none)\n", rendered.Text[rendered.Breakpoints[2].Offset..]);
    }

    [Fact]
    public void The_prefix_hash_stops_at_the_last_breakpoint_with_only_static_and_run_values_before_it()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run().AssertCompiles();
        var assembly = PromptAssembly.Load(run.Compilation);
        var before = assembly.Render("PlannerPrompt", "TOOLS", "Ship it", "{}", new[] { "{\"seq\":1}" }, Array.Empty<string>());

        // The planner's last breakpoint follows the snapshot (volatility 'snapshot'): it still caches between
        // compactions, but the recorded prefix is the run-stable one before it, so a compaction keeps the hash.
        Assert.Equal(["instructions_and_tools", "run", "run_and_snapshot"], before.Breakpoints.Select(b => b.Name));
        Assert.Equal(Sha256(before.Text[..before.Breakpoints[1].Offset]), before.PrefixHash);
        var afterCompaction = assembly.Render("PlannerPrompt", "TOOLS", "Ship it", "{\"covered_seq\":{\"first\":1,\"last\":18}}", new[] { "{\"seq\":19}" }, Array.Empty<string>());
        Assert.Equal(before.PrefixHash, afterCompaction.PrefixHash);
        Assert.NotEqual(before.PrefixHash, assembly.Render("PlannerPrompt", "TOOLS", "Ship it!", "{}", Array.Empty<string>(), Array.Empty<string>()).PrefixHash);

        // The executor's breakpoints all follow run values only: its hash covers everything before the step.
        var executor = assembly.Render("ExecutorPrompt", "TOOLS", "Ship it", new[] { "docs/" }, Array.Empty<string>(), 3L, "Search.", "call-7");
        Assert.Equal(Sha256(executor.Text[..executor.Breakpoints[^1].Offset]), executor.PrefixHash);
        Assert.StartsWith("3: Search.", executor.Text[executor.Breakpoints[^1].Offset..]);
    }

    [Fact]
    public void A_reused_prefix_hash_is_always_the_hash_of_the_prefix_rendered_now()
    {
        // Each accessor remembers its last run-stable prefix and hash: alternating prefixes (two runs interleaved) and
        // prefixes of equal length that differ in one character must each get their own hash, never a stale one.
        string[] tools = ["search(q)", "search(x)", "search(q)", "fetch(url)\nsearch(q)", "search(q)"];
        foreach (var tool in tools)
        {
            var rendered = Synthetic.Value.Render("TriagePrompt", tool, 42L, 0.5, false, "Body.", Array.Empty<string>(), null);
            Assert.Equal(Sha256(rendered.Text[..rendered.Breakpoints[^1].Offset]), rendered.PrefixHash);
        }
    }

    [Fact]
    public void Prefix_hashes_rendered_on_many_threads_at_once_are_each_the_hash_of_their_own_prefix()
    {
        var failures = 0;
        System.Threading.Tasks.Parallel.For(0, 400, i =>
        {
            var rendered = Synthetic.Value.Render("TriagePrompt", "tool-" + (i % 7), (long)i, 1.5, true, "Body.", new[] { "x" }, "n");
            if (rendered.PrefixHash != Sha256(rendered.Text[..rendered.Breakpoints[^1].Offset]))
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Long_values_extreme_numbers_and_text_outside_ascii_render_whole_and_hash_as_utf8()
    {
        var tools = string.Concat(Enumerable.Repeat("outil \u00e9t\u00e9 \U0001F4DA \u6f22\u5b57\n", 2000));
        var labels = Enumerable.Range(0, 300).Select(i => "label-" + i + "-\u00fc").ToArray();

        var rendered = Synthetic.Value.Render("TriagePrompt", tools, long.MinValue, -1.7976931348623157E+308, false, "B\u00f6dy", labels, null);

        Assert.StartsWith("You triage tickets.\nTools:\n" + tools + "\n\nTicket -9223372036854775808 (priority -1.7976931348623157E+308, urgent: no):\nB\u00f6dy\nLabels:\n- label-0-\u00fc\n", rendered.Text);
        Assert.EndsWith("- label-299-\u00fc\nNote: n/a\n", rendered.Text);
        Assert.Equal(Sha256(rendered.Text[..rendered.Breakpoints[^1].Offset]), rendered.PrefixHash);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
