using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AotConsumer;
using AotConsumer.Validation;

// Everything here goes through the generated entry points and JsonTypeInfo: no reflection-based
// JsonSerializer call, so the trim and AOT analyzers (warnings as errors) have nothing to say.
var checks = new Checks();

// 1. Canonical documents round-trip byte for byte, through Parse/ToJson and through the cached JsonTypeInfo.
foreach (var (name, json) in Documents.Canonical)
{
    var utf8 = Encoding.UTF8.GetBytes(json);
    checks.True(name + ": the validator accepts it", OrderEventValidator.IsValid(utf8));
    var parsed = OrderEvent.Parse(utf8);
    checks.Equal(name + ": Parse then ToJson gives the same bytes", json, parsed.ToJson());
    checks.Equal(name + ": ToUtf8Json gives the same bytes", json, Encoding.UTF8.GetString(parsed.ToUtf8Json()));
    var viaTypeInfo = JsonSerializer.Deserialize(utf8, OrdersJson.TypeInfo.OrderEvent)!;
    checks.Equal(name + ": JsonSerializer with TypeInfo round-trips", json, JsonSerializer.Serialize(viaTypeInfo, OrdersJson.TypeInfo.OrderEvent));
    checks.Equal(name + ": read twice, equal", parsed, OrderEvent.Parse(json));
    checks.Equal(name + ": read from a stream", parsed, OrderEvent.Parse(new MemoryStream(utf8)));
}

// 2. Absent and explicit null stay apart.
var absent = (OrderShipped)OrderEvent.Parse(Documents.Canonical[2].Json);
var nulls = (OrderShipped)OrderEvent.Parse(Documents.Canonical[3].Json);
checks.Equal("absent note is absent", false, absent.Note.IsPresent);
checks.True("explicit null note is present and null", nulls.Note.IsPresent && nulls.Note.Value is null);
checks.True("explicit null tracking and weight are present and null", nulls.Tracking.IsPresent && nulls.WeightKg == (double?)null);
checks.Equal("required nullable carrier reads null", (Carrier?)null, nulls.Carrier);
checks.True("absent and null documents are different values", !absent.Equals(nulls with { Carrier = Carrier.Courier }));
checks.Equal("clearing a member to absent drops it", Documents.Canonical[2].Json,
    (nulls with { Note = default, Tracking = Optional<string?>.Absent, WeightKg = default, Carrier = Carrier.Courier }).ToJson());

// 3. Built in code: unset optional members are left out, members set to null are written as null.
var placed = new OrderPlaced
{
    EventId = Guid.Parse("3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23"),
    OrderId = Guid.Parse("5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f"),
    At = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero),
    Priority = Priority.Urgent,
    Quantities = new Dictionary<string, long> { ["ABC-0001"] = 2, ["XYZ-0420"] = 1 },
    Category = new Category
    {
        Name = "books",
        Children = [new Category { Name = "poetry", Children = [new Category { Name = "haiku", Children = [] }] }],
    },
    Coupon = null,
};
checks.Equal("an event built in code writes the canonical document", Documents.Canonical[0].Json, placed.ToJson());
checks.True("an event built in code is valid", OrderEventValidator.IsValid(placed.ToUtf8Json()));
checks.True("setting a note to null writes \"note\":null", (placed with { Note = null }).ToJson().Contains("\"note\":null", StringComparison.Ordinal));
checks.Equal("a case matches exhaustively", "placed:urgent", placed.Match(p => "placed:" + PriorityJsonConverter.ToJsonValue(p.Priority), s => "shipped", c => "cancelled"));

// 4. Documents that break the contract never become objects: Parse throws, TryParse says where.
foreach (var (name, json, pointer) in Documents.Invalid)
{
    var ok = OrderEvent.TryParse(Encoding.UTF8.GetBytes(json), out var value, out var result);
    checks.True(name + ": TryParse refuses it", !ok && value is null && !result.IsValid);
    checks.Names(name + ": an error names " + (pointer.Length == 0 ? "the root" : pointer), pointer, result.Errors.Select(e => e.InstancePointer));
    checks.Throws<ContractValidationException>(name + ": Parse throws with the errors", () => OrderEvent.Parse(json),
        e => e.Result.Errors.Count == result.Errors.Count && e.Message.Contains(result.Errors[0].InstancePointer, StringComparison.Ordinal) ? null : e.Message);
}

// 5. The opt-out reads without validating, but still refuses what the types cannot hold, at its place.
checks.Throws<ContractJsonException>("ParseUnvalidated refuses a bad uuid at its pointer", () => OrderEvent.ParseUnvalidated(Documents.Invalid[2].Json),
    e => e.InstancePointer == "/event_id" && e.Path == "$.event_id" ? null : e.Message);
checks.Throws<ContractJsonException>("ParseUnvalidated refuses an unknown discriminator at the discriminator", () => OrderEvent.ParseUnvalidated(Documents.Invalid[0].Json),
    e => e.InstancePointer == "/type" && e.Message.Contains("order_lost", StringComparison.Ordinal) ? null : e.Message);
checks.Throws<ContractJsonException>("ParseUnvalidated refuses a missing required member", () => OrderEvent.ParseUnvalidated(Documents.Invalid[1].Json),
    e => e.Message == "(root): required member 'reason' of OrderCancelled is missing" ? null : e.Message);
checks.Equal("ParseUnvalidated accepts what only the validator forbids", 0L, ((OrderPlaced)OrderEvent.ParseUnvalidated(Documents.Invalid[4].Json)).Quantities["ABC-0001"]);

// 6. Enums and a case on their own.
checks.Equal("enum to JSON", "\"urgent\"", PriorityJsonConverter.ToJson(Priority.Urgent));
checks.Equal("enum from JSON", Priority.Low, PriorityJsonConverter.Parse("\"low\""u8));
checks.True("an enum value outside the contract is refused", !PriorityJsonConverter.TryParse("\"high\""u8, out _, out var priorityErrors) && priorityErrors.Errors.Count > 0);
checks.Equal("a case parses as itself", "customer asked", OrderCancelled.Parse(Documents.Canonical[5].Json).Reason);
checks.Equal("a recursive type parses alone", 2, Category.Parse("""{"name":"a","children":[{"name":"b","children":[]},{"name":"c","children":[]}]}""").Children.Count);

return checks.Report();
