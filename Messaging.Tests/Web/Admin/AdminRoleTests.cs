using System.Net;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Moderation;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Admin;

/// <summary>
/// Role changes (Core <see cref="AdminRoles"/>; API.md names no endpoint for them, the users page calls Core): audited,
/// refused for the last administrator, safe when two administrators step down at once. One fact per provider on its own
/// database, because the number of administrators is what is being tested.
/// </summary>
public abstract class AdminRoleTests(AppFixture app)
{
    [Fact]
    public async Task RoleChanges_LastAdministratorKept_AuditedAndOldTokensEnd()
    {
        using var api = app.Host.CreateApi();
        var roles = app.Host.Services.GetRequiredService<AdminRoles>();
        var admin = await api.LoginAdminAsync();
        var alice = await api.CreateVerifiedUserAsync("Alice New Admin");
        var pending = await api.RegisterAsync("Pending Not Admin");

        // The only administrator cannot step down, nor be made to.
        var last = await Assert.ThrowsAsync<MessagingException>(() => roles.RevokeAsync(admin.Id, admin.Id));
        Assert.Equal(ErrorCode.LastAdministrator, last.Code);
        var unverified = await Assert.ThrowsAsync<MessagingException>(() => roles.GrantAsync(admin.Id, pending.Id));
        Assert.Equal(ErrorCode.AdministratorNotVerified, unverified.Code);
        var notAdmin = await Assert.ThrowsAsync<MessagingException>(() => roles.GrantAsync(alice.Id, alice.Id));
        Assert.Equal(ErrorCode.NotAllowed, notAdmin.Code);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/admin/users", alice);

        var granted = await roles.GrantAsync(admin.Id, alice.Id);

        Assert.Equal([Roles.Admin], granted.Roles);
        var aliceAdmin = await api.LoginAsync(alice.Email, alice.Password);
        var listed = await api.GetAsync($"/api/v1/admin/users?query={Uri.EscapeDataString(alice.Email)}", aliceAdmin);
        Assert.Equal("admin", listed!["items"]![0]!["roles"]![0]!.GetValue<string>());
        var entry = (await api.GetAsync($"/api/v1/admin/audit?target_id={alice.Id}&action={AuditActions.RoleChanged}", admin))!.AsArray().Single()!;
        Assert.Equal(admin.Id.ToString(), entry["actor_id"]!.GetValue<string>());
        Assert.Equal(RoleChanges.Granted, entry["details"]!["change"]!.GetValue<string>());
        Assert.Equal(Roles.Admin, entry["details"]!["role"]!.GetValue<string>());

        // Both administrators step down at the same moment: exactly one may, the other is told someone must remain.
        var outcomes = await Task.WhenAll(
            Outcome(() => roles.RevokeAsync(admin.Id, admin.Id)),
            Outcome(() => roles.RevokeAsync(alice.Id, alice.Id)));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o == ErrorCode.LastAdministrator);
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var remaining = await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId).ToListAsync();
        var stepped = outcomes[0] is null ? admin : aliceAdmin;
        Assert.Equal([outcomes[0] is null ? alice.Id : admin.Id], remaining);
        // The one who stepped down held a token that says "admin": it stops working on every node.
        await AccessAssertions.ExpectRejectedWithinAsync(api, stepped);
        var removals = await db.Set<AuditEntry>().Where(e => e.Action == AuditActions.RoleChanged && e.TargetId == stepped.Id).ToListAsync();
        Assert.Contains(removals, e => e.Details!.Contains(RoleChanges.Removed, StringComparison.Ordinal));
    }

    private static async Task<ErrorCode?> Outcome(Func<Task<UserAdminView>> change)
    {
        try
        {
            await change();
            return null;
        }
        catch (MessagingException ex)
        {
            return ex.Code;
        }
    }
}

public sealed class AdminRoleTestsOnSqlite(SqliteAppFixture app) : AdminRoleTests(app), IClassFixture<SqliteAppFixture>;

public sealed class AdminRoleTestsOnPostgres(PostgresAppFixture app) : AdminRoleTests(app), IClassFixture<PostgresAppFixture>;
