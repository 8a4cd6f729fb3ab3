using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging.Bench;

/// <summary>The server's own memory figures from <c>/diagnostics/memory</c> (see docs/performance.md, "Memory").</summary>
public sealed record ServerMemory(long HeapBytes, long GcHeapSizeBytes, long GcCommittedBytes, long WorkingSetBytes, bool ServerGc, int Gen2Collections)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Null when the node does not expose the endpoint (an existing installation, or the setting is off).</summary>
    public static async Task<ServerMemory?> ReadAsync(HttpClient http, Uri node, bool fullCollection, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(node, $"/diagnostics/memory?collect={(fullCollection ? "true" : "false")}"), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ServerMemory>(Json, cancellationToken) : null;
    }
}

/// <summary>Server RSS and managed heap at one moment of the load (a soak samples one per interval).</summary>
public sealed record MemorySample(double ElapsedSeconds, long RssBytes, long? HeapBytes);

/// <summary>The idle scenario: memory after a forced full collection, before and after connecting the clients.</summary>
public sealed record IdleMemory(int Connections, long RssBefore, long RssConnected, long HeapBefore, long HeapConnected)
{
    public double RssPerConnection => (RssConnected - RssBefore) / (double)Math.Max(1, Connections);

    public double HeapPerConnection => (HeapConnected - HeapBefore) / (double)Math.Max(1, Connections);
}
