using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tools;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using Microsoft.Extensions.AI;

// Runs (mode "run") or resumes (mode "resume") one agent run of Steps steps whose even steps call a
// non-idempotent tool with a side effect outside the run (a line appended to <effects file>) and whose odd steps
// search. Model calls and the tool take a few random milliseconds, so the parent's SIGKILL lands anywhere: in a
// model call, between events, inside the tool before or after its effect, in a compaction.
// Usage: AgentCrashHost <root> <run id> <run|resume> <effects file> <seed> [postgres connection string]
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: AgentCrashHost <root> <run id> <run|resume> <effects file> <seed> [postgres connection string]");
    return 2;
}

const int Steps = 10;
const string Objective = "Write a note on every even step and search on every odd one.";
var random = new Random(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
await using IRuntimeStore store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = args[0], PostgresConnectionString = args.Length > 5 ? args[5] : null });
var index = FolderDocumentIndex.FromDocuments(new Dictionary<string, string>
{
    ["a.md"] = "Compaction fires at 18 counted events.\n\nSnapshots keep the loop counters.",
    ["b.md"] = "Handoff packets carry the scope.\n\nEvidence is stored as pointers.",
});
var tools = new ToolRegistry(new ITool[] { new SearchTool(index), new NoteTool(args[3], random) });
var options = new AgentOptions { Session = new RunSessionOptions { Compaction = new CompactionPolicy { EventThreshold = 6 } } };
var runner = new AgentRunner(store, new CountingModel(Steps, random), tools, options);
var started = false;
void Progress(AgentProgress progress)
{
    if (!started)
    {
        started = true;
        Console.Out.WriteLine("started");
        Console.Out.Flush();
    }
}

var result = args[2] == "run"
    ? await runner.RunAsync(args[1], Objective, Progress)
    : await runner.ResumeAsync(args[1], Objective, Progress);
Console.Out.WriteLine("started");
Console.Out.WriteLine("finished " + result.Status);
Console.Out.Flush();
return 0;
