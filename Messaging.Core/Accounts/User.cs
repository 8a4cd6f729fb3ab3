using Microsoft.AspNetCore.Identity;

namespace Messaging.Core.Accounts;

/// <summary>A person with an account; the Identity user plus profile and message settings.</summary>
public sealed class User : IdentityUser<Guid>
{
    public string Name { get; set; } = "";
    /// <summary>Where the avatar is served (<c>/api/v1/users/{id}/avatar?v=…</c>); null without one.</summary>
    public string? AvatarUrl { get; set; }

    /// <summary>The avatar's object in the attachment store; a new key per upload, so caches never show an old picture.</summary>
    public string? AvatarKey { get; set; }
    public string Language { get; set; } = Languages.English;
    public VerificationStatus VerificationStatus { get; set; } = VerificationStatus.Pending;
    public DateTime CreatedAt { get; set; }
    public DateTime? VerifiedAt { get; set; }

    /// <summary>Set while an administrator's suspension stands; <see cref="SuspendedUntil"/> null means until lifted.</summary>
    public DateTime? SuspendedAt { get; set; }
    public DateTime? SuspendedUntil { get; set; }
    public string? SuspensionReason { get; set; }

    /// <summary>
    /// Set when the person deleted their account (see <see cref="DataRights.DeleteAccountHandler"/>): the row stays so
    /// that others' conversations keep their history, but it is anonymous and can never sign in again.
    /// </summary>
    public DateTime? DeletedAt { get; set; }

    public bool EmailNotifications { get; set; } = true;
    public bool PushNotifications { get; set; } = true;
    public bool SoundNotifications { get; set; } = true;
    public AllowMessagesFrom AllowMessagesFrom { get; set; } = AllowMessagesFrom.Anyone;
    /// <summary>Off by default: being added to a group is an invite to accept, so nobody is drawn in (and seen) unasked.</summary>
    public bool AutoAcceptGroupInvites { get; set; }
    public bool SendReadReceipts { get; set; } = true;

    /// <summary>Lower-cased name for directory search; kept in step by <see cref="SetName"/>.</summary>
    public string NormalizedName { get; set; } = "";

    public bool IsVerified => VerificationStatus == VerificationStatus.Verified;

    /// <summary>Suspensions with an end date lift themselves: past that date the person is simply not suspended.</summary>
    public bool IsSuspendedAt(DateTime now) => SuspendedAt is not null && (SuspendedUntil is null || SuspendedUntil > now);

    public void SetName(string name)
    {
        Name = name;
        NormalizedName = Search.TextNormalizer.Normalize(name);
    }
}
