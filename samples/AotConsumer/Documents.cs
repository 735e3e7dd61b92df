namespace AotConsumer;

/// <summary>The documents the sample reads: canonical ones that must round-trip byte for byte, and broken ones.</summary>
internal static class Documents
{
    private const string Envelope = "\"event_id\":\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23\",\"order_id\":\"5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f\",\"at\":\"2026-11-23T10:15:00Z\"";

    /// <summary>Canonical documents (members in contract order, no whitespace): reading and writing must give the same bytes.</summary>
    public static readonly (string Name, string Json)[] Canonical =
    [
        ("placed with nested categories and a map",
            "{" + Envelope + ",\"type\":\"order_placed\",\"priority\":\"urgent\",\"quantities\":{\"ABC-0001\":2,\"XYZ-0420\":1},"
            + "\"category\":{\"name\":\"books\",\"children\":[{\"name\":\"poetry\",\"children\":[{\"name\":\"haiku\",\"children\":[]}]}]},\"coupon\":null}"),
        ("placed with a note and a coupon",
            "{" + Envelope + ",\"type\":\"order_placed\",\"note\":\"gift wrap\",\"priority\":\"low\",\"quantities\":{},\"category\":{\"name\":\"toys\",\"children\":[]},\"coupon\":\"WINTER\"}"),
        ("shipped with every optional member absent",
            "{" + Envelope + ",\"type\":\"order_shipped\",\"carrier\":\"courier\"}"),
        ("shipped with every optional member null",
            "{" + Envelope + ",\"type\":\"order_shipped\",\"note\":null,\"carrier\":null,\"tracking\":null,\"weight_kg\":null}"),
        ("shipped with values",
            "{" + Envelope + ",\"type\":\"order_shipped\",\"carrier\":\"post\",\"tracking\":\"RR123456785DE\",\"weight_kg\":1.25}"),
        ("cancelled with a refund date",
            "{" + Envelope + ",\"type\":\"order_cancelled\",\"reason\":\"customer asked\",\"refund_due\":\"2026-12-01\"}"),
    ];

    /// <summary>Documents the contract rejects, and the JSON pointer an error must name.</summary>
    public static readonly (string Name, string Json, string Pointer)[] Invalid =
    [
        ("unknown discriminator", "{" + Envelope + ",\"type\":\"order_lost\"}", "/type"),
        ("missing required member", "{" + Envelope + ",\"type\":\"order_cancelled\"}", ""),
        ("uuid that is not one", "{" + Envelope.Replace("3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23", "not-a-uuid") + ",\"type\":\"order_cancelled\",\"reason\":\"because\"}", "/event_id"),
        ("sku key that breaks its pattern", "{" + Envelope + ",\"type\":\"order_placed\",\"priority\":\"low\",\"quantities\":{\"abc\":1},\"category\":{\"name\":\"x\",\"children\":[]},\"coupon\":null}", "/quantities"),
        ("quantity below its minimum", "{" + Envelope + ",\"type\":\"order_placed\",\"priority\":\"low\",\"quantities\":{\"ABC-0001\":0},\"category\":{\"name\":\"x\",\"children\":[]},\"coupon\":null}", "/quantities/ABC-0001"),
        ("empty category name deep in the tree", "{" + Envelope + ",\"type\":\"order_placed\",\"priority\":\"low\",\"quantities\":{},\"category\":{\"name\":\"x\",\"children\":[{\"name\":\"\",\"children\":[]}]},\"coupon\":null}", "/category/children/0/name"),
        ("enum value that is not one", "{" + Envelope + ",\"type\":\"order_shipped\",\"carrier\":\"pigeon\"}", "/carrier"),
        ("null where the contract has no null", "{" + Envelope + ",\"type\":\"order_cancelled\",\"reason\":null}", "/reason"),
    ];
}
