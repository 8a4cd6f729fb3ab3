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

    /// <summary>Signed-in Blazor circuits opened after the hub clients (0 when none were asked for).</summary>
    public int Circuits { get; init; }

    /// <summary>The first circuits, opened and measured before the others (they pay the one-time costs).</summary>
    public int WarmCircuits { get; init; }

    /// <summary>RSS and heap after a full collection with the warm-up circuits open.</summary>
    public long RssWarm { get; init; }

    public long HeapWarm { get; init; }

    /// <summary>RSS and heap after a full collection with every circuit open as well as the hub clients.</summary>
    public long RssCircuits { get; init; }

    public long HeapCircuits { get; init; }

    /// <summary>What each circuit after the warm-up ones added.</summary>
    public double RssPerCircuit => (RssCircuits - RssWarm) / (double)Math.Max(1, Circuits - WarmCircuits);

    public double HeapPerCircuit => (HeapCircuits - HeapWarm) / (double)Math.Max(1, Circuits - WarmCircuits);

    /// <summary>What the warm-up circuits added, one-time costs included.</summary>
    public double HeapPerWarmCircuit => (HeapWarm - HeapConnected) / (double)Math.Max(1, WarmCircuits);
}
