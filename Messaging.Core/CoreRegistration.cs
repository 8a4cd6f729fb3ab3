using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Acknowledgements;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Contacts;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Moderation;
using Messaging.Core.Operations.SystemStatus;
using Messaging.Core.Persistence;
using Messaging.Core.Presence;
using Messaging.Core.Reactions;
using Messaging.Core.Realtime;
using Messaging.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core;

public static class CoreRegistration
{
    /// <summary>
    /// Everything the product does without a UI, feature by feature. Options are bound from <paramref name="configuration"/>
    /// and validated when the host starts: a bad value stops start-up with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddMessagingCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Hosts register their configuration already; plain service collections (tests, tools) get the one given here.
        services.TryAddSingleton(configuration);
        services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Database.Provider), "Messaging:Database:Provider must be Sqlite or Postgres.")
            .Validate(o => Enum.IsDefined(o.Database.SqliteSynchronous), "Messaging:Database:SqliteSynchronous must be Normal or Full.")
            .Validate(o => o.Database.Nodes >= 1 && o.Database.ReservedConnections >= 0 && o.Database.MaxConnections > o.Database.ReservedConnections,
                "Messaging:Database:Nodes must be at least 1, ReservedConnections not negative and below MaxConnections.")
            .Validate(o => o.Database.GroupCommitMaxBatch is >= 1 and <= 10_000, "Messaging:Database:GroupCommitMaxBatch must be between 1 and 10000.")
            .Validate(o => o.Database.GroupCommitWriters is >= 1 and <= 64, "Messaging:Database:GroupCommitWriters must be between 1 and 64.")
            .Validate(o => o.HasUsablePublicUrl, "Messaging:PublicUrl must be an absolute http or https URL such as https://messaging.example.com.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAttachments();
        Notifications.NotificationsRegistration.AddNotifications(services);
        Pins.PinsRegistration.AddPins(services);
        Drafts.DraftsRegistration.AddDrafts(services);
        Profiles.ProfilesRegistration.AddProfiles(services);
        DataRights.DataRightsRegistration.AddDataRights(services);
        Retention.RetentionRegistration.AddRetention(services);
        return services
            .AddPersistence()
            .AddEncryption()
            .AddRealtime()
            .AddPresence()
            .AddAccounts()
            .AddContacts()
            .AddConversations()
            .AddMessages()
            .AddReactions()
            .AddAcknowledgements()
            .AddSearch()
            .AddModeration()
            .AddMessagingSessions()
            .AddSystemStatus();
    }
}
