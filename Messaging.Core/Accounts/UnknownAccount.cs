using Microsoft.AspNetCore.Identity;

namespace Messaging.Core.Accounts;

/// <summary>
/// Signing in with an email that has no account costs the same password hashing as a wrong password for a real one,
/// so the answer's timing does not tell a stranger which emails have accounts.
/// </summary>
public static class UnknownAccount
{
    private static readonly User Nobody = new() { Id = Guid.Empty };

    // Made once per process with the configured hasher (same algorithm and work factor as real hashes); a race only
    // makes it twice.
    private static string? hash;

    public static void SpendPasswordCheck(UserManager<User> users, string? password)
    {
        hash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        _ = users.PasswordHasher.VerifyHashedPassword(Nobody, hash, password ?? "");
    }
}
