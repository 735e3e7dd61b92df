// A consumer of the Alexandria.Generators package. Every type used below (Greeting, Language, GreetingValidator,
// GreetingsJson, Prompts.GreetingCardPrompt) is generated at build time from contracts/*.json; nothing is
// hand-written. Each step checks its result and the program exits 1 on the first mismatch, so CI can run it.
using System.Text;
using System.Text.Json;
using HelloContracts;
using HelloContracts.Prompts;

var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "  ok    " : "  FAIL  ") + what);
    if (!ok) failures.Add(what);
}

// 1. A typed value, serialized by the generated converter, is valid against its own contract and round-trips.
Console.WriteLine("round trip");
var greeting = new Greeting
{
    GreetingId = Guid.Parse("6f1c2a8e-3d4b-4f7a-9c1e-2b5d8a7f0e13"),
    Recipient = "Ada",
    Language = Language.Fr,
    SentAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    Times = 2,
    Tags = ["friend", "birthday"],
};
var json = JsonSerializer.Serialize(greeting, GreetingsJson.Options);
Console.WriteLine("  " + json);
Check(json.Contains("\"greeting_id\":\"6f1c2a8e-3d4b-4f7a-9c1e-2b5d8a7f0e13\"") && json.Contains("\"language\":\"fr\""),
    "members carry their JSON names and enum values their JSON spellings");
Check(GreetingValidator.Validate(Encoding.UTF8.GetBytes(json)).IsValid, "the serialized greeting satisfies the contract");
var back = JsonSerializer.Deserialize<Greeting>(json, GreetingsJson.Options)!;
Check(back.Recipient == "Ada" && back.Language == Language.Fr && back.SentAt == greeting.SentAt && back.Tags!.SequenceEqual(greeting.Tags),
    "deserializing gives the same values back");
Check(JsonSerializer.Serialize(back, GreetingsJson.Options) == json, "serializing again gives the same bytes");

// 2. A bad document: the generated validator names every problem at its JSON pointer.
Console.WriteLine("validation of a bad greeting");
var bad = """
    {"greeting_id":"6f1c2a8e-3d4b-4f7a-9c1e-2b5d8a7f0e13","recipient":"","language":"es",
     "sent_at":"2026-01-02T03:04:05Z","times":7,"tags":["a","a"]}
    """u8;
var result = GreetingValidator.Validate(bad);
foreach (var error in result.Errors)
{
    Console.WriteLine($"  {error.InstancePointer} {error.Keyword}: {error.Message}");
}

string[] expected = ["/recipient minLength", "/language enum", "/times maximum", "/tags uniqueItems"];
var reported = result.Errors.Select(e => e.InstancePointer + " " + e.Keyword).ToHashSet();
Check(expected.All(reported.Contains), "every expected violation is reported at its pointer: " + string.Join(", ", expected));
Check(!GreetingValidator.IsValid(bad), "the one-pass IsValid agrees");

// 3. A prompt rendered from the manifest: typed variables, fixed rendering rules, a cache breakpoint.
Console.WriteLine("prompt");
var prompt = GreetingCardPrompt.Render(times: 2, recipient: "Ada", language: "fr", tags: ["friend", "birthday"]);
Console.WriteLine("  " + prompt.Text.Replace("\n", "\n  "));
Check(prompt.Text.EndsWith("Recipient: Ada\nLanguage: fr\nTags:\n- friend\n- birthday\n"), "variables are rendered by the manifest's rules");
Check(prompt.StablePrefix == "You write greeting cards in the language code given.\nSay the greeting 2 time(s); keep it under 40 words.\n\nRecipient: ",
    "the cacheable prefix ends at the breakpoint, before the first per-run value");
Check(GreetingCardPrompt.Id == "greeting_card" && GreetingCardPrompt.Version == "1.0.0", "the accessor carries the prompt's id and version");

Console.WriteLine(failures.Count == 0 ? "HelloContracts: all checks passed" : $"HelloContracts: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;
