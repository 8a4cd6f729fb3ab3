using System.Net;
using System.Runtime;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Operations;

/// <summary>
/// <c>GET /diagnostics/memory[?collect=true]</c>: the process's managed heap and working set, optionally after a forced,
/// compacting full garbage collection, so the benchmark can measure memory per connection. Off unless
/// <c>Messaging:Diagnostics:MemoryEndpoint</c> is true, and answered for loopback callers only: a forced full GC
/// pauses every request, so it must never be reachable from outside.
/// </summary>
internal static class MemoryDiagnostics
{
    public const string ConfigurationKey = "Messaging:Diagnostics:MemoryEndpoint";

    public static IServiceCollection AddMemoryDiagnostics(this IServiceCollection services)
    {
        services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.Section).ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapMemoryDiagnostics(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.MemoryEndpoint)
        {
            return app;
        }

        app.MapGet("/diagnostics/memory", (HttpContext context, bool? collect) =>
        {
            if (context.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address))
            {
                return Results.NotFound();
            }

            if (collect == true)
            {
                // Twice, with finalizers in between: objects kept alive only by a finalizer go in the second pass.
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            var info = GC.GetGCMemoryInfo(GCKind.Any);
            return Results.Json(new MemorySnapshot(
                GC.GetTotalMemory(forceFullCollection: false),
                info.HeapSizeBytes,
                info.TotalCommittedBytes,
                Environment.WorkingSet,
                GCSettings.IsServerGC,
                GC.CollectionCount(2)));
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Bytes; <c>HeapBytes</c> is the live managed heap (after the collection when one was asked for).</summary>
    internal sealed record MemorySnapshot(long HeapBytes, long GcHeapSizeBytes, long GcCommittedBytes, long WorkingSetBytes, bool ServerGc, int Gen2Collections);
}

/// <summary>The <c>Messaging:Diagnostics</c> section.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Messaging:Diagnostics";

    /// <summary>Map <c>GET /diagnostics/memory</c> (loopback callers only).</summary>
    public bool MemoryEndpoint { get; set; }
}
