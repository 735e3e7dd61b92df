using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Alexandria.Cli.Output;
using Alexandria.Handoff;
using Alexandria.Handoff.Dispatch;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary><c>handoff packet request|respond|handoff|review|list</c> and <c>handoff ack</c>.</summary>
internal static class PacketCommands
{
    public static Command Create()
    {
        var command = new Command("packet", "Write a packet (validated, append-only, under artifacts/packets/) and print its dispatch block; list packets.");
        command.Subcommands.Add(Request());
        command.Subcommands.Add(Respond());
        command.Subcommands.Add(HandoffPacketCommand());
        command.Subcommands.Add(Review());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Request()
    {
        var from = HandoffOptions.Role("--from", "Who asks.");
        var topic = new Option<string>("--topic") { Description = "Topic of the request.", Required = true };
        var query = new Option<string>("--query") { Description = "What is needed.", Required = true };
        var command = Common(new Command("request", "CONTEXT_REQUEST: an agent asks for missing context (instead of an ad-hoc prompt)."), out var shared);
        command.Options.Add(from);
        command.Options.Add(topic);
        command.Options.Add(query);
        command.SetAction(result => Emit(result, shared, (factory, origin) =>
            factory.Request(origin, HandoffOptions.ParseRole("--from", result.GetValue(from)!), result.GetValue(topic)!, result.GetValue(query)!)));
        return command;
    }

    private static Command Respond()
    {
        var request = new Option<string>("--request") { Description = "The request answered, as its dispatch block names it.", Required = true };
        var from = HandoffOptions.Role("--from", "Who answers.");
        var commit = new Option<string>("--commit") { Description = "The commit the files are read at (default HEAD).", DefaultValueFactory = _ => "HEAD" };
        var refs = new Option<string[]>("--ref")
        {
            Description = "A relevant file and what it holds, as 'file=summary' (repeat for each file; each must exist at the commit).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = Common(new Command("respond", "CONTEXT_RESPONSE: answers a stored CONTEXT_REQUEST with files of the repository at a commit."), out var shared);
        command.Options.Add(request);
        command.Options.Add(from);
        command.Options.Add(commit);
        command.Options.Add(refs);
        command.SetAction(result => Emit(result, shared, (factory, origin) =>
            factory.Respond(origin, result.GetValue(request)!, HandoffOptions.ParseRole("--from", result.GetValue(from)!), result.GetValue(commit)!, ParseRefs(result.GetValue(refs)!))));
        return command;
    }

    private static Command HandoffPacketCommand()
    {
        var from = HandoffOptions.Role("--from", "Sending role.");
        var to = HandoffOptions.Role("--to", "Receiving role.");
        var objective = new Option<string>("--objective") { Description = "What the receiver must achieve.", Required = true };
        var state = new Option<string>("--state") { Description = "Where the work stands.", Required = true };
        var scope = new Option<string[]>("--scope") { Description = "What the receiver may work on (repeat).", Required = true };
        var context = new Option<string?>("--context") { Description = "The context packet this handoff continues (as its dispatch block names it)." };
        var command = Common(new Command("handoff", "HANDOFF: transfers control and state from one role to another."), out var shared);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(objective);
        command.Options.Add(state);
        command.Options.Add(scope);
        command.Options.Add(context);
        command.SetAction(result => Emit(result, shared, (factory, origin) => factory.Handoff(origin with { ContextPacketId = result.GetValue(context) },
            HandoffOptions.ParseRole("--from", result.GetValue(from)!), HandoffOptions.ParseRole("--to", result.GetValue(to)!),
            result.GetValue(objective)!, result.GetValue(state)!, result.GetValue(scope)!)));
        return command;
    }

    private static Command Review()
    {
        var from = HandoffOptions.Role("--from", "Who reports.");
        var outcome = new Option<string>("--outcome") { Description = "complete, partial or blocked.", DefaultValueFactory = _ => "complete" };
        var summary = new Option<string>("--summary") { Description = "What was done and how it was verified.", Required = true };
        var files = new Option<string[]>("--changed") { Description = "A file the mission changed (repeat)." };
        var command = Common(new Command("review", "REVIEW: the report the human lead reads at the end of a mission (the closure bundle collects it)."), out var shared);
        command.Options.Add(from);
        command.Options.Add(outcome);
        command.Options.Add(summary);
        command.Options.Add(files);
        command.SetAction(result => Emit(result, shared, (factory, origin) =>
        {
            var mission = origin.Mission ?? throw new HandoffException("a review belongs to a mission: add --mission \"<the mission's name>\"");
            var parsed = ReviewPacketOutcomeJsonConverter.TryParse(result.GetValue(outcome)!.Trim().ToLowerInvariant(), out var value)
                ? value
                : throw new HandoffException("--outcome must be complete, partial or blocked");
            return factory.Review(origin, mission, HandoffOptions.ParseRole("--from", result.GetValue(from)!), parsed, result.GetValue(summary)!, result.GetValue(files) ?? []);
        }));
        return command;
    }

    private static Command List()
    {
        var repo = HandoffOptions.Repo();
        var format = OutputOptions.Format();
        var command = new Command("list", "Every packet under artifacts/packets/ (an invalid one is reported with its JSON pointer); exits 1 when any is invalid.");
        command.Options.Add(repo);
        command.Options.Add(format);
        command.SetAction(result =>
        {
            var output = CliOutput.For(result, format, OutputMode.Plain);
            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var all = workspace.Store.All();
                var table = new ReportTable(null, "packet", "type", "created (UTC)", "workstream", "mission");
                var invalid = 0;
                foreach (var (path, packet, problems) in all)
                {
                    if (packet is null)
                    {
                        invalid++;
                        foreach (var problem in problems)
                        {
                            output.Error($"[red]invalid:[/] {problem}");
                        }

                        continue;
                    }

                    table.AddRow(packet.PacketId, packet.PacketType, packet.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                        packet.Workstream ?? "", Mission(packet) ?? "");
                }

                if (output.Mode == OutputMode.Json)
                {
                    output.WriteJson(all.Where(p => p.Packet is not null).Select(p => p.Packet!).ToList(), HandoffJsonContext.Default.ListPacket);
                }
                else
                {
                    output.Write(table);
                }

                return invalid == 0 ? HandoffOptions.Ok : HandoffOptions.RuleFailed;
            });
        });
        return command;
    }

