using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Messages;

public static class MessagesRegistration
{
    /// <summary>Sending, reading, editing and deleting messages, and receipts.</summary>
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddOptions<MessageOptions>()
            .BindConfiguration(MessageOptions.Section)
            .Validate(o => o.EditWindow >= TimeSpan.Zero, "Messaging:Messages:EditWindow must not be negative (00:00:00 means always).")
            .ValidateOnStart();
        services.AddOptions<Operations.CrashPointOptions>().BindConfiguration(Operations.CrashPointOptions.Section);
        services.TryAddSingleton<Operations.CrashPoints>();
        services.TryAddSingleton<EditWindow>();
        services.TryAddSingleton<EditHistoryHandler>();
        services.TryAddSingleton<MessageMapper>();
        services.TryAddSingleton<SendMessageHandler>();
        services.TryAddSingleton<GetMessagesHandler>();
        services.TryAddSingleton<ChangeMessageHandler>();
        services.TryAddSingleton<MarkReceiptHandler>();
        services.TryAddSingleton<MarkUnreadHandler>();
        return services;
    }
}
