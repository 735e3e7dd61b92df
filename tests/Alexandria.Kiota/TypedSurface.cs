using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Alexandria.Kiota.Client;
using Alexandria.Kiota.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Alexandria.Kiota.RoundTrip;

/// <summary>
/// What Kiota generated from the served description, by reflection: every request and response body is a
/// generated model (no <see cref="UntypedNode"/>, no raw stream except artifact content, which is bytes), and the problem body is a typed error.
/// </summary>
internal static class TypedSurface
{
    private static readonly Type[] Generated = typeof(AlexandriaKiotaClient).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith("Alexandria.Kiota.Client", StringComparison.Ordinal) == true)
        .ToArray();

    /// <param name="checks">Where the verdicts go.</param>
    /// <param name="describedOperations">How many operations the served description declares.</param>
    public static void Register(Checks checks, int describedOperations)
    {
        checks.Run("the main schemas are generated model classes", () =>
        {
            Type[] main = [typeof(Run), typeof(Create_run_request), typeof(Append_events_request), typeof(Append_events_result), typeof(Event_page),
                typeof(Run_event), typeof(Plan_event), typeof(Compaction_snapshot), typeof(Snapshot_history), typeof(Artifact_record),
                typeof(Handoff_packet), typeof(Packet), typeof(Packet_receipt), typeof(Problem_details), typeof(Problem_error)];
            foreach (var type in main)
            {
                Checks.Expect(typeof(IParsable).IsAssignableFrom(type), type.Name + " is not a Kiota model");
                Checks.Expect(type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Any(p => p.Name != "AdditionalData"),
                    type.Name + " has no typed property");
            }
        });

        checks.Run("no generated model property is an UntypedNode", () =>
        {
            var untyped = Generated.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Where(p => Mentions(p.PropertyType, typeof(UntypedNode)))
                .Select(p => p.DeclaringType!.Name + "." + p.Name)
                .ToArray();
            Checks.Expect(untyped.Length == 0, "untyped: " + string.Join(", ", untyped));
        });

        checks.Run("every operation sends and returns generated models", () =>
        {
            var operations = Generated.Where(t => t.Name.EndsWith("RequestBuilder", StringComparison.Ordinal))
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
                .ToArray();
            Checks.Expect(operations.Length == describedOperations, $"{operations.Length} operations generated, {describedOperations} described");
            foreach (var operation in operations)
            {
                // Artifact content (/runs/{runId}/artifacts/{artifactId}/content) is bytes by contract: a Stream there, and only there.
                var bytes = operation.DeclaringType!.Name == "ContentRequestBuilder";
                var returned = operation.ReturnType.GetGenericArguments().SingleOrDefault();
                Checks.Expect(returned is not null && (bytes ? returned == typeof(System.IO.Stream) || typeof(IParsable).IsAssignableFrom(returned) : typeof(IParsable).IsAssignableFrom(returned)) && returned != typeof(UntypedNode),
                    $"{operation.DeclaringType!.Name}.{operation.Name} returns {operation.ReturnType}");
                foreach (var body in operation.GetParameters().Where(p => p.Name == "body"))
                {
                    Checks.Expect((bytes ? body.ParameterType == typeof(System.IO.Stream) : typeof(IParsable).IsAssignableFrom(body.ParameterType)) && body.ParameterType != typeof(UntypedNode),
                        $"{operation.DeclaringType!.Name}.{operation.Name} takes a {body.ParameterType.Name} body");
                }
            }
        });

        checks.Run("problem_details is a typed API exception", () =>
            Checks.Expect(typeof(ApiException).IsAssignableFrom(typeof(Problem_details)), "Problem_details does not derive from ApiException"));
    }

    private static bool Mentions(Type type, Type target)
        => type == target || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, target)));
}
