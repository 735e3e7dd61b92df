using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Server.Tests;

/// <summary>Bytes on a socket, for requests HttpClient refuses to send (an unreadable Content-Length, a NUL in the path).</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> as is and reads one answer: its headers and Content-Length bytes (or until the server closes; 10 s at most).</summary>
    public static async Task<(int Status, string Headers, string Body)> SendAsync(int port, string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", port);
        var stream = socket.GetStream();
        // No half-close after the request: Kestrel takes a FIN before its answer as the client leaving.
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var answer = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while (!Complete(answer) && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // A reset after the answer: what arrived is the answer.
        }
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        var status = headers.Length >= 12 ? int.Parse(headers.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, headers, body);
    }

    /// <summary>Whether <paramref name="answer"/> holds a whole response with a Content-Length.</summary>
    private static bool Complete(MemoryStream answer)
    {
        var text = Encoding.Latin1.GetString(answer.GetBuffer(), 0, (int)answer.Length);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }
        var match = System.Text.RegularExpressions.Regex.Match(text[..split], @"(?im)^content-length:\s*(\d+)\s*$");
        return match.Success && text.Length - split - 4 >= long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Asserts the answer is a problem+json of <paramref name="status"/> with the shape every refusal has.</summary>
    public static void AssertProblem((int Status, string Headers, string Body) reply, int status)
    {
        Assert.True(reply.Status == status, $"expected {status}, got: {reply.Headers}\n\n{reply.Body}");
        Assert.Contains("Content-Type: application/problem+json", reply.Headers, StringComparison.OrdinalIgnoreCase);
        var body = JsonNode.Parse(reply.Body)!;
        Assert.Equal(status, (int)body["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["title"]));
        Assert.NotEmpty(body["errors"]!.AsArray());
        Assert.Equal(JsonValueKind.String, body["errors"]![0]!["pointer"]!.GetValueKind());
    }
}
