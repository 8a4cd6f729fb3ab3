using Messaging.Core.Accounts;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Bench;

/// <summary>
/// Verified users written straight to the database, for the bench's in-process circuits and the tests' component
/// harness (Messaging.Tests references the bench): the registration flow is not what either of them is about.
/// </summary>
public static class SeededUsers
{
    /// <param name="emailDomain">Where the made-up address lives (<c>bench.local</c>, <c>tests.local</c>): who made the row.</param>
    public static async Task<Guid> CreateVerifiedAsync(IDbContextFactory<MessagingDbContext> factory, string name, string emailDomain)
    {
        await using var db = await factory.CreateDbContextAsync();
        var email = $"u{Guid.CreateVersion7():N}@{emailDomain}";
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.CreateVersion7().ToString("N"),
            VerificationStatus = VerificationStatus.Verified,
            CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-1),
        };
        user.SetName(name);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }
}
