using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Messages;

public static class MessagesRegistration
{
    /// <summary>Sending, reading, editing and deleting messages, and receipts.</summary>
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.TryAddSingleton<MessageMapper>();
        services.TryAddSingleton<SendMessageHandler>();
        services.TryAddSingleton<GetMessagesHandler>();
        services.TryAddSingleton<ChangeMessageHandler>();
        services.TryAddSingleton<MarkReceiptHandler>();
        return services;
    }
}
