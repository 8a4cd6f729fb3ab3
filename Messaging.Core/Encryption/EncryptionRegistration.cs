using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Encryption;

public static class EncryptionRegistration
{
    /// <summary>Encryption at rest of sensitive conversations; the host provides the Data Protection key ring.</summary>
    public static IServiceCollection AddEncryption(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.TryAddSingleton<ConversationCipher>();
        return services;
    }
}
