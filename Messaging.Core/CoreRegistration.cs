using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Common;
using Messaging.Core.Contacts;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core;

public static class CoreRegistration
{
    /// <summary>Everything the product does without a UI: persistence, use cases, encryption, the in-process event bus.</summary>
    public static IServiceCollection AddMessagingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddMessagingPersistence(configuration);
        services.AddSingleton<SqliteWriteGate>();

        services.AddSingleton<ConversationCipher>();
        // Registers IEventBus and the presence ports first, so the in-process defaults below stay unused.
        services.AddMessagingRealtime(configuration);
        services.AddSingleton<InMemoryPresence>();
        services.TryAddSingleton<IPresenceReader>(sp => sp.GetRequiredService<InMemoryPresence>());
        services.TryAddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<InMemoryPresence>());
        services.AddSingleton<InProcessEventBus>();
        services.TryAddSingleton<IEventBus>(sp => sp.GetRequiredService<InProcessEventBus>());

        services.AddScoped<RegisterUserHandler>();
        services.AddScoped<AdminSeeder>();
        services.AddSingleton<ProfileHandler>();
        services.AddSingleton<MessageSettingsHandler>();
        services.AddSingleton<UserVerificationHandler>();
        services.AddSingleton<ContactsHandler>();

        services.AddSingleton<ConversationReader>();
        services.AddSingleton<CreateConversationHandler>();
        services.AddSingleton<MembershipChange>();
        services.AddSingleton<RenameConversationHandler>();
        services.AddSingleton<AddParticipantsHandler>();
        services.AddSingleton<RemoveParticipantHandler>();
        services.AddSingleton<ConversationPreferences>();

        services.AddSingleton<MessageMapper>();
        services.AddSingleton<SendMessageHandler>();
        services.AddSingleton<GetMessagesHandler>();
        services.AddSingleton<ChangeMessageHandler>();
        services.AddSingleton<MarkReceiptHandler>();
        services.AddSingleton<SearchMessagesHandler>();
        services.AddSingleton<TypingHandler>();
        services.AddMessagingSessions(configuration);
        return services;
    }
}
