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

    /// <summary>The name to show for a person: their own, or "Deleted user" once the account is gone.</summary>
    public static string NameOf(string name, DateTime? deletedAt) => deletedAt is null ? name : Name;

    /// <summary>The address a deleted account keeps: unique, not deliverable (RFC 2606 <c>.invalid</c>), and freeing the real one.</summary>
    public static string EmailOf(Guid userId) => $"deleted-{userId:N}@deleted.invalid";
}
