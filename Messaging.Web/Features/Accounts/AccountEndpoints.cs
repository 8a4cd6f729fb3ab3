using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Contacts;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.Accounts;

internal static class AccountEndpoints
{
    public sealed record UpdateProfileRequest(string? Name, string? Language, string? AvatarUrl);

    public sealed record SettingsRequest(
        bool? EmailNotifications,
        bool? PushNotifications,
        bool? SoundNotifications,
        AllowMessagesFrom? AllowMessagesFrom,
        bool? AutoAcceptGroupInvites,
        string? Language,
        bool? SendReadReceipts);

    public sealed record VerificationResponse(Guid UserId, VerificationStatus VerificationStatus);

    public static void MapAccountEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Accounts").RequireAuthorization();
        users.MapGet("/me", (ClaimsPrincipal me, ProfileHandler profiles, CancellationToken ct) => profiles.GetAsync(me.Id(), ct));
        users.MapPatch("/me", (UpdateProfileRequest body, ClaimsPrincipal me, ProfileHandler profiles, CancellationToken ct) =>
            profiles.UpdateAsync(me.Id(), new UpdateProfile(body.Name, body.Language, body.AvatarUrl), ct));
        users.MapGet("/", (string? query, int? limit, ClaimsPrincipal me, ProfileHandler profiles, CancellationToken ct) =>
            profiles.SearchDirectoryAsync(me.Id(), query, limit, ct)).RequireRateLimiting(RateLimiting.RateLimitPolicies.Search);
        users.MapPost("/{userId}/block", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.BlockAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        });
        users.MapDelete("/{userId}/block", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.UnblockAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        });

        var contactsGroup = api.MapGroup("/contacts").WithTags("Accounts").RequireAuthorization();
        contactsGroup.MapPost("/{userId}", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.AddContactAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        });
        contactsGroup.MapDelete("/{userId}", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.RemoveContactAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        });

        var settings = api.MapGroup("/messaging/settings").WithTags("Accounts").RequireAuthorization();
        settings.MapGet("/", (ClaimsPrincipal me, MessageSettingsHandler handler, CancellationToken ct) => handler.GetAsync(me.Id(), ct));
        settings.MapPut("/", (SettingsRequest body, ClaimsPrincipal me, MessageSettingsHandler handler, CancellationToken ct) =>
            handler.UpdateAsync(me.Id(), new UpdateMessageSettings(
                body.EmailNotifications, body.PushNotifications, body.SoundNotifications, body.AllowMessagesFrom,
                body.AutoAcceptGroupInvites, body.Language, body.SendReadReceipts), ct));

        var admin = api.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapPost("/{userId}/verify", async (Guid userId, ClaimsPrincipal me, UserVerificationHandler handler, CancellationToken ct) =>
        {
            var user = await handler.SetStatusAsync(me.Id(), userId, VerificationStatus.Verified, ct);
            return new VerificationResponse(user.UserId, user.VerificationStatus);
        });
        admin.MapPost("/{userId}/reject", async (Guid userId, ClaimsPrincipal me, UserVerificationHandler handler, CancellationToken ct) =>
        {
            var user = await handler.SetStatusAsync(me.Id(), userId, VerificationStatus.Rejected, ct);
            return new VerificationResponse(user.UserId, user.VerificationStatus);
        });
    }
}
