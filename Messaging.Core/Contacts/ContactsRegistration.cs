using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Contacts;

public static class ContactsRegistration
{
    /// <summary>Contacts and blocks.</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.TryAddSingleton<ContactsHandler>();
        return services;
    }
}