    public static Command Ack()
    {
        var packet = new Argument<string>("packet") { Description = "The packet named in the dispatch block, or a packet file to ingest." };
        var allowStale = new Option<bool>("--allow-stale") { Description = "Accept a packet older than its TTL; the override is recorded with the acknowledgement." };
        var sha = new Option<string?>("--sha256") { Description = "Mode 1: the SHA-256 from the dispatch block; the packet must match it." };
        var repo = HandoffOptions.Repo();
        var command = new Command("ack", "Ingest a packet: validate it, block it if stale, check a response against its request and the repository, then print 'ACK loaded context <packet>.'");
        command.Arguments.Add(packet);
        command.Options.Add(allowStale);
        command.Options.Add(sha);
        command.Options.Add(repo);
        command.SetAction(result =>
        {
            var output = CliOutput.For(result, null);
            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var outcome = workspace.Ingestion.Ingest(result.GetValue(packet)!, result.GetValue(allowStale), result.GetValue(sha));
                if (outcome.Outcome == IngestionOutcome.Acknowledged)
                {
                    output.Out.WriteLine(outcome.Message);
                    return HandoffOptions.Ok;
                }

                output.Error($"[red]{outcome.Message}[/]");
                return HandoffOptions.RuleFailed;
            });
        });
        return command;
    }

    /// <summary>The options every packet-writing command shares.</summary>
    private static Command Common(Command command, out SharedOptions shared)
    {
        shared = new SharedOptions(HandoffOptions.Repo(), HandoffOptions.Mode(), HandoffOptions.Mission(), HandoffOptions.Workstream(), OutputOptions.Format());
        command.Options.Add(shared.Repo);
        command.Options.Add(shared.Mode);
        command.Options.Add(shared.Mission);
        command.Options.Add(shared.Workstream);
        command.Options.Add(shared.Format);
        return command;
    }

    /// <summary>Writes the packet, then prints what was written and the dispatch block (or the packet as JSON).</summary>
    private static int Emit(ParseResult result, SharedOptions shared, Func<PacketFactory, PacketOrigin, Packet> create)
    {
        var output = CliOutput.For(result, shared.Format, OutputMode.Plain);
        return HandoffRunner.Run(output, () =>
        {
            var workspace = HandoffOptions.Open(result.GetValue(shared.Repo));
            var origin = new PacketOrigin(HandoffOptions.ParseMode(result.GetValue(shared.Mode)), result.GetValue(shared.Workstream), null, result.GetValue(shared.Mission));
            var packet = create(new PacketFactory(workspace), origin);
            var path = workspace.Store.PathOf(packet.PacketId);
            if (output.Mode == OutputMode.Json)
            {
                output.Out.Write(PacketJson.Text(File.ReadAllBytes(path)));
                return HandoffOptions.Ok;
            }

            output.Out.WriteLine("Wrote " + packet.PacketType + " " + packet.PacketId + " (" + workspace.Layout.Relative(path) + ")");
            if (packet.Workstream is not null)
            {
                output.Out.WriteLine("Workstream: " + packet.Workstream);
            }

            output.Out.WriteLine();
            output.Out.Write(DispatchBlock.Render(packet, File.ReadAllBytes(path)));
            return HandoffOptions.Ok;
        });
    }

    private static string? Mission(Packet packet) => packet switch
    {
        ReviewPacket r => r.Mission,
        ContextRequestPacket p => p.Mission,
        ContextResponsePacket p => p.Mission,
        HandoffPacket p => p.Mission,
        ReadinessPacket p => p.Mission,
        CouncilPacket p => p.Mission,
        _ => null,
    };

    private static List<RepoRef> ParseRefs(IEnumerable<string> refs) => refs.Select(r =>
    {
        var at = r.IndexOf('=', StringComparison.Ordinal);
        return at <= 0
            ? throw new HandoffException("--ref '" + r + "' needs the form 'file=summary'")
            : new RepoRef { Path = r[..at].Trim().Replace('\\', '/'), Summary = r[(at + 1)..].Trim() };
    }).ToList();

    private sealed record SharedOptions(Option<DirectoryInfo?> Repo, Option<int> Mode, Option<string?> Mission, Option<string?> Workstream, Option<OutputFormat> Format);
}
