using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tests.Loop;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;

namespace Alexandria.Agents.Tests.Models;

public sealed class ModelScriptTests
{
    [Fact]
    public async Task A_recorded_run_replays_offline_byte_for_byte()
    {
        var shipped = await ModelScriptFile.ReadAsync(Path.Combine(ShippedScenarioTests.Folder, "agent-research.json"));
        var index = FolderDocumentIndex.Build(Path.Combine(ShippedScenarioTests.Folder, "research-docs"));
        var recordingPath = Path.Combine(Path.GetTempPath(), "alexandria-recording-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await using var liveStore = await TemporaryStore.CreateAsync();
            using (var recorder = new RecordingChatClient(new ScriptedChatClient(shipped), recordingPath, shipped.Objective))
            {
                var live = await new AgentRunner(liveStore.Store, recorder, AgentRunner.ResearchTools(index), ShippedScenarioTests.Options(shipped)).RunAsync("rec", shipped.Objective!);
                Assert.Equal(AgentRunStatus.Completed, live.Status);
            }

            var recording = await ModelScriptFile.ReadAsync(recordingPath);
            Assert.Equal(shipped.Turns.Count, recording.Turns.Count);
            Assert.All(recording.Turns, t => Assert.Matches("^[a-f0-9]{64}$", t.Expect!.RequestSha256));
            Assert.Equal(shipped.Turns.Select(t => t.Reply), recording.Turns.Select(t => t.Reply));

            // Replayed from the recording, every request matches its recorded hash and the log is the same, byte for byte.
            await using (var store = await TemporaryStore.CreateAsync())
            {
                var replay = await new AgentRunner(store.Store, new ScriptedChatClient(recording), AgentRunner.ResearchTools(index), ShippedScenarioTests.Options(shipped)).RunAsync("rec", shipped.Objective!);
                Assert.Equal(AgentRunStatus.Completed, replay.Status);
                var expected = await liveStore.Store.Events.ReadAsync("rec", 1, 10_000);
                var actual = await store.Store.Events.ReadAsync("rec", 1, 10_000);
                Assert.Equal(expected.Count, actual.Count);
                Assert.All(expected.Zip(actual), pair => Assert.True(pair.First.Json.Span.SequenceEqual(pair.Second.Json.Span), $"seq {pair.First.Seq} differs"));
            }

            // Another objective changes the very first request: the replay refuses to pretend.
            await using (var store = await TemporaryStore.CreateAsync())
            {
                var diverged = await new AgentRunner(store.Store, new ScriptedChatClient(recording), AgentRunner.ResearchTools(index), ShippedScenarioTests.Options(shipped)).RunAsync("rec", "Something else.");
                Assert.Equal(AgentRunStatus.ModelFailed, diverged.Status);
                Assert.Contains("bytes differ from the recording", diverged.Message);
            }
        }
        finally
        {
            File.Delete(recordingPath);
        }
    }

    [Theory]
    [InlineData("""{"turns":[]}""", "/format")]
    [InlineData("""{"format":"alexandria-model-script/1"}""", "/turns")]
    [InlineData("""{"format":"alexandria-model-script/1","turns":[{"prompt":"planner"}]}""", "/turns/0")]
    [InlineData("""{"format":"alexandria-model-script/1","turns":[{"prompt":"planner","reply":"x","usage":{"input_tokens":-1}}]}""", "/turns/0/usage/input_tokens")]
    [InlineData("""{"format":"alexandria-model-script/1","clock":{"start":"yesterday"},"turns":[]}""", "/clock/start")]
    public void A_bad_script_is_reported_at_its_pointer(string json, string pointer)
    {
        var error = Assert.Throws<ModelScriptFormatException>(() => ModelScriptFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.Equal(pointer, error.Pointer);
        Assert.StartsWith("bad.json: " + pointer, error.Message);
    }

    [Fact]
    public void A_script_survives_a_write_and_read()
    {
        var script = new ModelScript("objective", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMilliseconds(250), new[]
        {
            new ScriptedTurn("planner", "prose {\"a\":1,}", new RequestExpectation(new[] { "x" }, new[] { "y" }, new string('a', 64)), new TurnUsage(1, 2, 3), "m", TimeSpan.FromMilliseconds(5), "why"),
        });
        var back = ModelScriptFile.Parse(ModelScriptFile.ToBytes(script));
        Assert.Equal(script.Objective, back.Objective);
        Assert.Equal(script.ClockStart, back.ClockStart);
        Assert.Equal(script.ClockTick, back.ClockTick);
        var turn = Assert.Single(back.Turns);
        Assert.Equal(script.Turns[0] with { Expect = null }, turn with { Expect = null });
        Assert.Equal(script.Turns[0].Expect!.Contains, turn.Expect!.Contains);
        Assert.Equal(script.Turns[0].Expect!.RequestSha256, turn.Expect.RequestSha256);
    }
}
