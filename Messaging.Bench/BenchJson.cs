using System.Diagnostics;
using System.Text.Json;

namespace Messaging.Bench;

/// <summary>
/// <c>--json FILE</c>: the run's options, machine load, results and server usage in one document (snake_case), so runs
/// can be compared by a script.
/// </summary>
public sealed record BenchJson(
    DateTime StartedAt,
    string? Commit,
    string LoadAverageStart,
    string LoadAverageEnd,
    string CommandLine,
    BenchCommandLine Options,
    ScenarioResult Result,
    ServerUsage? Server,
    IdleMemory? Idle,
    IReadOnlyList<MemorySample> Memory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
    }

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg): the machine is shared, so every figure carries it.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The checkout's commit, when the bench runs inside one.</summary>
    public static string? CurrentCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "--short", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            });
            if (git is null)
            {
                return null;
            }

            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
