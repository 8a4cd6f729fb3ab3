using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Operations;

/// <summary>The <c>Messaging:CrashPoints</c> section: off unless set, for fault tests only (docs/reliability.md).</summary>
public sealed class CrashPointOptions
{
    public const string Section = "Messaging:CrashPoints";

    /// <summary>
    /// A send whose <c>client_message_id</c> starts with this text kills the process (SIGKILL) right after its commit,
    /// before its event is published: the one window a test cannot reach from outside.
    /// </summary>
    public string? AfterSendCommitted { get; set; }

    /// <summary>
    /// Pages carry a hidden button whose click throws in the circuit (Components/Layout/CircuitCrashPoint.razor), so a
    /// browser test can show what a person sees after an unhandled error.
    /// </summary>
    public bool CircuitEvent { get; set; }
}

/// <summary>
/// Kills this process at a chosen point, as a power cut or the OOM killer would, so a test of a real child process can
/// show what survives. Nothing happens unless configured; a node that has one set says so at every crash.
/// </summary>
public sealed class CrashPoints(IOptions<CrashPointOptions> options, ILogger<CrashPoints> logger)
{
    public void AfterSendCommitted(string? clientMessageId)
    {
        var marker = options.Value.AfterSendCommitted;
        if (!string.IsNullOrEmpty(marker) && clientMessageId is not null && clientMessageId.StartsWith(marker, StringComparison.Ordinal))
        {
            logger.LogCritical("Crash point Messaging:CrashPoints:AfterSendCommitted reached: killing this process.");
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}
