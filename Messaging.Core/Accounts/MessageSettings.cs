using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Accounts;

public sealed record MessageSettingsView(
    bool EmailNotifications,
    bool PushNotifications,
    bool SoundNotifications,
    AllowMessagesFrom AllowMessagesFrom,
    bool AutoAcceptGroupInvites,
    string Language,
    bool SendReadReceipts);

/// <summary>A partial update: absent fields keep their value.</summary>
public sealed record UpdateMessageSettings(
    bool? EmailNotifications = null,
    bool? PushNotifications = null,
    bool? SoundNotifications = null,
    AllowMessagesFrom? AllowMessagesFrom = null,
    bool? AutoAcceptGroupInvites = null,
    string? Language = null,
    bool? SendReadReceipts = null);

public sealed class MessageSettingsHandler(IDbContextFactory<MessagingDbContext> dbFactory)
{
    public async Task<MessageSettingsView> GetAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        return ToView(user);
    }

    public async Task<MessageSettingsView> UpdateAsync(Guid userId, UpdateMessageSettings update, CancellationToken cancellationToken = default)
    {
        if (update.Language is not null)
        {
            ProfileRules.ValidateLanguage(update.Language);
        }

        if (update.AllowMessagesFrom is { } allow && !Enum.IsDefined(allow))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "allow_messages_from");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        user.EmailNotifications = update.EmailNotifications ?? user.EmailNotifications;
        user.PushNotifications = update.PushNotifications ?? user.PushNotifications;
        user.SoundNotifications = update.SoundNotifications ?? user.SoundNotifications;
        user.AllowMessagesFrom = update.AllowMessagesFrom ?? user.AllowMessagesFrom;
        user.AutoAcceptGroupInvites = update.AutoAcceptGroupInvites ?? user.AutoAcceptGroupInvites;
        user.Language = update.Language ?? user.Language;
        user.SendReadReceipts = update.SendReadReceipts ?? user.SendReadReceipts;
        await db.SaveChangesAsync(cancellationToken);
        return ToView(user);
    }

    private static MessageSettingsView ToView(User u) =>
        new(u.EmailNotifications, u.PushNotifications, u.SoundNotifications, u.AllowMessagesFrom, u.AutoAcceptGroupInvites, u.Language, u.SendReadReceipts);
}
