using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Messaging.Core.Moderation.Reports;

/// <summary>One message of an evidence snapshot, as it read when the report was made.</summary>
public sealed record EvidenceMessage(Guid MessageId, Guid SenderId, string SenderName, string Content, DateTime SentAt);

/// <summary>
/// Seals evidence snapshots at rest under a Data Protection purpose of the moderation feature's own, narrowed to the
/// report, so the snapshot of an encrypted conversation is no easier to read from the database than the conversation
/// itself, and a sealed snapshot copied onto another report does not open.
/// </summary>
public sealed class ReportEvidence(IDataProtectionProvider dataProtection)
{
    private const string Purpose = "Messaging.Moderation.ReportEvidence.v1";
    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    public string Seal(Guid reportId, IReadOnlyList<EvidenceMessage> messages)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(messages);
        return Convert.ToBase64String(For(reportId).Protect(json));
    }

    /// <summary>The snapshot; empty when it cannot be opened here (its key is gone or it was tampered with).</summary>
    public IReadOnlyList<EvidenceMessage> Open(Guid reportId, string sealedEvidence)
    {
        try
        {
            var json = For(reportId).Unprotect(Convert.FromBase64String(sealedEvidence));
            return JsonSerializer.Deserialize<EvidenceMessage[]>(Encoding.UTF8.GetString(json)) ?? [];
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return [];
        }
    }

    private IDataProtector For(Guid reportId) => protector.CreateProtector(reportId.ToString("N"));
}
