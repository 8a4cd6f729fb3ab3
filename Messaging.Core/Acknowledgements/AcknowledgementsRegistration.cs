using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Acknowledgements;

public static class AcknowledgementsRegistration
{
    /// <summary>"Please acknowledge" requests on messages and their answers.</summary>
    public static IServiceCollection AddAcknowledgements(this IServiceCollection services)
    {
        services.TryAddSingleton<AcknowledgeMessageHandler>();
        return services;
    }
}
