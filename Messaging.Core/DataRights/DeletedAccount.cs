using System.Globalization;
using System.Resources;

namespace Messaging.Core.DataRights;

/// <summary>How a deleted account appears to the others: its name becomes "Deleted user" in the reader's language.</summary>
public static class DeletedAccount
{
    private static readonly ResourceManager Manager = new("Messaging.Core.Resources.AccountsText", typeof(DeletedAccount).Assembly);

    /// <summary>"Deleted user" in the current UI culture (the request's, the circuit's).</summary>
    public static string Name =>
        Manager.GetString("DeletedUser", CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException("Missing text DeletedUser.");

    /// <summary>
    /// The name to show for a person: their own, or "Deleted user" once the account is gone. The one rule every list
    /// uses (chat, search, notifications, reports, admin pages), so a deleted account never shows as an empty name.
    /// </summary>
    public static string NameOf(string name, DateTime? deletedAt) => deletedAt is null ? name : Name;

    /// <summary>The same in a given language, for what is written for someone else (an email digest).</summary>
    public static string NameIn(string name, DateTime? deletedAt, CultureInfo culture) =>
        deletedAt is null ? name : Manager.GetString("DeletedUser", culture) ?? Name;

    /// <summary>The address a deleted account keeps: unique, not deliverable (RFC 2606 <c>.invalid</c>), and freeing the real one.</summary>
    public static string EmailOf(Guid userId) => $"deleted-{userId:N}@deleted.invalid";
}
