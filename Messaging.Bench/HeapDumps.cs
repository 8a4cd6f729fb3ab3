using System.Diagnostics;
using System.Globalization;

namespace Messaging.Bench;

/// <summary>
/// <c>--heap-dump DIR</c>: heap dumps of the child servers taken with <c>dotnet-dump collect --type Heap</c> right after
/// a forced full collection, so <c>dotnet-dump analyze FILE -c "dumpheap -stat"</c> lists what is retained, per type
/// (<c>dotnet-gcdump</c> falls back to lossy buffering on this runtime; docs/performance.md, "Circuit memory").
/// </summary>
internal static class HeapDumps
{
    public static async Task CollectAsync(string? directory, IEnumerable<ServerProcess> servers, string label, Action<string> log)
    {
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        // A global tool's folder is often not on PATH for non-login shells.
        var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-dump");
        var tool = File.Exists(installed) ? installed : "dotnet-dump";
        foreach (var server in servers)
        {
            var file = Path.Combine(directory, $"{label}-{server.Pid.ToString(CultureInfo.InvariantCulture)}.dmp");
            var info = new ProcessStartInfo(tool, ["collect", "-p", server.Pid.ToString(CultureInfo.InvariantCulture), "--type", "Heap", "-o", file])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet-dump (dotnet tool install -g dotnet-dump).");
            await process.WaitForExitAsync();
            log(process.ExitCode == 0 ? $"  heap dump: {file}" : $"  heap dump failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
