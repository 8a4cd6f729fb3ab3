using Messaging.Core.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Accounts;

/// <summary>
/// Creates (or re-verifies) the administrator named by Messaging:Admin:Email and :Password when both are set. An existing
/// account that is not already an administrator is never promoted.
/// </summary>
public sealed class AdminSeeder(
    UserManager<User> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<AdminSeeder> logger)
{
    public async Task SeedAsync()
    {
        var admin = options.Value.Admin;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrWhiteSpace(admin.Password))
        {
            return;
        }

        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(Roles.Admin) { Id = Guid.CreateVersion7() });
        }

        var user = await users.FindByEmailAsync(admin.Email);
        if (user is null)
        {
            user = new User { Id = Guid.CreateVersion7(), UserName = admin.Email, Email = admin.Email, EmailConfirmed = true, CreatedAt = time.UtcNow() };
            user.SetName("Administrator");
            var created = await users.CreateAsync(user, admin.Password);
            if (!created.Succeeded)
            {
                logger.LogError("The administrator account could not be created: {Errors}", string.Join("; ", created.Errors.Select(e => e.Description)));
                return;
            }

            logger.LogInformation("Created the administrator account {Email}", admin.Email);
        }
        else if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            // Someone registered this address first (perhaps on purpose): promoting them would hand over the keys.
            logger.LogError(
                "Messaging:Admin:Email names an existing account that is not an administrator; it was left as it is. "
                + "Use another address, or grant the role deliberately.");
            return;
        }

        if (!user.IsVerified)
        {
            user.VerificationStatus = VerificationStatus.Verified;
            user.VerifiedAt = time.UtcNow();
            await users.UpdateAsync(user);
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            await users.AddToRoleAsync(user, Roles.Admin);
        }
    }
}
