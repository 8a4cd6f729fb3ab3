using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Conversations;

public static class ConversationsRegistration
{
    /// <summary>Reading, creating and changing conversations, and each member's own preferences.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.TryAddSingleton<ConversationReader>();
        services.TryAddSingleton<CreateConversationHandler>();
        services.TryAddSingleton<MembershipChange>();
        services.TryAddSingleton<RenameConversationHandler>();
        services.TryAddSingleton<AddParticipantsHandler>();
        services.TryAddSingleton<RemoveParticipantHandler>();
        services.TryAddSingleton<ConversationPreferences>();
        services.TryAddSingleton<DeclineInviteHandler>();
        return services;
    }
}
