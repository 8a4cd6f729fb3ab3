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
        users.MapGet("/me", (ClaimsPrincipal me, ProfileHandler profiles, CancellationToken ct) => profiles.GetAsync(me.Id(), ct)).WithSummary("The caller's profile and roles");
        users.MapPatch("/me", (UpdateProfileRequest body, ClaimsPrincipal me, ProfileHandler profiles, CancellationToken ct) =>
            profiles.UpdateAsync(me.Id(), new UpdateProfile(body.Name, body.Language, body.AvatarUrl), ct)).WithSummary("Change the caller's name, language or avatar URL");
        users.MapGet("/", (string? query, int? limit, ClaimsPrincipal me, ProfileHandler profiles, CancellationToken ct) =>
            profiles.SearchDirectoryAsync(me.Id(), query, limit, ct)).RequireRateLimiting(RateLimiting.RateLimitPolicies.Search).WithSummary("Find verified people by name or email prefix, to start a conversation");
        users.MapPost("/{userId}/block", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.BlockAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Block a person: they can no longer message the caller");
        users.MapDelete("/{userId}/block", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.UnblockAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Unblock a person");

        var contactsGroup = api.MapGroup("/contacts").WithTags("Accounts").RequireAuthorization();
        contactsGroup.MapPost("/{userId}", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.AddContactAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Add a person to the caller's contacts");
        contactsGroup.MapDelete("/{userId}", async (Guid userId, ClaimsPrincipal me, ContactsHandler contacts, CancellationToken ct) =>
        {
            await contacts.RemoveContactAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a person from the caller's contacts");

        var settings = api.MapGroup("/messaging/settings").WithTags("Accounts").RequireAuthorization();
        settings.MapGet("/", (ClaimsPrincipal me, MessageSettingsHandler handler, CancellationToken ct) => handler.GetAsync(me.Id(), ct)).WithSummary("The caller's messaging settings");
        settings.MapPut("/", (SettingsRequest body, ClaimsPrincipal me, MessageSettingsHandler handler, CancellationToken ct) =>
            handler.UpdateAsync(me.Id(), new UpdateMessageSettings(
                body.EmailNotifications, body.PushNotifications, body.SoundNotifications, body.AllowMessagesFrom,
                body.AutoAcceptGroupInvites, body.Language, body.SendReadReceipts), ct)).WithSummary("Change the caller's messaging settings");

        var admin = api.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapPost("/{userId}/verify", async (Guid userId, ClaimsPrincipal me, UserVerificationHandler handler, CancellationToken ct) =>
        {
            var user = await handler.SetStatusAsync(me.Id(), userId, VerificationStatus.Verified, ct);
            return new VerificationResponse(user.UserId, user.VerificationStatus);
        }).WithSummary("Verify a person so they can use messaging (administrators)");
        admin.MapPost("/{userId}/reject", async (Guid userId, ClaimsPrincipal me, UserVerificationHandler handler, CancellationToken ct) =>
        {
            var user = await handler.SetStatusAsync(me.Id(), userId, VerificationStatus.Rejected, ct);
            return new VerificationResponse(user.UserId, user.VerificationStatus);
        }).WithSummary("Reject a person's registration (administrators)");
    }
}
