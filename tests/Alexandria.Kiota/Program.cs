using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using Alexandria.Kiota.Client;
using Alexandria.Kiota.RoundTrip;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

// Alexandria.Kiota.RoundTrip <server-url>: run.sh's harness over the Kiota client it generated into Generated/.
var checks = new Checks();
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var server))
{
    Console.Error.WriteLine("usage: Alexandria.Kiota.RoundTrip <server-url>, e.g. http://127.0.0.1:5080");
    return 2;
}

var description = new Uri(server, "/openapi.bundled.json");
Console.WriteLine("Kiota client generated from " + description);
using (var http = new HttpClient())
{
    var paths = JsonNode.Parse(await http.GetStringAsync(description))!["paths"]!.AsObject();
    string[] methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    var operations = paths.Sum(path => path.Value!.AsObject().Count(member => methods.Contains(member.Key)));
    TypedSurface.Register(checks, operations);
}

using var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = server.ToString().TrimEnd('/') };
var client = new AlexandriaKiotaClient(adapter);
await RoundTrip.RunAsync(checks, client);

checks.Summarize();
return checks.AllPassed ? 0 : 1;
